use crate::text::{TextError, check_text, name_text, text_common};

name_text!(
    /// The legal regime an obligation comes from, such as `gdpr` or `nis2`.
    Regime, "regime"
);

/// What an obligation asks to be submitted, such as `Early warning to the
/// CSIRT` (1 to 256 characters, one line).
///
/// DOMAIN.md calls this the obligation's stage; the crate says report,
/// because a stage is a group of workflow statuses.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct ReportTitle(pub(crate) String);

impl ReportTitle {
    /// Validates a report title.
    ///
    /// # Errors
    ///
    /// [`TextError`] when the text is empty, longer than 256 characters or
    /// holds a control character.
    pub fn new(text: impl Into<String>) -> Result<Self, TextError> {
        let text = text.into();
        check_text("report title", &text, 1, 256, false)?;
        Ok(Self(text))
    }
}

text_common!(ReportTitle);

/// Where an obligation is written, such as `Regulation (EU) 2016/679,
/// Art. 33(1)` (1 to 1,024 characters, one line).
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct LegalBasis(pub(crate) String);

impl LegalBasis {
    /// Validates a legal basis.
    ///
    /// # Errors
    ///
    /// [`TextError`] when the text is empty, longer than 1,024 characters
    /// or holds a control character.
    pub fn new(text: impl Into<String>) -> Result<Self, TextError> {
        let text = text.into();
        check_text("legal basis", &text, 1, 1_024, false)?;
        Ok(Self(text))
    }
}

text_common!(LegalBasis);
