//! Email addresses, compared case-insensitively (R-AUTH-1, R-LINK-1).
#[cfg(feature = "server")]
use super::schema::{class, string, white_space};
use super::{FormatError, string_schema, validated_string};
use serde::{Deserialize, Serialize};

/// An email address, trimmed and lower-cased: two accounts typed `Gestion@X.fr` and
/// `gestion@x.fr` share one address. The check is the shape browsers use for `type=email`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);
validated_string!(Email);
string_schema!(Email => string(format!(
    "An email address, the shape browsers check for `type=email`: at most {} characters before \
     the `@`, labels of at most {} letters, digits or inner dashes, two labels at least; at most \
     {} characters in all (not in the pattern). White space around it is trimmed and it is \
     lower-cased (U+212A, the Kelvin sign, becomes k), so that `Gestion@X.fr` and `gestion@x.fr` are \
     one address.",
    Email::LOCAL_MAX_LENGTH,
    Email::LABEL_MAX_LENGTH,
    Email::MAX_LENGTH
))
.pattern(Some(Email::pattern()))
.examples(["gestion@sicgpi.example"]));

impl Email {
    pub const MAX_LENGTH: usize = 254;
    /// Of the part before the `@`, in bytes once lower-cased (ASCII by then).
    pub const LOCAL_MAX_LENGTH: usize = 64;
    /// Of each label of the domain, in bytes once lower-cased (ASCII by then).
    pub const LABEL_MAX_LENGTH: usize = 63;
    /// What the part before the `@` may hold besides letters and digits.
    const LOCAL_SPECIALS: &str = ".!#$%&'*+/=?^_`{|}~-";

    /// The shape `parse` checks, before it trims and lower-cases: ASCII letters in either case,
    /// and the one other character whose lower case is ASCII (U+212A KELVIN SIGN, `k`).
    #[cfg(feature = "server")]
    fn pattern() -> String {
        const LETTERS_AND_DIGITS: &str = "A-Za-z0-9\\u212A";
        let local = class(Self::LOCAL_SPECIALS.chars(), false);
        let local = format!("[{LETTERS_AND_DIGITS}{}", &local[1..]);
        let edge = format!("[{LETTERS_AND_DIGITS}]");
        let inner = format!("[{LETTERS_AND_DIGITS}\\-]");
        let label = format!(
            "{edge}(?:{inner}{{0,{}}}{edge})?",
            Self::LABEL_MAX_LENGTH - 2
        );
        format!(
            "^{space}*{local}{{1,{}}}@{label}(?:\\.{label})+{space}*$",
            Self::LOCAL_MAX_LENGTH,
            space = white_space()
        )
    }

    pub fn parse(value: &str) -> Result<Self, FormatError> {
        let value = value.trim().to_lowercase();
        if value.is_empty() {
            return Err(FormatError::Empty);
        }
        if value.chars().count() > Self::MAX_LENGTH {
            return Err(FormatError::Length {
                min: 3,
                max: Self::MAX_LENGTH,
            });
        }
        let Some((local, domain)) = value.split_once('@') else {
            return Err(FormatError::Format);
        };
        let local_ok = !local.is_empty()
            && local.len() <= Self::LOCAL_MAX_LENGTH
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || Self::LOCAL_SPECIALS.contains(c));
        let domain_ok = domain.contains('.')
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= Self::LABEL_MAX_LENGTH
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if local_ok && domain_ok {
            Ok(Self(value))
        } else {
            Err(FormatError::Format)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn r_auth_1_email_is_trimmed_and_lowercased() {
        assert_eq!(
            Email::parse("  Gestion@SICGPI.example ").map(String::from),
            Ok("gestion@sicgpi.example".to_owned())
        );
    }

    #[test]
    fn r_ref_5_malformed_emails_refused() {
        for bad in [
            "", "gestion", "@x.fr", "a@b", "a@-b.fr", "a b@c.fr", "a@b..fr", "a@@b.fr",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn r_auth_1_parse_is_idempotent(local in "[a-zA-Z0-9._-]{1,20}", domain in "[a-z]{1,10}\\.[a-z]{2,5}") {
            if let Ok(email) = Email::parse(&format!("{local}@{domain}")) {
                prop_assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
            }
        }
    }
}
