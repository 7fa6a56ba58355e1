//! The committed header `include/pmh.h` must be exactly what cbindgen
//! generates from this crate with `pmh-ffi/cbindgen.toml` (the same bytes as
//! `cbindgen --config pmh-ffi/cbindgen.toml --crate pmh-ffi --output include/pmh.h pmh-ffi`
//! run from the repository root).
//!
//! Set `PMH_UPDATE_HEADER=1` to rewrite `include/pmh.h` instead of failing.

use std::path::{Path, PathBuf};

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn header_path() -> PathBuf {
    crate_dir().join("..").join("include").join("pmh.h")
}

fn generate() -> String {
    let dir = crate_dir();
    let config =
        cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("read pmh-ffi/cbindgen.toml");
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_crate(&dir)
        .generate()
        .expect("cbindgen failed on pmh-ffi");
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).expect("cbindgen output is UTF-8")
}

fn first_difference(a: &str, b: &str) -> String {
    for (i, (la, lb)) in a.lines().zip(b.lines()).enumerate() {
        if la != lb {
            return format!("line {}:\n  committed: {la}\n  generated: {lb}", i + 1);
        }
    }
    format!(
        "lengths differ ({} vs {} lines)",
        a.lines().count(),
        b.lines().count()
    )
}

#[test]
fn header_is_up_to_date() {
    let generated = generate();
    let path = header_path();
    if std::env::var_os("PMH_UPDATE_HEADER").is_some_and(|v| v == "1") {
        std::fs::write(&path, &generated).expect("write include/pmh.h");
        eprintln!("rewrote {}", path.display());
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "include/pmh.h is out of date with pmh-ffi/src ({}).\n\
         Regenerate it with: PMH_UPDATE_HEADER=1 cargo test -p pmh-ffi --test header\n\
         (or: cbindgen --config pmh-ffi/cbindgen.toml --crate pmh-ffi --output include/pmh.h pmh-ffi)",
        first_difference(&committed, &generated),
    );
}

/// The version macros (set in cbindgen.toml's `after_includes`) follow the
/// package version, so a version bump cannot ship a stale header.
#[test]
fn header_version_macros_match_the_package() {
    let header = generate();
    for (name, value) in [
        (
            "PMH_VERSION_MAJOR",
            env!("CARGO_PKG_VERSION_MAJOR").to_string(),
        ),
        (
            "PMH_VERSION_MINOR",
            env!("CARGO_PKG_VERSION_MINOR").to_string(),
        ),
        (
            "PMH_VERSION_PATCH",
            env!("CARGO_PKG_VERSION_PATCH").to_string(),
        ),
        (
            "PMH_VERSION_STRING",
            format!("\"{}\"", env!("CARGO_PKG_VERSION")),
        ),
    ] {
        let line = format!("#define {name} {value}\n");
        assert!(
            header.contains(&line),
            "pmh-ffi/cbindgen.toml must define `{}` (update after_includes)",
            line.trim_end()
        );
    }
}

/// Every `#[no_mangle]` export in src/ appears in the header (cbindgen
/// silently skips what it cannot translate).
#[test]
fn every_export_is_declared() {
    let header = generate();
    let src = crate_dir().join("src");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&src).expect("read src") {
        let path = entry.expect("dir entry").path();
        let text = std::fs::read_to_string(&path).expect("read source");
        collect_missing(&path, &text, &header, &mut missing);
    }
    assert!(
        missing.is_empty(),
        "exports missing from pmh.h: {missing:?}"
    );
}

fn collect_missing(path: &Path, text: &str, header: &str, missing: &mut Vec<String>) {
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "#[no_mangle]" {
            continue;
        }
        let Some(sig) = lines.next() else { break };
        let Some(rest) = sig.split("extern \"C\" fn ").nth(1) else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !header.contains(&format!(" {name}(")) && !header.contains(&format!("*{name}(")) {
            missing.push(format!("{}: {name}", path.display()));
        }
    }
}
