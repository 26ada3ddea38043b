//! The BIC (ISO 9362) that goes with an IBAN: bank (4 letters), country (2 letters), location
//! (2 letters or digits), and an optional branch (3 letters or digits).
#[cfg(feature = "server")]
use super::schema::{separator, spaced, string};
use super::{FormatError, compact, string_schema, validated_string};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Bic(String);
validated_string!(Bic);
string_schema!(Bic => string(format!(
    "A BIC (ISO 9362): bank and country ({} letters), location (2 letters or digits), and an \
     optional branch ({} letters or digits): {} or {} characters, upper case once read; spaces, \
     dots, dashes and no-break spaces are ignored.",
    Bic::LETTERS,
    Bic::LONG_LENGTH - Bic::SHORT_LENGTH,
    Bic::SHORT_LENGTH,
    Bic::LONG_LENGTH
))
.min_length(Some(Bic::SHORT_LENGTH))
.pattern(Some(format!(
    "^{}*{}{}(?:{})?$",
    separator(),
    spaced("[A-Za-z]", &Bic::LETTERS.to_string()),
    spaced("[A-Za-z0-9]", &(Bic::SHORT_LENGTH - Bic::LETTERS).to_string()),
    spaced("[A-Za-z0-9]", &(Bic::LONG_LENGTH - Bic::SHORT_LENGTH).to_string()),
)))
.examples(["AGRIFRPP882"]));

impl Bic {
    /// Without the branch.
    pub const SHORT_LENGTH: usize = 8;
    /// With the branch.
    pub const LONG_LENGTH: usize = 11;
    /// The bank (4) and the country (2).
    const LETTERS: usize = 6;

    pub fn parse(value: &str) -> Result<Self, FormatError> {
        let value = compact(value).to_ascii_uppercase();
        if value.is_empty() {
            return Err(FormatError::Empty);
        }
        let bytes = value.as_bytes();
        if !bytes.iter().all(u8::is_ascii_alphanumeric) {
            return Err(FormatError::Characters);
        }
        if value.len() != Self::SHORT_LENGTH && value.len() != Self::LONG_LENGTH {
            return Err(FormatError::Length {
                min: Self::SHORT_LENGTH,
                max: Self::LONG_LENGTH,
            });
        }
        if !bytes[..Self::LETTERS].iter().all(u8::is_ascii_uppercase) {
            return Err(FormatError::Format);
        }
        Ok(Self(value))
    }

    /// The country of the bank, which must be the IBAN's.
    pub fn country(&self) -> &str {
        &self.0[4..6]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_ref_5_bic_forms() {
        assert_eq!(
            Bic::parse("agri fr pp 882").map(String::from),
            Ok("AGRIFRPP882".to_owned())
        );
        assert!(Bic::parse("BNPAFRPP").is_ok());
        assert_eq!(
            Bic::parse("BNPAFRP"),
            Err(FormatError::Length { min: 8, max: 11 })
        );
        assert_eq!(Bic::parse("BNP1FRPP"), Err(FormatError::Format));
        assert_eq!(Bic::parse("BNPAFRPP_"), Err(FormatError::Characters));
    }
}
