//! French phone numbers for "Mon profil" (R-PROF-1).
use super::{FormatError, validated_string};
use serde::{Deserialize, Serialize};

/// A French phone number, stored as `02 40 00 00 00`; `+33 2 40…`, dots, dashes and spaces are
/// accepted on input.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "server",
    derive(utoipa::ToSchema),
    schema(example = "02 40 00 00 00")
)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);
validated_string!(PhoneNumber);

impl PhoneNumber {
    pub fn parse(value: &str) -> Result<Self, FormatError> {
        let compact: String = value
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-' | '\u{a0}'))
            .collect();
        if compact.is_empty() {
            return Err(FormatError::Empty);
        }
        let national = match compact.strip_prefix("+33") {
            Some(rest) => format!("0{rest}"),
            None => compact,
        };
        if !national.chars().all(|c| c.is_ascii_digit()) {
            return Err(FormatError::Characters);
        }
        let bytes = national.as_bytes();
        if bytes.len() != 10 {
            return Err(FormatError::Length { min: 10, max: 10 });
        }
        if bytes[0] != b'0' || bytes[1] == b'0' {
            return Err(FormatError::Format);
        }
        let pairs: Vec<&str> = (0..5).map(|i| &national[i * 2..i * 2 + 2]).collect();
        Ok(Self(pairs.join(" ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_prof_1_phone_numbers_are_normalised() {
        for input in [
            "0240000000",
            "02 40 00 00 00",
            "02.40.00.00.00",
            "+33 2 40 00 00 00",
            "+33240000000",
        ] {
            assert_eq!(
                PhoneNumber::parse(input).map(String::from),
                Ok("02 40 00 00 00".to_owned()),
                "{input}"
            );
        }
        assert_eq!(
            PhoneNumber::parse("06 12 34 56 7"),
            Err(FormatError::Length { min: 10, max: 10 })
        );
        assert_eq!(
            PhoneNumber::parse("00 12 34 56 78"),
            Err(FormatError::Format)
        );
        assert_eq!(
            PhoneNumber::parse("02 40 AB 00 00"),
            Err(FormatError::Characters)
        );
        assert_eq!(PhoneNumber::parse("  "), Err(FormatError::Empty));
    }
}
