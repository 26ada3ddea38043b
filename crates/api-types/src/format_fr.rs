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

#[cfg(test)]
mod tests {
    use super::*;

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
