//! The obligations of DOMAIN.md's table, as data.

use chrono_tz::Tz;

use super::{Clock, LegalBasis, Obligation, Period, Regime, ReportTitle};
use crate::case::Fact;
use crate::text::ObligationId;

/// EU periods in days and months are counted in Brussels time.
const EU: Tz = Tz::Europe__Brussels;
/// US periods in days are counted in New York time, where EDGAR runs.
const US: Tz = Tz::America__New_York;

pub(super) fn obligations() -> Vec<Obligation> {
    let mut list = vec![gdpr()];
    list.extend(nis2());
    list.extend(dora());
    list.extend([sec(), hipaa()]);
    list.extend(circia());
    list
}

/// An obligation from trusted literals (checked by the tests below).
fn entry(id: &str, regime: &str, report: &str, basis: &str, starts: Clock, zone: Tz) -> Obligation {
    Obligation::new(
        ObligationId(id.to_owned()),
        Regime(regime.to_owned()),
        ReportTitle(report.to_owned()),
        LegalBasis(basis.to_owned()),
        starts,
    )
    .in_time_zone(zone)
}

fn submitted(id: &str) -> Fact {
    Fact::ReportSubmitted {
        obligation: ObligationId(id.to_owned()),
    }
}

fn gdpr() -> Obligation {
    entry(
        "gdpr-art33",
        "gdpr",
        "Notification of a personal data breach to the supervisory authority",
        "Regulation (EU) 2016/679 (GDPR), Art. 33(1)",
        Clock::new(Fact::PersonalDataBreach, Period::hours(72)),
        EU,
    )
}

fn nis2() -> [Obligation; 3] {
    let art = "Directive (EU) 2022/2555 (NIS2), Art. 23(4)";
    [
        entry(
            "nis2-early-warning",
            "nis2",
            "Early warning to the CSIRT or competent authority",
            &format!("{art}(a)"),
            Clock::new(Fact::SignificantIncident, Period::hours(24)),
            EU,
        ),
        entry(
            "nis2-notification",
            "nis2",
            "Incident notification to the CSIRT or competent authority",
            &format!("{art}(b)"),
            Clock::new(Fact::SignificantIncident, Period::hours(72)),
            EU,
        ),
        entry(
            "nis2-final-report",
            "nis2",
            "Final report to the CSIRT or competent authority",
            &format!("{art}(d)"),
            Clock::new(submitted("nis2-notification"), Period::calendar_months(1)),
            EU,
        ),
    ]
}

fn dora() -> [Obligation; 3] {
    let basis = "Regulation (EU) 2022/2554 (DORA), Art. 19(4); \
                 Delegated Regulation (EU) 2025/301, Art. 5";
    let initial = entry(
        "dora-initial",
        "dora",
        "Initial notification of a major ICT-related incident",
        basis,
        Clock::new(Fact::ClassifiedMajor, Period::hours(4)),
        EU,
    )
    .no_later_than(Clock::new(Fact::SignificantIncident, Period::hours(24)));
    let intermediate = entry(
        "dora-intermediate",
        "dora",
        "Intermediate report on a major ICT-related incident",
        basis,
        Clock::new(submitted("dora-initial"), Period::hours(72)),
        EU,
    );
    let last = entry(
        "dora-final",
        "dora",
        "Final report on a major ICT-related incident",
        basis,
        Clock::new(submitted("dora-intermediate"), Period::calendar_months(1)),
        EU,
    );
    [initial, intermediate, last]
}

fn sec() -> Obligation {
    entry(
        "sec-8k-1.05",
        "sec",
        "Form 8-K, Item 1.05: disclosure of a material cybersecurity incident",
        "17 CFR 249.308 (Form 8-K), General Instruction B.1 and Item 1.05",
        Clock::new(Fact::MaterialityDetermined, Period::us_business_days(4)),
        US,
    )
}

fn hipaa() -> Obligation {
    entry(
        "hipaa-164.404",
        "hipaa",
        "Notification of individuals of a breach of unsecured protected health information",
        "45 CFR 164.404(b)",
        Clock::new(Fact::HealthDataBreach, Period::calendar_days(60)),
        US,
    )
}

fn circia() -> [Obligation; 2] {
    let proposed = "6 CFR Part 226 as proposed (89 FR 23644, April 2024), not yet in force";
    [
        entry(
            "circia-incident",
            "circia",
            "Covered cyber incident report to CISA",
            &format!("6 U.S.C. 681b(a)(1); {proposed}"),
            Clock::new(Fact::CoveredIncident, Period::hours(72)),
            US,
        ),
        entry(
            "circia-ransom",
            "circia",
            "Ransom payment report to CISA",
            &format!("6 U.S.C. 681b(a)(2); {proposed}"),
            Clock::new(Fact::RansomPaid, Period::hours(24)),
            US,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::Obligations;
    use super::*;

    #[test]
    fn the_builtin_table_validates() {
        let list = obligations();
        let again = serde_json::to_value(&list).unwrap();
        let parsed: Obligations = serde_json::from_value(again).unwrap();
        assert_eq!(parsed.as_slice(), list.as_slice());
        assert_eq!(Obligations::new(list).map(|t| t.as_slice().len()), Ok(11));
    }
}
