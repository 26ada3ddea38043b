//! Short codes of the agency: Caf numbers, login identifiers, user numbers, Tiers numbers,
//! postal codes (R-REF-1, R-REF-3, R-REF-5).
use super::{FormatError, check_length, compact, validated_string};
use serde::{Deserialize, Serialize};

fn uppercase_alphanumeric(value: &str, length: usize) -> Result<String, FormatError> {
    let value = value.trim().to_ascii_uppercase();
    check_length(&value, length, length)?;
    if value.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(value)
    } else {
        Err(FormatError::Characters)
    }
}

/// A Caf office's 3-character number, e.g. `441` (Loire-Atlantique).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema), schema(example = "441"))]
#[serde(try_from = "String", into = "String")]
pub struct CafNumber(String);
validated_string!(CafNumber);

impl CafNumber {
    pub fn parse(value: &str) -> Result<Self, FormatError> {
        uppercase_alphanumeric(value, 3).map(Self)
    }
}

/// A login identifier, 10 characters, e.g. `A6D5AZT301`; typed in any case (R-AUTH-1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(
    feature = "server",
    derive(utoipa::ToSchema),
    schema(example = "A6D5AZT301")
)]
#[serde(try_from = "String", into = "String")]
pub struct Identifier(String);
validated_string!(Identifier);

impl Identifier {
    pub fn parse(value: &str) -> Result<Self, FormatError> {
        uppercase_alphanumeric(value, 10).map(Self)
    }
}

/// The 14-character user number printed on the agency's letters (R-REF-3).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(
    feature = "server",
    derive(utoipa::ToSchema),
    schema(example = "44100000000301")
)]
#[serde(try_from = "String", into = "String")]
pub struct UserNumber(String);
validated_string!(UserNumber);

impl UserNumber {
    pub fn parse(value: &str) -> Result<Self, FormatError> {
        uppercase_alphanumeric(&compact(value), 14).map(Self)
    }
}

/// A Tiers number: the Caf number (3 characters) then the tiers number (7 digits) (R-REF-1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "server",
    derive(utoipa::ToSchema),
    schema(example = "4410001234")
)]
#[serde(try_from = "String", into = "String")]
pub struct TiersNumber(String);
validated_string!(TiersNumber);

impl TiersNumber {
    pub fn parse(value: &str) -> Result<Self, FormatError> {
        let value = uppercase_alphanumeric(&compact(value), 10)?;
        if value[3..].bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(value))
        } else {
            Err(FormatError::Format)
        }
    }

    pub fn caf(&self) -> CafNumber {
        CafNumber(self.0[..3].to_owned())
    }
}

/// A French postal code: 5 digits, département 01–95 (Corsica 20), or overseas 971–988.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "server",
    derive(utoipa::ToSchema),
    schema(example = "44220")
)]
#[serde(try_from = "String", into = "String")]
pub struct PostalCode(String);
validated_string!(PostalCode);

impl PostalCode {
    pub fn parse(value: &str) -> Result<Self, FormatError> {
        let value = compact(value);
        check_length(&value, 5, 5)?;
        if !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FormatError::Characters);
        }
        let department: u32 = value[..2].parse().map_err(|_| FormatError::Format)?;
        let overseas: u32 = value[..3].parse().map_err(|_| FormatError::Format)?;
        match department {
            1..=95 => Ok(Self(value)),
            97 | 98 if (971..=988).contains(&overseas) => Ok(Self(value)),
            _ => Err(FormatError::Format),
        }
    }

    /// The département, as the first two digits (three overseas).
    pub fn department(&self) -> &str {
        if self.0.starts_with("97") || self.0.starts_with("98") {
            &self.0[..3]
        } else {
            &self.0[..2]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn r_ref_3_identifier_is_case_insensitive_and_trimmed() {
        assert_eq!(
            Identifier::parse("  a6d5azt301 ").map(String::from),
            Ok("A6D5AZT301".into())
        );
        assert_eq!(
            Identifier::parse("A6D5AZT3"),
            Err(FormatError::Length { min: 10, max: 10 })
        );
        assert_eq!(
            Identifier::parse("A6D5AZT30!"),
            Err(FormatError::Characters)
        );
    }

    #[test]
    fn r_ref_3_user_number_has_14_characters() {
        assert!(UserNumber::parse("44100000000301").is_ok());
        assert_eq!(
            UserNumber::parse("44104010"),
            Err(FormatError::Length { min: 14, max: 14 })
        );
    }

    #[test]
    fn r_ref_1_tiers_number_is_caf_then_seven_digits() {
        let tiers = TiersNumber::parse("441 0001234").expect("valid Tiers number");
        assert_eq!(tiers.caf().as_str(), "441");
        assert_eq!(TiersNumber::parse("441000123X"), Err(FormatError::Format));
    }

    #[test]
    fn r_ref_5_postal_codes() {
        for good in ["44220", "75001", "20000", "97400", "98800", "01000"] {
            assert!(PostalCode::parse(good).is_ok(), "{good}");
        }
        for bad in ["00100", "96000", "99000", "97000", "4422", "44A20"] {
            assert!(PostalCode::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            PostalCode::parse("97411").map(|p| p.department().to_owned()),
            Ok("974".into())
        );
    }

    proptest! {
        #[test]
        fn r_ref_5_postal_code_never_accepts_non_digits(raw in "[0-9]{0,4}[a-zA-Zé!#,/_][0-9]{0,4}") {
            prop_assert!(PostalCode::parse(&raw).is_err());
        }
    }
}
