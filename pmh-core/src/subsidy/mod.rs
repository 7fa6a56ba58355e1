//! 医療費助成 (medical-subsidy) exchange: recipient certificates (受給者証),
//! eligibility at a visit, copayment computation and the monthly cap ledger
//! (自己負担上限額管理票).
//!
//! Facts and sources: `shared/reference/subsidy.md` (§1 numbers, §3 法別番号,
//! §4 caps and rounding, §6 PMH and ORCA fields).

mod certificate;
pub mod copayment;
pub mod eligibility;
pub mod ledger;
pub mod messages;
pub mod scheme;
pub mod validation;

pub use certificate::{
    BasicFiveInfo, Certificate, CertificationDetail, CopaymentRule, DesignatedInstitution,
    MealCoverage, Setting,
};
pub use validation::{rules, validate_certificate, validate_certificate_at, ValidationOptions};

#[cfg(test)]
mod tests;
