crate::text::name_text!(
    /// What kind of case this is, such as `phishing` or `malware`.
    ///
    /// Categories are open: a host may use any name of lowercase letters,
    /// digits and `-_.:`, for example the ENISA taxonomy's
    /// `rsit:malicious-code`. The seed taxonomy of a SOC is available as
    /// constructors.
    Category, "category"
);

impl Category {
    fn known(name: &str) -> Self {
        Self(name.to_owned())
    }

    /// `phishing`.
    pub fn phishing() -> Self {
        Self::known("phishing")
    }

    /// `malware`.
    pub fn malware() -> Self {
        Self::known("malware")
    }

    /// `unauthorized-access`.
    pub fn unauthorized_access() -> Self {
        Self::known("unauthorized-access")
    }

    /// `uncategorized`: a case nobody has categorised yet.
    pub fn uncategorized() -> Self {
        Self::known("uncategorized")
    }
}
