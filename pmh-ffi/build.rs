//! Build script of libpmh: gives the shared library an SONAME (Linux) or
//! install name (macOS) that carries the major version, so a program linked
//! against `libpmh.so` records `libpmh.so.0` and an ABI-breaking `libpmh.so.1`
//! can be installed beside it.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let major = std::env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_else(|_| "0".into());
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    match os.as_str() {
        "linux" | "android" | "freebsd" | "netbsd" | "openbsd" | "dragonfly" | "illumos"
        | "solaris" => {
            println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libpmh.so.{major}");
        }
        "macos" | "ios" => {
            println!("cargo:rustc-cdylib-link-arg=-Wl,-install_name,@rpath/libpmh.{major}.dylib");
        }
        _ => {}
    }
}
