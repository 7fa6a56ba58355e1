//! `pmh.check_id` and the typed identifier classes (`pmh.PayerNumber`, …).
//!
//! Identifier text is read with lone surrogates replaced by U+FFFD, so such a
//! value simply fails its digit rule. Errors carry the rule's code and static
//! message, never the value; `MyNumber` shows only its masked form.

use crate::convert::serialize_to_py;
use crate::errors::{self, Kind};
use pmh_core::ids::{
    self, CheckOptions, IdError, IdKind, InstitutionCode, InsurerNumber, MunicipalityCode,
    MyNumber, PayerNumber, RecipientNumber, RecipientRule,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;

/// The text of an identifier argument (lone surrogates become U+FFFD).
fn id_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    let s = value
        .cast::<PyString>()
        .map_err(|_| PyTypeError::new_err("an identifier must be given as a str"))?;
    Ok(s.to_string_lossy().into_owned())
}

fn id_err(py: Python<'_>, e: IdError) -> PyErr {
    errors::err(py, Kind::Identifier, e.code(), e.rule().message_en)
}

fn parse_kind(kind: Option<&str>) -> PyResult<Option<IdKind>> {
    match kind {
        None => Ok(None),
        Some(k) => IdKind::parse(k).map(Some).ok_or_else(|| {
            PyValueError::new_err(
                "unknown identifier kind (expected payer, recipient, insurer, institution, municipality or mynumber)",
            )
        }),
    }
}

fn parse_rule(rule: Option<&str>) -> PyResult<Option<RecipientRule>> {
    match rule {
        None => Ok(None),
        Some("national") => Ok(Some(RecipientRule::National)),
        Some("local") => Ok(Some(RecipientRule::Local)),
        Some(_) => Err(PyValueError::new_err(
            "unknown recipient rule (expected \"national\" or \"local\")",
        )),
    }
}

fn rule_str(rule: RecipientRule) -> &'static str {
    match rule {
        RecipientRule::National => "national",
        RecipientRule::Local => "local",
    }
}

/// A payer number given as a `PayerNumber` or a str.
fn payer_arg(py: Python<'_>, payer: Option<&Bound<'_, PyAny>>) -> PyResult<Option<PayerNumber>> {
    let Some(p) = payer else { return Ok(None) };
    if p.is_none() {
        return Ok(None);
    }
    if let Ok(typed) = p.cast::<PyPayerNumber>() {
        return Ok(Some(typed.get().0));
    }
    PayerNumber::parse(&id_text(p)?)
        .map(Some)
        .map_err(|e| id_err(py, e))
}

/// `pmh.check_id(value, kind=None, *, payer=None, rule=None) -> dict`.
#[pyfunction]
#[pyo3(signature = (value, kind=None, *, payer=None, rule=None))]
pub fn check_id<'py>(
    py: Python<'py>,
    value: &Bound<'py, PyAny>,
    kind: Option<&str>,
    payer: Option<&Bound<'py, PyAny>>,
    rule: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let text = id_text(value)?;
    let options = CheckOptions {
        recipient_rule: parse_rule(rule)?,
        payer: payer_arg(py, payer)?,
    };
    let result = ids::check(&text, parse_kind(kind)?, &options);
    serialize_to_py(py, &result)
}

