//! The password policy (R-AUTH-6): every failed rule is reported, so the app can show each one.
use serde::{Deserialize, Serialize};

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PasswordRule {
    Length,
    Uppercase,
    Lowercase,
    Digit,
    Special,
}

impl PasswordRule {
    pub const ALL: [PasswordRule; 5] = [
        Self::Length,
        Self::Uppercase,
        Self::Lowercase,
        Self::Digit,
        Self::Special,
    ];

    /// The wording of the agency's screen ("Le mot de passe doit contenir :").
    pub fn label_fr(&self) -> &'static str {
        match self {
            Self::Length => "de 10 à 64 caractères",
            Self::Uppercase => "au moins 1 lettre majuscule",
            Self::Lowercase => "au moins 1 lettre minuscule",
            Self::Digit => "au moins 1 chiffre",
            Self::Special => "au moins 1 caractère spécial",
        }
    }

    /// Stable code of the rule in field errors.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Length => "password_length",
            Self::Uppercase => "password_uppercase",
            Self::Lowercase => "password_lowercase",
            Self::Digit => "password_digit",
            Self::Special => "password_special",
        }
    }

    pub fn is_met(&self, password: &str) -> bool {
        match self {
            Self::Length => (MIN_LENGTH..=MAX_LENGTH).contains(&password.chars().count()),
            Self::Uppercase => password.chars().any(char::is_uppercase),
            Self::Lowercase => password.chars().any(char::is_lowercase),
            Self::Digit => password.chars().any(|c| c.is_ascii_digit()),
            Self::Special => password
                .chars()
                .any(|c| !c.is_alphanumeric() && !c.is_whitespace()),
        }
    }
}

/// The rules the password fails, in the order of the screen; empty when it is acceptable.
pub fn check_password_policy(password: &str) -> Vec<PasswordRule> {
    PasswordRule::ALL
        .into_iter()
        .filter(|rule| !rule.is_met(password))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn r_auth_6_demo_password_meets_every_rule() {
        assert!(check_password_policy("Bailleur-Demo-2026!").is_empty());
    }

    #[test]
    fn r_auth_6_every_failed_rule_is_reported() {
        assert_eq!(check_password_policy(""), PasswordRule::ALL.to_vec());
        assert_eq!(
            check_password_policy("abcdefghij"),
            vec![
                PasswordRule::Uppercase,
                PasswordRule::Digit,
                PasswordRule::Special
            ]
        );
        assert_eq!(check_password_policy("Ab1!"), vec![PasswordRule::Length]);
        assert_eq!(
            check_password_policy(&"Ab1!".repeat(17)),
            vec![PasswordRule::Length]
        );
        assert!(check_password_policy(&format!("Ab1!{}", "é".repeat(60))).is_empty());
    }

    proptest! {
        #[test]
        fn r_auth_6_length_rule_counts_characters(n in 0usize..80) {
            let password = "é".repeat(n);
            let fails_length = check_password_policy(&password).contains(&PasswordRule::Length);
            prop_assert_eq!(fails_length, !(MIN_LENGTH..=MAX_LENGTH).contains(&n));
        }
    }
}
