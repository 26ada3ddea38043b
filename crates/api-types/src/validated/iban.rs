//! Bank details: IBAN, with the French RIB key checked too (R-REF-2b).
use super::checksums::mod97;
#[cfg(feature = "server")]
use super::schema::{separator, spaced, string};
use super::{FormatError, check_length, compact, string_schema, validated_string};
use serde::{Deserialize, Serialize};

/// Lengths of the SEPA countries' IBANs; other countries are checked by mod 97 only.
const LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AT", 20),
    ("BE", 16),
    ("BG", 22),
    ("CH", 21),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("EE", 20),
    ("ES", 24),
    ("FI", 18),
    ("FR", 27),
    ("GB", 22),
    ("GR", 27),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IS", 26),
    ("IT", 27),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MC", 27),
    ("MT", 31),
    ("NL", 18),
    ("NO", 15),
    ("PL", 28),
    ("PT", 25),
    ("RO", 24),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
];

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Iban(String);
validated_string!(Iban);
string_schema!(Iban => string(format!(
    "An IBAN: the country (2 letters), 2 check digits, then letters or digits, {} to {} \
     characters in all, upper case once read; spaces, dots, dashes and no-break spaces are \
     ignored. Not in the pattern: the length of each SEPA country, the mod 97 check, and the \
     French RIB key.",
    Iban::MIN_LENGTH,
    Iban::MAX_LENGTH
))
.min_length(Some(Iban::MIN_LENGTH))
.pattern(Some(format!(
    "^{}*{}{}{}$",
    separator(),
    spaced("[A-Za-z]", "2"),
    spaced("[0-9]", "2"),
    spaced("[A-Za-z0-9]", &format!("{},{}", Iban::MIN_LENGTH - 4, Iban::MAX_LENGTH - 4)),
)))
.examples(["FR7630006000011234567890189"]));

impl Iban {
    pub const MIN_LENGTH: usize = 15;
    pub const MAX_LENGTH: usize = 34;

    pub fn parse(value: &str) -> Result<Self, FormatError> {
        let value = compact(value).to_ascii_uppercase();
        check_length(&value, Self::MIN_LENGTH, Self::MAX_LENGTH)?;
        let bytes = value.as_bytes();
        if !bytes[..2].iter().all(u8::is_ascii_uppercase)
            || !bytes[2..4].iter().all(u8::is_ascii_digit)
            || !bytes.iter().all(u8::is_ascii_alphanumeric)
        {
            return Err(FormatError::Characters);
        }
        if let Some((_, length)) = LENGTHS.iter().find(|(country, _)| *country == &value[..2]) {
            check_length(&value, *length, *length)?;
        }
        let rearranged = value[4..].chars().chain(value[..4].chars());
        if mod97(rearranged.flat_map(base36_digits)) != 1 {
            return Err(FormatError::Checksum);
        }
        if &value[..2] == "FR" && !rib_key_valid(&value[4..]) {
            return Err(FormatError::Checksum);
        }
        Ok(Self(value))
    }

    /// "FR76 3000 6000 0112 3456 7890 189", the way people read it.
    pub fn display_grouped(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        chars
            .chunks(4)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A letter counts as 10..35 in the IBAN check: yields its decimal digits.
fn base36_digits(c: char) -> Vec<u32> {
    match c.to_digit(36) {
        Some(value) if value >= 10 => vec![value / 10, value % 10],
        Some(value) => vec![value],
        None => vec![],
    }
}

/// The French BBAN is bank (5) + branch (5) + account (11, letters allowed) + RIB key (2), with
/// key = 97 − ((89 × bank + 15 × branch + 3 × account) mod 97), letters mapped as in the RIB.
fn rib_key_valid(bban: &str) -> bool {
    fn rib_digit(c: char) -> Option<u64> {
        match c {
            '0'..='9' => c.to_digit(10).map(u64::from),
            'A'..='I' => Some(u64::from(c as u8 - b'A' + 1)),
            'J'..='R' => Some(u64::from(c as u8 - b'J' + 1)),
            'S'..='Z' => Some(u64::from(c as u8 - b'S' + 2)),
            _ => None,
        }
    }
    let number = |part: &str| -> Option<u64> {
        part.chars()
            .try_fold(0u64, |acc, c| Some((acc * 10 + rib_digit(c)?) % 97))
    };
    let (Some(bank), Some(branch), Some(account), Some(key)) = (
        number(&bban[..5]),
        number(&bban[5..10]),
        number(&bban[10..21]),
        bban[21..23].parse::<u64>().ok(),
    ) else {
        return false;
    };
    97 - (89 * bank + 15 * branch + 3 * account) % 97 == key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_ref_2b_known_french_iban_accepted() {
        let iban = Iban::parse("fr76 3000 6000 0112 3456 7890 189").expect("valid IBAN");
        assert_eq!(iban.as_str(), "FR7630006000011234567890189");
        assert_eq!(iban.display_grouped(), "FR76 3000 6000 0112 3456 7890 189");
    }

    #[test]
    fn r_ref_2b_foreign_iban_accepted() {
        assert!(Iban::parse("DE89370400440532013000").is_ok());
        assert!(Iban::parse("GB82WEST12345698765432").is_ok());
    }

    #[test]
    fn r_ref_2b_wrong_mod97_refused() {
        assert_eq!(
            Iban::parse("FR7630006000011234567890188"),
            Err(FormatError::Checksum)
        );
        assert_eq!(
            Iban::parse("FR763000600001123456789018"),
            Err(FormatError::Length { min: 27, max: 27 })
        );
    }

    #[test]
    fn r_ref_2b_wrong_rib_key_refused_even_when_mod97_holds() {
        // Same BBAN with another RIB key, and IBAN check digits recomputed so mod 97 holds.
        let bban = "3000600001123456789018";
        let body = format!("{bban}0");
        let rest = mod97(format!("{body}FR00").chars().flat_map(base36_digits));
        let iban = format!("FR{:02}{body}", 98 - rest);
        assert_eq!(Iban::parse(&iban), Err(FormatError::Checksum));
    }
}
