//! French renderings of dates and amounts, shared by the server's messages and the web app.
use time::Date;

/// `24/10/2021`.
pub fn french_date(date: Date) -> String {
    format!(
        "{:02}/{:02}/{}",
        date.day(),
        u8::from(date.month()),
        date.year()
    )
}

/// `1 525,00 €`, with the narrow no-break space French typography puts between thousands.
pub fn euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    let units = (cents / 100).to_string();
    let mut grouped = String::new();
    for (index, digit) in units.chars().enumerate() {
        if index > 0 && (units.len() - index).is_multiple_of(3) {
            grouped.push('\u{202f}');
        }
        grouped.push(digit);
    }
    format!("{sign}{grouped},{:02} €", cents % 100)
}

/// An amount typed in euros (`525`, `525,5`, `1 234,56`, `525.50`) in cents; `None` when it is
/// not one.
pub fn parse_euros(text: &str) -> Option<i64> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '€')
        .collect();
    let (units, decimals) = match compact.split_once([',', '.']) {
        Some((units, decimals)) => (units, decimals),
        None => (compact.as_str(), ""),
    };
    let digits = |part: &str| part.chars().all(|c| c.is_ascii_digit());
    if units.is_empty() || !digits(units) || !digits(decimals) || decimals.len() > 2 {
        return None;
    }
    let cents = format!("{decimals:0<2}").parse::<i64>().ok()?;
    units
        .parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(cents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_typed_in_euros() {
        assert_eq!(parse_euros("525"), Some(52_500));
        assert_eq!(parse_euros(" 1 234,5 € "), Some(123_450));
        assert_eq!(parse_euros("0.07"), Some(7));
        for bad in ["", ",50", "12,345", "-3", "1e3", "12,3,4"] {
            assert_eq!(parse_euros(bad), None, "{bad}");
        }
    }

    #[test]
    fn amounts_and_dates_read_the_french_way() {
        assert_eq!(euros(52_500), "525,00 €");
        assert_eq!(euros(123_456_789), "1\u{202f}234\u{202f}567,89 €");
        assert_eq!(euros(-5), "-0,05 €");
        assert_eq!(
            french_date(time::macros::date!(2021 - 10 - 24)),
            "24/10/2021"
        );
    }
}