/// `pmh.guess_id_kind(value) -> str | None`.
#[pyfunction]
pub fn guess_id_kind(value: &Bound<'_, PyAny>) -> PyResult<Option<&'static str>> {
    Ok(ids::guess_kind(&id_text(value)?).map(IdKind::as_str))
}

/// Common methods of the fixed-rule identifier classes.
macro_rules! id_common {
    ($py_t:ident, $inner:ty, $name:literal, { $($extra:tt)* }) => {
        #[pymethods]
        impl $py_t {
            #[new]
            fn py_new(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<Self> {
                <$inner>::parse(&id_text(value)?)
                    .map($py_t)
                    .map_err(|e| id_err(py, e))
            }

            fn __str__(&self) -> &str {
                self.0.as_str()
            }

            fn __repr__(&self) -> String {
                format!(concat!($name, "('{}')"), self.0.as_str())
            }

            /// The check digit (検証番号).
            #[getter]
            fn check_digit(&self) -> u8 {
                self.0.check_digit()
            }

            $($extra)*
        }
    };
}

/// 公費負担者番号 (payer number).
#[pyclass(name = "PayerNumber", module = "pmh", frozen, eq, ord, hash)]
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PyPayerNumber(pub PayerNumber);
id_common!(PyPayerNumber, PayerNumber, "PayerNumber", {
    /// 法別番号 (law code), the first two digits, as an int.
    #[getter]
    fn law_code(&self) -> u8 {
        self.0.law_code().code()
    }
    /// 都道府県番号 (prefecture number), 1-47.
    #[getter]
    fn prefecture(&self) -> u8 {
        self.0.prefecture().code()
    }
    /// Prefecture name in kanji.
    #[getter]
    fn prefecture_name(&self) -> &'static str {
        self.0.prefecture().name()
    }
    /// 実施機関番号 (implementing agency), 3 digits.
    #[getter]
    fn agency(&self) -> &str {
        self.0.agency()
    }
    /// Whether the law code is a national 公費 scheme.
    #[getter]
    fn is_national(&self) -> bool {
        self.0.is_national()
    }
    /// Name of the national scheme, `None` for local schemes.
    #[getter]
    fn scheme(&self) -> Option<&'static str> {
        self.0.law_code().national_scheme()
    }
});

/// 保険者番号 (insurer number).
#[pyclass(name = "InsurerNumber", module = "pmh", frozen, eq, ord, hash)]
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PyInsurerNumber(pub InsurerNumber);
id_common!(PyInsurerNumber, InsurerNumber, "InsurerNumber", {
    /// Whether this is a 6-digit 国民健康保険 (kokuho) number.
    #[getter]
    fn is_kokuho(&self) -> bool {
        self.0.is_kokuho()
    }
    /// 法別番号 (law code), `None` for 国保.
    #[getter]
    fn law_code(&self) -> Option<u8> {
        self.0.law_code().map(|l| l.code())
    }
    /// 都道府県番号 (prefecture number), 1-47.
    #[getter]
    fn prefecture(&self) -> u8 {
        self.0.prefecture().code()
    }
    /// Prefecture name in kanji.
    #[getter]
    fn prefecture_name(&self) -> &'static str {
        self.0.prefecture().name()
    }
    /// 保険者別番号 (serial).
    #[getter]
    fn serial(&self) -> &str {
        self.0.serial()
    }
    /// The 8-character form (国保 numbers padded with two spaces).
    #[getter]
    fn padded(&self) -> &str {
        self.0.as_padded_str()
    }
});

/// 医療機関コード (institution code).
#[pyclass(name = "InstitutionCode", module = "pmh", frozen, eq, ord, hash)]
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PyInstitutionCode(pub InstitutionCode);
id_common!(PyInstitutionCode, InstitutionCode, "InstitutionCode", {
    /// 都道府県番号 (prefecture number), 1-47.
    #[getter]
    fn prefecture(&self) -> u8 {
        self.0.prefecture().code()
    }
    /// Prefecture name in kanji.
    #[getter]
    fn prefecture_name(&self) -> &'static str {
        self.0.prefecture().name()
    }
    /// 点数表番号 (score table digit: 1 医科, 3 歯科, 4 調剤, ...).
    #[getter]
    fn score_table(&self) -> u8 {
        self.0.score_table().code()
    }
    /// 郡市区番号 (district).
    #[getter]
    fn district(&self) -> &str {
        self.0.district()
    }
    /// 医療機関番号 (institution number within the district).
    #[getter]
    fn institution_number(&self) -> &str {
        self.0.institution_number()
    }
    /// The 7-digit code (district + number + check digit) used on receipts.
    #[getter]
    fn seven_digit_code(&self) -> &str {
        self.0.seven_digit_code()
    }
});

