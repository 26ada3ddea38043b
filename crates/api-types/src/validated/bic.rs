//! The BIC (ISO 9362) that goes with an IBAN: bank (4 letters), country (2 letters), location
//! (2 letters or digits), and an optional branch (3 letters or digits).
use super::{FormatError, compact, validated_string};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "server",
    derive(utoipa::ToSchema),
    schema(example = "AGRIFRPP882")
)]
#[serde(try_from = "String", into = "String")]
pub struct Bic(String);
validated_string!(Bic);

impl Bic {
    pub fn parse(value: &str) -> Result<Self, FormatError> {
        let value = compact(value).to_ascii_uppercase();
        if value.is_empty() {
            return Err(FormatError::Empty);
        }
        let bytes = value.as_bytes();
        if !bytes.iter().all(u8::is_ascii_alphanumeric) {
            return Err(FormatError::Characters);
        }
        if value.len() != 8 && value.len() != 11 {
            return Err(FormatError::Length { min: 8, max: 11 });
        }
        if !bytes[..6].iter().all(u8::is_ascii_uppercase) {
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
