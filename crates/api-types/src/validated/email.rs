//! Email addresses, compared case-insensitively (R-AUTH-1, R-LINK-1).
use super::{FormatError, validated_string};
use serde::{Deserialize, Serialize};

/// An email address, trimmed and lower-cased: two accounts typed `Gestion@X.fr` and
/// `gestion@x.fr` share one address. The check is the shape browsers use for `type=email`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(
    feature = "server",
    derive(utoipa::ToSchema),
    schema(example = "gestion@sicgpi.example")
)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);
validated_string!(Email);

impl Email {
    pub fn parse(value: &str) -> Result<Self, FormatError> {
        let value = value.trim().to_lowercase();
        if value.is_empty() {
            return Err(FormatError::Empty);
        }
        if value.chars().count() > 254 {
            return Err(FormatError::Length { min: 3, max: 254 });
        }
        let Some((local, domain)) = value.split_once('@') else {
            return Err(FormatError::Format);
        };
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c));
        let domain_ok = domain.contains('.')
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
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
