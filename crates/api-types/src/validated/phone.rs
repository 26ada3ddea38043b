//! French phone numbers for "Mon profil" (R-PROF-1).
#[cfg(feature = "server")]
use super::schema::{separator, spaced, string};
use super::{FormatError, compact, string_schema, validated_string};
use serde::{Deserialize, Serialize};

/// A French phone number, stored as `02 40 00 00 00`; `+33 2 40…`, dots, dashes and spaces are
/// accepted on input.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);
validated_string!(PhoneNumber);
string_schema!(PhoneNumber => string(format!(
    "A French phone number: {} digits, `0` then 1 to 9 then the others, or `{}` for the `0`; \
     spaces, dots, dashes and no-break spaces are ignored; answered as `02 40 00 00 00`.",
    PhoneNumber::DIGITS,
    PhoneNumber::INTERNATIONAL_PREFIX
))
.min_length(Some(PhoneNumber::DIGITS))
.pattern(Some(format!("^{}$", PhoneNumber::pattern_body())))
.examples(["02 40 00 00 00"]));

impl PhoneNumber {
    /// Of the national form.
    pub const DIGITS: usize = 10;
    /// What stands for the national form's leading `0`.
    const INTERNATIONAL_PREFIX: &str = "+33";

    /// The pattern of what `parse` takes, without its anchors: the `0` or `+33`, a digit other
    /// than `0`, then the other digits, separators anywhere.
    #[cfg(feature = "server")]
    pub(crate) fn pattern_body() -> String {
        let s = separator();
        let international: Vec<String> = Self::INTERNATIONAL_PREFIX
            .chars()
            .map(|c| {
                if c == '+' {
                    "\\+".to_owned()
                } else {
                    c.to_string()
                }
            })
            .collect();
        format!(
            "{s}*(?:0|{}){s}*[1-9]{s}*{}",
            international.join(&format!("{s}*")),
            spaced("[0-9]", &(Self::DIGITS - 2).to_string())
        )
    }

    pub fn parse(value: &str) -> Result<Self, FormatError> {
        let compact = compact(value);
        if compact.is_empty() {
            return Err(FormatError::Empty);
        }
        let national = match compact.strip_prefix(Self::INTERNATIONAL_PREFIX) {
            Some(rest) => format!("0{rest}"),
            None => compact,
        };
        if !national.chars().all(|c| c.is_ascii_digit()) {
            return Err(FormatError::Characters);
        }
        let bytes = national.as_bytes();
        if bytes.len() != Self::DIGITS {
            return Err(FormatError::Length {
                min: Self::DIGITS,
                max: Self::DIGITS,
            });
        }
        if bytes[0] != b'0' || bytes[1] == b'0' {
            return Err(FormatError::Format);
        }
        let pairs: Vec<&str> = (0..Self::DIGITS / 2)
            .map(|i| &national[i * 2..i * 2 + 2])
            .collect();
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
