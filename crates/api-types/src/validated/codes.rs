//! Short codes of the agency: Caf numbers, login identifiers, user numbers, Tiers numbers,
//! postal codes (R-REF-1, R-REF-3, R-REF-5).
#[cfg(feature = "server")]
use super::schema::{padding, separator, spaced, string, white_space};
use super::{FormatError, check_length, compact, string_schema, validated_string};
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

/// The pattern of what `uppercase_alphanumeric` takes: `length` letters or digits, with white
/// space around them.
#[cfg(feature = "server")]
fn uppercase_alphanumeric_pattern(length: usize) -> String {
    format!(
        "^{space}*[A-Za-z0-9]{{{length}}}{space}*$",
        space = white_space()
    )
}

/// What `uppercase_alphanumeric(&compact(…))` takes: each `(class, count)` of `parts` in turn,
/// separators between the characters, white space or separators around them.
#[cfg(feature = "server")]
fn compacted_code_pattern(parts: &[(&str, usize)]) -> String {
    let body: String = parts
        .iter()
        .map(|(class, count)| spaced(class, &count.to_string()))
        .collect();
    format!("^{padding}*{body}{padding}*$", padding = padding())
}

/// A Caf office's 3-character number, e.g. `441` (Loire-Atlantique).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CafNumber(String);
validated_string!(CafNumber);
string_schema!(CafNumber => string(format!(
    "A Caf office's {}-character number, e.g. `441` (Loire-Atlantique): letters or digits, in \
     upper case once read; white space around it is ignored.",
    CafNumber::LENGTH
))
.min_length(Some(CafNumber::LENGTH))
.pattern(Some(uppercase_alphanumeric_pattern(CafNumber::LENGTH)))
.examples(["441"]));

impl CafNumber {
    pub const LENGTH: usize = 3;

    pub fn parse(value: &str) -> Result<Self, FormatError> {
        uppercase_alphanumeric(value, Self::LENGTH).map(Self)
    }
}

/// A login identifier, 10 characters, e.g. `A6D5AZT301`; typed in any case (R-AUTH-1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Identifier(String);
validated_string!(Identifier);
string_schema!(Identifier => string(format!(
    "A login identifier: {} letters or digits, typed in any case, upper case once read; white \
     space around it is ignored (R-AUTH-1).",
    Identifier::LENGTH
))
.min_length(Some(Identifier::LENGTH))
.pattern(Some(uppercase_alphanumeric_pattern(Identifier::LENGTH)))
.examples(["A6D5AZT301"]));

impl Identifier {
    pub const LENGTH: usize = 10;

    pub fn parse(value: &str) -> Result<Self, FormatError> {
        uppercase_alphanumeric(value, Self::LENGTH).map(Self)
    }
}

/// The 14-character user number printed on the agency's letters (R-REF-3).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct UserNumber(String);
validated_string!(UserNumber);
string_schema!(UserNumber => string(format!(
    "The user number printed on the agency's letters (R-REF-3): {} letters or digits, upper \
     case once read; spaces, dots, dashes and no-break spaces are ignored, and white space \
     around it.",
    UserNumber::LENGTH
))
.min_length(Some(UserNumber::LENGTH))
.pattern(Some(compacted_code_pattern(&[("[A-Za-z0-9]", UserNumber::LENGTH)])))
.examples(["44100000000301"]));

impl UserNumber {
    pub const LENGTH: usize = 14;

    pub fn parse(value: &str) -> Result<Self, FormatError> {
        uppercase_alphanumeric(&compact(value), Self::LENGTH).map(Self)
    }
}

/// A Tiers number: the Caf number (3 characters) then the tiers number (7 digits) (R-REF-1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TiersNumber(String);
validated_string!(TiersNumber);
string_schema!(TiersNumber => string(format!(
    "A Tiers number (R-REF-1): the Caf number ({} letters or digits), then {} digits; upper case \
     once read; spaces, dots, dashes and no-break spaces are ignored, and white space around it.",
    CafNumber::LENGTH,
    TiersNumber::LENGTH - CafNumber::LENGTH
))
.min_length(Some(TiersNumber::LENGTH))
.pattern(Some(compacted_code_pattern(&[
    ("[A-Za-z0-9]", CafNumber::LENGTH),
    ("[0-9]", TiersNumber::LENGTH - CafNumber::LENGTH),
])))
.examples(["4410001234"]));

impl TiersNumber {
    pub const LENGTH: usize = 10;

    pub fn parse(value: &str) -> Result<Self, FormatError> {
        let value = uppercase_alphanumeric(&compact(value), Self::LENGTH)?;
        if value[CafNumber::LENGTH..]
            .bytes()
            .all(|b| b.is_ascii_digit())
        {
            Ok(Self(value))
        } else {
            Err(FormatError::Format)
        }
    }

    pub fn caf(&self) -> CafNumber {
        CafNumber(self.0[..CafNumber::LENGTH].to_owned())
    }
}

/// A French postal code: 5 digits, département 01–95 (Corsica 20), or overseas 971–988.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PostalCode(String);
validated_string!(PostalCode);
string_schema!(PostalCode => string(format!(
    "A French postal code: {} digits, département 01 to 95 (Corsica 20), or overseas 971 to 988; \
     spaces, dots, dashes and no-break spaces are ignored.",
    PostalCode::LENGTH
))
.min_length(Some(PostalCode::LENGTH))
.pattern(Some(PostalCode::pattern()))
.examples(["44220"]));

impl PostalCode {
    pub const LENGTH: usize = 5;

    /// The départements of `parse`'s `match`: 01–95 by their first two digits, 971–988 by three.
    #[cfg(feature = "server")]
    fn pattern() -> String {
        let s = separator();
        let two = format!("(?:0{s}*[1-9]|[1-8]{s}*[0-9]|9{s}*[0-5])");
        let three = format!("9{s}*(?:7{s}*[1-9]|8{s}*[0-8])");
        format!(
            "^{s}*(?:{two}{s}*{}|{three}{s}*{})$",
            spaced("[0-9]", &(Self::LENGTH - 2).to_string()),
            spaced("[0-9]", &(Self::LENGTH - 3).to_string()),
        )
    }

    pub fn parse(value: &str) -> Result<Self, FormatError> {
        let value = compact(value);
        check_length(&value, Self::LENGTH, Self::LENGTH)?;
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
