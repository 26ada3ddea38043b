//! SIREN and SIRET, the identifiers of a moral partner (R-REF-1).
use super::checksums::luhn_valid;
#[cfg(feature = "server")]
use super::schema::{separator, spaced, string};
use super::{FormatError, compact, string_schema, validated_string};
use serde::{Deserialize, Serialize};

/// La Poste's establishments share this SIREN and are checked by a digit sum instead of Luhn.
const LA_POSTE_SIREN: &str = "356000000";
/// La Poste's head office, whose SIRET does follow Luhn.
const LA_POSTE_HEAD_OFFICE: &str = "35600000000048";

/// A company's 9-digit SIREN (Luhn checked).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Siren(String);
validated_string!(Siren);
string_schema!(Siren => string(format!(
    "A company's SIREN: {} digits, Luhn checked (not in the pattern); spaces, dots, dashes and \
     no-break spaces are ignored.",
    Siren::LENGTH
))
.min_length(Some(Siren::LENGTH))
.pattern(Some(digits_pattern(Siren::LENGTH)))
.examples(["732829320"]));

impl Siren {
    pub const LENGTH: usize = 9;

    pub fn parse(value: &str) -> Result<Self, FormatError> {
        let value = compact(value);
        digits_of_length(&value, Self::LENGTH)?;
        if !luhn_valid(&value) {
            return Err(FormatError::Checksum);
        }
        Ok(Self(value))
    }
}

/// An establishment's 14-digit SIRET: Luhn, or La Poste's digit-sum rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Siret(String);
validated_string!(Siret);
string_schema!(Siret => string(format!(
    "An establishment's SIRET: {} digits, the SIREN's {} first, Luhn checked (La Poste's by a \
     digit sum; not in the pattern); spaces, dots, dashes and no-break spaces are ignored.",
    Siret::LENGTH,
    Siren::LENGTH
))
.min_length(Some(Siret::LENGTH))
.pattern(Some(digits_pattern(Siret::LENGTH)))
.examples(["73282932000074"]));

impl Siret {
    pub const LENGTH: usize = 14;

    pub fn parse(value: &str) -> Result<Self, FormatError> {
        let value = compact(value);
        digits_of_length(&value, Self::LENGTH)?;
        let valid = if value.starts_with(LA_POSTE_SIREN) && value != LA_POSTE_HEAD_OFFICE {
            value.chars().filter_map(|c| c.to_digit(10)).sum::<u32>() % 5 == 0
        } else {
            luhn_valid(&value) && luhn_valid(&value[..Siren::LENGTH])
        };
        if valid {
            Ok(Self(value))
        } else {
            Err(FormatError::Checksum)
        }
    }

    pub fn siren(&self) -> Siren {
        Siren(self.0[..Siren::LENGTH].to_owned())
    }

    /// "123 456 789 12341", as printed on the agency's screens.
    pub fn display_grouped(&self) -> String {
        format!(
            "{} {} {} {}",
            &self.0[..3],
            &self.0[3..6],
            &self.0[6..9],
            &self.0[9..]
        )
    }
}

/// What `digits_of_length(&compact(…))` takes: `length` digits, separators anywhere.
#[cfg(feature = "server")]
fn digits_pattern(length: usize) -> String {
    format!("^{}*{}$", separator(), spaced("[0-9]", &length.to_string()))
}

fn digits_of_length(value: &str, length: usize) -> Result<(), FormatError> {
    super::check_length(value, length, length)?;
    if value.chars().all(|c| c.is_ascii_digit()) {
        Ok(())
    } else {
        Err(FormatError::Characters)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn r_ref_1_known_siret_accepted_with_spaces() {
        let siret = Siret::parse("732 829 320 00074").expect("valid SIRET");
        assert_eq!(siret.as_str(), "73282932000074");
        assert_eq!(siret.siren().as_str(), "732829320");
    }

    #[test]
    fn r_ref_1_la_poste_uses_digit_sum() {
        // 3+5+6+0+0+0+0+0+0+0+0+0+0+1 = 15: multiple of 5, though not Luhn-valid.
        assert!(Siret::parse("35600000000001").is_ok());
        assert_eq!(Siret::parse("35600000000002"), Err(FormatError::Checksum));
        assert!(Siret::parse("35600000000048").is_ok());
    }

    #[test]
    fn r_ref_1_wrong_length_and_letters_refused() {
        assert_eq!(Siret::parse(""), Err(FormatError::Empty));
        assert_eq!(
            Siret::parse("7328293200007"),
            Err(FormatError::Length { min: 14, max: 14 })
        );
        assert_eq!(Siret::parse("7328293200007A"), Err(FormatError::Characters));
        assert_eq!(Siret::parse("73282932000075"), Err(FormatError::Checksum));
    }

    proptest! {
        #[test]
        fn r_ref_1_any_single_digit_change_is_caught(position in 0usize..14, delta in 1u32..10) {
            let valid = "73282932000074";
            let mut digits: Vec<u32> = valid.chars().filter_map(|c| c.to_digit(10)).collect();
            digits[position] = (digits[position] + delta) % 10;
            let changed: String = digits.iter().map(|d| char::from(b'0' + *d as u8)).collect();
            prop_assert!(Siret::parse(&changed).is_err());
        }

        #[test]
        fn r_ref_1_parse_then_print_round_trips(raw in "[0-9]{14}") {
            if let Ok(siret) = Siret::parse(&raw) {
                prop_assert_eq!(Siret::parse(&siret.display_grouped()), Ok(siret));
            }
        }
    }
}
