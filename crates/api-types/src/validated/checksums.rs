//! The check-digit algorithms of the French reference numbers.

/// Luhn (ISO/IEC 7812): SIREN and SIRET.
pub fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0u32;
    for (position, c) in digits.chars().rev().enumerate() {
        let Some(mut digit) = c.to_digit(10) else {
            return false;
        };
        if position % 2 == 1 {
            digit *= 2;
            if digit > 9 {
                digit -= 9;
            }
        }
        sum += digit;
    }
    sum.is_multiple_of(10)
}

/// The remainder modulo 97 of a long decimal number given as text (IBAN, NIR, RIB).
pub fn mod97(digits: impl Iterator<Item = u32>) -> u32 {
    digits.fold(0, |rest, digit| (rest * 10 + digit) % 97)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_known_values() {
        assert!(luhn_valid("732829320"));
        assert!(!luhn_valid("732829321"));
    }

    #[test]
    fn mod97_matches_integer_arithmetic() {
        let text = "123456789012";
        let expected = (123_456_789_012u64 % 97) as u32;
        assert_eq!(mod97(text.chars().filter_map(|c| c.to_digit(10))), expected);
    }
}
