//! Which steps a sign-in must still go through: a pure function of the account's facts and the
//! time (R-AUTH-4, R-AUTH-5, R-OTP-2). Later steps slot in by adding a fact and a line here.
use bailleur_api_types::auth::Step;
use time::{Duration, OffsetDateTime};

/// What the planner needs to know about the account being signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountFacts {
    /// The account has an email and it was validated by a code at least once.
    pub email_validated_at: Option<OffsetDateTime>,
    pub has_email: bool,
    /// The password was issued by the agency and must be replaced (R-AUTH-5, R-RESET-3).
    pub provisional_password: bool,
    /// The current usage rules and terms of use are accepted (R-AUTH-5).
    pub terms_accepted: bool,
    /// Other accounts share the email: the user picks one (R-AUTH-2).
    pub shares_email: bool,
}

/// R-OTP-2: a code is asked at sign-in only when more than `interval` has passed since the last
/// validation of that email.
pub fn otp_due(
    last_validated_at: Option<OffsetDateTime>,
    now: OffsetDateTime,
    interval: Duration,
) -> bool {
    match last_validated_at {
        None => true,
        Some(at) => now - at > interval,
    }
}

/// The steps due, in order. `confirm_email` ends with its own code, so `otp` is not added twice.
pub fn plan(facts: &AccountFacts, now: OffsetDateTime, otp_interval: Duration) -> Vec<Step> {
    let mut steps = Vec::new();
    if !facts.has_email || facts.email_validated_at.is_none() {
        steps.push(Step::ConfirmEmail);
    }
    steps.push(Step::Otp);
    // A provisional password was handed out (by the agency, a letter): whoever holds it proves
    // the address in this flow, whenever the address was last proven by others (R-LINK-3).
    if steps.len() == 1
        && !facts.provisional_password
        && !otp_due(facts.email_validated_at, now, otp_interval)
    {
        steps.clear();
    }
    if facts.provisional_password {
        steps.push(Step::NewPassword);
    }
    if !facts.terms_accepted {
        steps.push(Step::AcceptTerms);
    }
    if facts.shares_email {
        steps.push(Step::SelectAccount);
    }
    steps
}

/// Steps are stored as a comma-separated list so that any server process can continue a flow.
pub fn encode(steps: &[Step]) -> String {
    steps
        .iter()
        .map(|step| step.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// The inverse of [`encode`]; unknown names (from a newer server) are an error, not dropped.
pub fn decode(stored: &str) -> Option<Vec<Step>> {
    stored
        .split(',')
        .filter(|part| !part.is_empty())
        .map(Step::parse)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const DAY: Duration = Duration::minutes(1440);
    const NOW: OffsetDateTime = datetime!(2026-07-01 09:00 UTC);

    fn validated(ago: Duration) -> AccountFacts {
        AccountFacts {
            email_validated_at: Some(NOW - ago),
            has_email: true,
            provisional_password: false,
            terms_accepted: true,
            shares_email: false,
        }
    }

    #[test]
    fn r_otp_2_code_only_after_the_window() {
        assert_eq!(plan(&validated(Duration::hours(2)), NOW, DAY), vec![]);
        assert_eq!(plan(&validated(DAY), NOW, DAY), vec![]);
        assert_eq!(
            plan(&validated(DAY + Duration::minutes(1)), NOW, DAY),
            vec![Step::Otp]
        );
    }

    #[test]
    fn r_auth_4_unvalidated_or_missing_email_is_confirmed_first() {
        let never = AccountFacts {
            email_validated_at: None,
            ..validated(Duration::ZERO)
        };
        assert_eq!(plan(&never, NOW, DAY), vec![Step::ConfirmEmail, Step::Otp]);
        let none = AccountFacts {
            has_email: false,
            ..never
        };
        assert_eq!(plan(&none, NOW, DAY), vec![Step::ConfirmEmail, Step::Otp]);
    }

    #[test]
    fn r_auth_5_first_connection_steps_in_order() {
        let first = AccountFacts {
            email_validated_at: None,
            has_email: false,
            provisional_password: true,
            terms_accepted: false,
            shares_email: false,
        };
        assert_eq!(
            plan(&first, NOW, DAY),
            vec![
                Step::ConfirmEmail,
                Step::Otp,
                Step::NewPassword,
                Step::AcceptTerms
            ]
        );
    }

    #[test]
    fn r_link_3_a_provisional_password_always_proves_the_address() {
        let provisional = AccountFacts {
            provisional_password: true,
            terms_accepted: false,
            ..validated(Duration::minutes(5))
        };
        assert_eq!(
            plan(&provisional, NOW, DAY),
            vec![Step::Otp, Step::NewPassword, Step::AcceptTerms]
        );
    }

    #[test]
    fn r_auth_2_shared_email_selects_an_account_last() {
        let shared = AccountFacts {
            shares_email: true,
            ..validated(Duration::hours(1))
        };
        assert_eq!(plan(&shared, NOW, DAY), vec![Step::SelectAccount]);
    }

    #[test]
    fn steps_round_trip_through_storage() {
        let steps = Step::ALL.to_vec();
        assert_eq!(decode(&encode(&steps)), Some(steps));
        assert_eq!(decode(""), Some(vec![]));
        assert_eq!(decode("otp,unknown"), None);
    }
}
