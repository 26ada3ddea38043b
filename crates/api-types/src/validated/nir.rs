//! The NIR (social security number) of a physical partner (R-REF-2).
use super::checksums::mod97;
#[cfg(feature = "server")]
use super::schema::{separator, spaced, string};
use super::{FormatError, check_length, compact, string_schema, validated_string};
use serde::{Deserialize, Serialize};

/// 13 characters and a 2-digit key = 97 − (number mod 97), Corsica's 2A/2B counted as 19/18.
/// The first digit is the sex (1, 2), 3/4 for people being registered, 7/8 for temporary numbers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nir(String);
validated_string!(Nir);
string_schema!(Nir => string(format!(
    "A NIR (social security number): {} characters, digits but for the département's 2A or 2B \
     (Corsica), the first one of {}; the last two are the key, 97 − (number mod 97) (not in the \
     pattern). Upper case once read; spaces, dots, dashes and no-break spaces are ignored.",
    Nir::LENGTH,
    Nir::FIRST_DIGITS
))
.min_length(Some(Nir::LENGTH))
.pattern(Some(Nir::pattern()))
.examples(["295109912611193"]));

impl Nir {
    pub const LENGTH: usize = 15;
    /// The sex (1, 2), people being registered (3, 4), temporary numbers (7, 8).
    const FIRST_DIGITS: &str = "123478";

    /// The first digit, 4 digits, the département (2 digits, or 2A, 2B), then digits.
    #[cfg(feature = "server")]
    fn pattern() -> String {
        let s = separator();
        format!(
            "^{s}*[{}]{s}*{}(?:[0-9]{s}*[0-9]|2{s}*[ABab]){s}*{}$",
            Self::FIRST_DIGITS,
            spaced("[0-9]", "4"),
            spaced("[0-9]", &(Self::LENGTH - 7).to_string()),
        )
    }

    pub fn parse(value: &str) -> Result<Self, FormatError> {
        let value = compact(value).to_ascii_uppercase();
        check_length(&value, Self::LENGTH, Self::LENGTH)?;
        // Before slicing by bytes: a multi-byte character would cut a slice in its middle.
        if !value.is_ascii() {
            return Err(FormatError::Characters);
        }
        let bytes = value.as_bytes();
        let department = &value[5..7];
        let digits_elsewhere = bytes[..5].iter().chain(&bytes[7..]).all(u8::is_ascii_digit);
        let corsica = matches!(department, "2A" | "2B");
        if !digits_elsewhere || !(corsica || department.bytes().all(|b| b.is_ascii_digit())) {
            return Err(FormatError::Characters);
        }
        if !Self::FIRST_DIGITS.as_bytes().contains(&bytes[0]) {
            return Err(FormatError::Format);
        }
        let key = Self::key(&value[..13]);
        if format!("{key:02}") == value[13..] {
            Ok(Self(value))
        } else {
            Err(FormatError::Checksum)
        }
    }

    /// The key of the first 13 characters (which must be digits, or 2A/2B at the department).
    fn key(body: &str) -> u32 {
        let body = match &body[5..7] {
            "2A" => format!("{}19{}", &body[..5], &body[7..]),
            "2B" => format!("{}18{}", &body[..5], &body[7..]),
            _ => body.to_owned(),
        };
        97 - mod97(body.chars().filter_map(|c| c.to_digit(10)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_sec_1_a_nir_with_a_multi_byte_character_is_refused_not_a_panic() {
        assert_eq!(Nir::parse("1234€6789012345"), Err(FormatError::Characters));
    }
    use proptest::prelude::*;

    #[test]
    fn r_ref_2_known_nir_accepted() {
        assert!(Nir::parse("2 95 10 99 126 111 93").is_ok());
        assert_eq!(Nir::parse("295109912611194"), Err(FormatError::Checksum));
    }

    #[test]
    fn r_ref_2_corsica_substitution() {
        let body = "185022A123456";
        let key = Nir::key(body);
        assert!(Nir::parse(&format!("{body}{key:02}")).is_ok());
        assert!(Nir::parse(&format!("{}{key:02}", body.to_lowercase())).is_ok());
    }

    #[test]
    fn r_ref_2_temporary_numbers_accepted() {
        for body in ["7850299123456", "8850299123456"] {
            let key = Nir::key(body);
            assert!(Nir::parse(&format!("{body}{key:02}")).is_ok());
        }
        let body = "5850299123456";
        assert_eq!(
            Nir::parse(&format!("{body}{:02}", Nir::key(body))),
            Err(FormatError::Format)
        );
    }

    proptest! {
        #[test]
        fn r_ref_2_computed_key_always_accepted(body in "[12378][0-9]{12}") {
            let nir = format!("{body}{:02}", Nir::key(&body));
            prop_assert_eq!(Nir::parse(&nir).map(String::from), Ok(nir));
        }
    }
}
