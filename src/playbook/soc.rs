//! The shipped playbooks for phishing, malware and unauthorized access.

use super::Phase::{
    ContainmentEradicationRecovery as Contain, DetectionAndAnalysis as Analyse,
    PostIncident as Post,
};
use super::{Phase, Playbook, TaskTemplate};
use crate::triage::Category;

/// `(name, title, phase, mandatory)` of one task.
type Row = (&'static str, &'static str, Phase, bool);

const PHISHING: &[Row] = &[
    (
        "collect-message",
        "Collect the reported message with full headers (.eml)",
        Analyse,
        true,
    ),
    (
        "analyse-headers",
        "Check sender, Reply-To, SPF, DKIM and DMARC results and relays",
        Analyse,
        true,
    ),
    (
        "detonate-attachments-links",
        "Detonate attachments and URLs in the sandbox; record verdicts",
        Analyse,
        false,
    ),
    (
        "scope-recipients",
        "Search mail logs for every recipient of the same sender, subject or URL",
        Analyse,
        true,
    ),
    (
        "check-clicks",
        "Check proxy, DNS and EDR logs for clicks and credential submissions",
        Analyse,
        true,
    ),
    (
        "purge-messages",
        "Purge the message from every mailbox that received it",
        Contain,
        true,
    ),
    (
        "block-indicators",
        "Block sender, domains and URLs on the mail gateway and proxy",
        Contain,
        false,
    ),
    (
        "reset-credentials",
        "Reset passwords and revoke sessions of users who submitted credentials",
        Contain,
        false,
    ),
    (
        "notify-reporter",
        "Tell the reporter the outcome and thank them",
        Post,
        false,
    ),
    (
        "lessons-learned",
        "Record detection gaps and awareness follow-ups",
        Post,
        false,
    ),
];

const MALWARE: &[Row] = &[
    (
        "acquire-triage-image",
        "Acquire volatile data and a triage image of the host before changes",
        Analyse,
        true,
    ),
    (
        "identify-sample",
        "Identify the sample: hashes, family, reputation, sandbox report",
        Analyse,
        true,
    ),
    (
        "scope-indicators",
        "Sweep the fleet for the sample's hashes, C2 domains and persistence",
        Analyse,
        true,
    ),
    (
        "isolate-host",
        "Isolate affected hosts from the network through EDR",
        Contain,
        true,
    ),
    (
        "block-c2",
        "Block command-and-control domains and addresses at DNS and egress",
        Contain,
        false,
    ),
    (
        "remove-persistence",
        "Remove the malware and its persistence, or reimage the host",
        Contain,
        true,
    ),
    (
        "restore-host",
        "Restore the host from a known-good state and return it to service",
        Contain,
        true,
    ),
    (
        "monitor-reinfection",
        "Watch restored hosts for reinfection for 14 days",
        Post,
        false,
    ),
    (
        "lessons-learned",
        "Record the root cause and the controls that failed",
        Post,
        false,
    ),
];

const UNAUTHORIZED_ACCESS: &[Row] = &[
    (
        "review-sign-ins",
        "Review sign-in logs: source addresses, devices, MFA results, impossible travel",
        Analyse,
        true,
    ),
    (
        "confirm-with-user",
        "Confirm with the account owner whether the activity was theirs",
        Analyse,
        true,
    ),
    (
        "scope-activity",
        "Establish what the account accessed, changed or exfiltrated",
        Analyse,
        true,
    ),
    (
        "disable-sessions",
        "Revoke sessions and tokens; disable the account if still in use",
        Contain,
        true,
    ),
    (
        "reset-credentials",
        "Reset the password and re-register MFA factors",
        Contain,
        true,
    ),
    (
        "remove-attacker-access",
        "Remove mailbox rules, app consents, keys and devices the attacker added",
        Contain,
        true,
    ),
    (
        "assess-notification",
        "Assess whether personal data was exposed and a notification duty applies",
        Post,
        true,
    ),
    (
        "lessons-learned",
        "Record how access was gained and which controls to strengthen",
        Post,
        false,
    ),
];

impl super::Playbooks {
    /// The shipped playbooks, written as a SOC runs them along the NIST
    /// SP 800-61 phases: `phishing`, `malware` and `unauthorized-access`,
    /// for the categories of the same names at any severity.
    ///
    /// Mandatory tasks are those without which the case cannot be closed
    /// with confidence: evidence kept, scope known, the threat contained
    /// and, for unauthorized access, the notification duty assessed.
    pub fn soc() -> Self {
        let playbooks = vec![
            playbook("phishing", Category::phishing(), PHISHING),
            playbook("malware", Category::malware(), MALWARE),
            playbook(
                "unauthorized-access",
                Category::unauthorized_access(),
                UNAUTHORIZED_ACCESS,
            ),
        ];
        match Self::new(playbooks) {
            Ok(set) => set,
            // The tables above are constants checked by a unit test.
            Err(error) => unreachable!("the shipped playbooks are invalid: {error}"),
        }
    }
}

fn playbook(name: &str, category: Category, rows: &[Row]) -> Playbook {
    let mut playbook = Playbook::new(super::PlaybookName(name.to_owned()), category);
    playbook.tasks = rows.iter().map(task).collect();
    playbook
}

fn task(&(name, title, phase, mandatory): &Row) -> TaskTemplate {
    TaskTemplate {
        name: super::TaskName(name.to_owned()),
        title: crate::text::Title(title.to_owned()),
        phase,
        mandatory,
    }
}
