//! # pmh-core
//!
//! Pure-Rust core of **pmh**, the library that parties of Japan's Public Medical Hub
//! (PMH) link to exchange medical-subsidy, immunization and checkup data.
//!
//! Modules are named after domain nouns:
//! - [`ids`]: validated identifiers (公費負担者番号, 受給者番号, 保険者番号, 医療機関コード,
//!   地方公共団体コード, 個人番号).
//! - [`calendar`]: Japanese era dates (和暦) and legal age / interval arithmetic.
//! - [`validate`]: validation reports (all issues found in one pass).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod calendar;
pub mod canon;
pub mod checkup;
pub mod envelope;
pub mod ids;
pub mod immunization;
pub mod messages;
pub mod subsidy;
pub mod text;
pub mod validate;