/// 全国地方公共団体コード (local government code).
#[pyclass(name = "MunicipalityCode", module = "pmh", frozen, eq, ord, hash)]
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PyMunicipalityCode(pub MunicipalityCode);
id_common!(PyMunicipalityCode, MunicipalityCode, "MunicipalityCode", {
    /// 都道府県番号 (prefecture number), 1-47.
    #[getter]
    fn prefecture(&self) -> u8 {
        self.0.prefecture().code()
    }
    /// Prefecture name in kanji.
    #[getter]
    fn prefecture_name(&self) -> &'static str {
        self.0.prefecture().name()
    }
    /// The three municipal digits.
    #[getter]
    fn municipal_part(&self) -> &str {
        self.0.municipal_part()
    }
    /// Whether the code names a prefecture itself.
    #[getter]
    fn is_prefecture(&self) -> bool {
        self.0.is_prefecture()
    }
    /// The 5-digit JIS X 0401/0402 code (without check digit).
    #[getter]
    fn jis_code(&self) -> &str {
        self.0.jis_code()
    }
});

/// 公費受給者番号 (recipient number).
#[pyclass(name = "RecipientNumber", module = "pmh", frozen, eq, ord, hash)]
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PyRecipientNumber(pub RecipientNumber);

#[pymethods]
impl PyRecipientNumber {
    #[new]
    #[pyo3(signature = (value, *, rule=None, payer=None))]
    fn py_new(
        py: Python<'_>,
        value: &Bound<'_, PyAny>,
        rule: Option<&str>,
        payer: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let options = CheckOptions {
            recipient_rule: parse_rule(rule)?,
            payer: payer_arg(py, payer)?,
        };
        RecipientNumber::parse(&id_text(value)?, options.effective_recipient_rule())
            .map(PyRecipientNumber)
            .map_err(|e| id_err(py, e))
    }

    fn __str__(&self) -> &str {
        self.0.as_str()
    }

    fn __repr__(&self) -> String {
        format!("RecipientNumber('{}')", self.0.as_str())
    }

    /// `"national"` (7 digits with check digit) or `"local"`.
    #[getter]
    fn rule(&self) -> &'static str {
        rule_str(self.0.rule())
    }

    /// The check digit (national rule), else `None`.
    #[getter]
    fn check_digit(&self) -> Option<u8> {
        self.0.check_digit()
    }
}

/// 個人番号 (My Number). `str()` and `repr()` are masked; `expose()` gives the digits.
#[pyclass(name = "MyNumber", module = "pmh", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PyMyNumber(pub MyNumber);

#[pymethods]
impl PyMyNumber {
    #[new]
    fn py_new(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<Self> {
        MyNumber::parse(&id_text(value)?)
            .map(PyMyNumber)
            .map_err(|e| id_err(py, e))
    }

    fn __str__(&self) -> String {
        self.0.masked()
    }

    fn __repr__(&self) -> String {
        format!("MyNumber('{}')", self.0.masked())
    }

    /// The masked form, `********` plus the last four digits.
    #[getter]
    fn masked(&self) -> String {
        self.0.masked()
    }

    /// The full 12 digits. Handle with care: this is personal data.
    fn expose(&self) -> &str {
        self.0.expose()
    }

    fn __reduce__(&self) -> PyResult<()> {
        Err(PyTypeError::new_err(
            "MyNumber cannot be pickled (it would write the full number); pickle expose() explicitly if you must",
        ))
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(check_id, m)?)?;
    m.add_function(wrap_pyfunction!(guess_id_kind, m)?)?;
    m.add_class::<PyPayerNumber>()?;
    m.add_class::<PyRecipientNumber>()?;
    m.add_class::<PyInsurerNumber>()?;
    m.add_class::<PyInstitutionCode>()?;
    m.add_class::<PyMunicipalityCode>()?;
    m.add_class::<PyMyNumber>()?;
    Ok(())
}
