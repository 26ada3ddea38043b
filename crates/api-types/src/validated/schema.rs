//! The contract's string schemas (R-API-1): the building blocks of the validated strings'
//! patterns, and the schemas of the request fields that stay plain strings but that the server
//! trims and bounds (names, address lines, the OTP code, a new password...).
//!
//! A pattern matches every value the server accepts, in the form it is sent (before the server
//! trims it or removes its separators), so the contract never refuses what the server takes;
//! `maxLength` is declared only where no padding is accepted. The patterns read alike in
//! ECMA-262 (with or without the `u` flag) and in the `regex` crate: no `\s` or `\d`, whose
//! meanings differ, and characters other than ASCII spelled `\uXXXX`.
use super::{SEPARATORS, string_schema};
use crate::validated::PhoneNumber;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};

/// Unicode White_Space: what `str::trim` removes and `char::is_whitespace` tells. (ECMA-262's
/// `\s` lacks U+0085 and has U+FEFF.)
pub(crate) const WHITE_SPACE: [char; 25] = [
    '\t', '\n', '\u{b}', '\u{c}', '\r', ' ', '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}',
    '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}',
    '\u{2009}', '\u{200a}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}',
];

/// A character class of `chars` (of every other character when `negated`); runs of three or
/// more characters spelled `\uXXXX` become ranges.
pub(crate) fn class(chars: impl IntoIterator<Item = char>, negated: bool) -> String {
    let mut chars: Vec<char> = chars.into_iter().collect();
    chars.sort_unstable();
    chars.dedup();
    let mut class = String::from(if negated { "[^" } else { "[" });
    let mut start = 0;
    while start < chars.len() {
        let mut end = start;
        while chars
            .get(end + 1)
            .is_some_and(|next| !is_plain(*next) && u32::from(*next) == u32::from(chars[end]) + 1)
        {
            end += 1;
        }
        if end - start >= 2 && !is_plain(chars[start]) {
            push_escaped(&mut class, chars[start]);
            class.push('-');
            push_escaped(&mut class, chars[end]);
        } else {
            chars[start..=end]
                .iter()
                .for_each(|c| push_escaped(&mut class, *c));
        }
        start = end + 1;
    }
    class.push(']');
    class
}

/// Printable ASCII, which a class shows as itself.
fn is_plain(c: char) -> bool {
    c.is_ascii_graphic() || c == ' '
}

/// A character as a class member: printable ASCII as itself (escaped where a class gives it a
/// meaning), anything else as `\uXXXX` (the characters these classes hold are all in the BMP).
fn push_escaped(class: &mut String, c: char) {
    if r"\[]^-".contains(c) {
        class.push('\\');
        class.push(c);
    } else if is_plain(c) {
        class.push(c);
    } else {
        class.push_str(&format!("\\u{:04X}", u32::from(c)));
    }
}

/// The white space `str::trim` takes off either end.
pub(crate) fn white_space() -> String {
    class(WHITE_SPACE, false)
}

/// Anything but white space.
pub(crate) fn not_white_space() -> String {
    class(WHITE_SPACE, true)
}

/// The separators `compact` removes wherever they are.
pub(crate) fn separator() -> String {
    class(SEPARATORS, false)
}

/// What may surround a value that is compacted, then trimmed.
pub(crate) fn padding() -> String {
    class(WHITE_SPACE.into_iter().chain(SEPARATORS), false)
}

/// `count` (`9`, `2,5`) times `atom`, each one followed by any separators.
pub(crate) fn spaced(atom: &str, count: &str) -> String {
    format!("(?:{atom}{}*){{{count}}}", separator())
}

/// The pattern of a text the server trims, then accepts if it has `min` (0 or 1) to `max`
/// characters left; any character may stand inside it.
pub(crate) fn trimmed_text(min: usize, max: Option<usize>) -> String {
    let (edge, space) = (not_white_space(), white_space());
    let text = match max {
        Some(0) => String::new(),
        Some(1) => edge.clone(),
        Some(max) => format!("{edge}(?:[\\s\\S]{{0,{}}}{edge})?", max - 2),
        None => format!("{edge}[\\s\\S]*"),
    };
    let text = if min == 0 {
        format!("(?:{text})?")
    } else {
        text
    };
    format!("^{space}*{text}{space}*$")
}

/// A string schema with its description.
pub(crate) fn string(description: impl Into<String>) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
}

/// A text of 1 to `max` characters once trimmed.
fn trimmed(max: usize, what: &str) -> ObjectBuilder {
    string(format!(
        "{what}: 1 to {max} characters once the white space around it is trimmed (which it is)."
    ))
    .min_length(Some(1))
    .pattern(Some(trimmed_text(1, Some(max))))
}

/// A text of at most `max` characters once trimmed, or blank.
fn trimmed_or_blank(max: usize, what: &str) -> ObjectBuilder {
    string(format!(
        "{what}: at most {max} characters once the white space around it is trimmed (which it \
         is); blank is as if absent."
    ))
    .pattern(Some(trimmed_text(0, Some(max))))
}

/// A person's first or last name (Mon profil, the partner's users).
pub enum PersonName {}
string_schema!(PersonName => trimmed(crate::profile::PERSON_NAME_MAX_CHARS, "A first or last name"));

/// The first line of a postal address.
pub enum AddressLine {}
string_schema!(AddressLine => trimmed(crate::partner::ADDRESS_LINE_MAX_CHARS, "An address line"));

/// The optional second line of a postal address.
pub enum AddressLineOrBlank {}
string_schema!(AddressLineOrBlank =>
    trimmed_or_blank(crate::partner::ADDRESS_LINE_MAX_CHARS, "An address line"));

/// A city. Its bound is not a `maxLength`: the server trims it, then writes it in upper case,
/// which can lengthen it (ß becomes SS), and the same schema describes the answers.
pub enum CityName {}
string_schema!(CityName => string(format!(
    "A city: 1 to {} characters once the white space around it is trimmed; it is stored and \
     answered in upper case.",
    crate::partner::CITY_MAX_CHARS
))
.min_length(Some(1))
.pattern(Some(trimmed_text(1, None))));

/// The new owner or manager of an end of management.
pub enum NewManagerName {}
string_schema!(NewManagerName =>
    trimmed_or_blank(crate::declarations::MAX_NAME_CHARS, "The new owner or manager"));

/// The code mailed for the `otp` step.
pub enum OtpCode {}
string_schema!(OtpCode => string(format!(
    "The {} digits of the code mailed; white space around them is ignored.",
    crate::auth::OTP_CODE_DIGITS
))
.min_length(Some(crate::auth::OTP_CODE_DIGITS))
.pattern(Some(format!(
    "^{space}*[0-9]{{{}}}{space}*$",
    crate::auth::OTP_CODE_DIGITS,
    space = white_space()
)))
.examples(["042917"]));

/// A new password and its confirmation (R-AUTH-6). The rules on its characters are not a
/// pattern: they need look-aheads, which the `regex` crate lacks to test them, and Unicode's
/// idea of a letter's case.
pub enum NewPassword {}
string_schema!(NewPassword => string(format!(
    "{} to {} characters (not trimmed), with at least one upper-case letter, one lower-case \
     letter, one digit and one special character (neither a letter, a digit nor white space); \
     a 422 names every rule failed (`password_length`, `password_uppercase`...).",
    super::password::MIN_LENGTH,
    super::password::MAX_LENGTH
))
.format(Some(SchemaFormat::KnownFormat(KnownFormat::Password)))
.min_length(Some(super::password::MIN_LENGTH))
.max_length(Some(super::password::MAX_LENGTH)));

/// A phone of Mon profil: a `PhoneNumber`, or blank to clear it.
pub enum PhoneNumberOrBlank {}
string_schema!(PhoneNumberOrBlank => string(
    "A French phone number as `PhoneNumber` takes it, white space around it ignored; blank (or \
     `null`) clears it."
)
.pattern(Some(format!(
    "^{space}*(?:{})?{space}*$",
    PhoneNumber::pattern_body(),
    space = white_space()
)))
.examples(["02 40 00 00 00"]));

/// A box that must be ticked.
pub enum Accepted {}
string_schema!(Accepted => ObjectBuilder::new()
    .schema_type(Type::Boolean)
    .description(Some("Must be `true`: anything else is refused (422)."))
    .enum_values(Some([true])));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::{ConfirmEmailRequest, NewPasswordRequest, OtpRequest, TermsRequest};
    use crate::declarations::{self, DeclarationFields, DeclarationKind, SubmitDeclarations};
    use crate::partner::{BankDetailsRequest, CreateUserRequest, UpdatePartnerRequest};
    use crate::profile::{ChangeEmailRequest, UpdateMeRequest};
    use proptest::prelude::*;
    use regex::Regex;
    use serde_json::{Value, json};
    use utoipa::{PartialSchema, ToSchema};

    fn json_of<T: PartialSchema>() -> Value {
        serde_json::to_value(T::schema()).unwrap()
    }

    fn pattern_of<T: PartialSchema>() -> Regex {
        Regex::new(json_of::<T>()["pattern"].as_str().unwrap()).unwrap()
    }

    /// The first property `name` found in `schema`, at any depth.
    fn property<'a>(schema: &'a Value, name: &str) -> Option<&'a Value> {
        match schema {
            Value::Object(map) => map
                .get("properties")
                .and_then(|properties| properties.get(name))
                .or_else(|| map.values().find_map(|value| property(value, name))),
            Value::Array(items) => items.iter().find_map(|value| property(value, name)),
            _ => None,
        }
    }

    /// What the server takes of a text it trims then bounds (`core::profile::name`,
    /// `core::partner_users::check_name`, `core::partner_data::text`, `declaration_rules`).
    fn trimmed_ok(text: &str, min: usize, max: usize) -> bool {
        (min..=max).contains(&text.trim().chars().count())
    }

    fn texts_around(max: usize) -> Vec<String> {
        let mut texts: Vec<String> = ["", " ", "a", " a ", "\u{85}a\u{3000}", "a\nb", "\u{feff}"]
            .map(str::to_owned)
            .into();
        for length in [max - 1, max, max + 1] {
            let text = "é".repeat(length);
            texts.push(format!(" \t{text}\u{a0}\n"));
            texts.push(format!("\u{feff}{text}"));
            texts.push(text);
        }
        texts
    }

    #[test]
    fn r_api_1_the_contract_declares_the_request_fields_bounds() {
        // Texts the server trims, then bounds.
        let texts: [(Regex, usize, usize); 5] = [
            (
                pattern_of::<PersonName>(),
                1,
                crate::profile::PERSON_NAME_MAX_CHARS,
            ),
            (
                pattern_of::<AddressLine>(),
                1,
                crate::partner::ADDRESS_LINE_MAX_CHARS,
            ),
            (
                pattern_of::<AddressLineOrBlank>(),
                0,
                crate::partner::ADDRESS_LINE_MAX_CHARS,
            ),
            (
                pattern_of::<NewManagerName>(),
                0,
                declarations::MAX_NAME_CHARS,
            ),
            (pattern_of::<CityName>(), 1, usize::MAX),
        ];
        for (pattern, min, max) in texts {
            for text in texts_around(max.min(300)) {
                let expected = trimmed_ok(&text, min, max);
                assert_eq!(pattern.is_match(&text), expected, "{pattern} {text:?}");
            }
        }
        assert_eq!(json_of::<PersonName>()["minLength"], json!(1));
        // The OTP code (`core::auth::otp::verify`): trimmed, then 6 ASCII digits.
        let otp = pattern_of::<OtpCode>();
        for code in [
            "042917",
            " 042917\t",
            "04291",
            "0429177",
            "04 2917",
            "٠٤٢٩١٧",
            "",
        ] {
            let trimmed = code.trim();
            let expected = trimmed.len() == crate::auth::OTP_CODE_DIGITS
                && trimmed.bytes().all(|b| b.is_ascii_digit());
            assert_eq!(otp.is_match(code), expected, "{code:?}");
        }
        // Mon profil's phones (`core::profile::phone`): blank clears, else a `PhoneNumber`.
        let phone = pattern_of::<PhoneNumberOrBlank>();
        for text in [
            "",
            " \t",
            "02 40 00 00 00",
            "\t+33 6 12 34 56 78\n",
            "0240",
            "x",
            "00 12",
        ] {
            let trimmed = text.trim();
            let expected = trimmed.is_empty() || PhoneNumber::parse(trimmed).is_ok();
            assert_eq!(phone.is_match(text), expected, "{text:?}");
        }
        // A new password's length (R-AUTH-6), counted in characters as JSON Schema counts.
        let password = json_of::<NewPassword>();
        assert_eq!(
            password["minLength"],
            json!(super::super::password::MIN_LENGTH)
        );
        assert_eq!(
            password["maxLength"],
            json!(super::super::password::MAX_LENGTH)
        );
        assert_eq!(password["format"], json!("password"));
        assert_eq!(json_of::<Accepted>()["enum"], json!([true]));

        // The literals of the derive's attributes are the constants.
        let fields = json_of::<DeclarationFields>();
        let amount = declarations::MAX_AMOUNT_CENTS;
        for (name, minimum, maximum) in [
            ("rent_cents", 1, amount),
            ("charges_cents", 0, amount),
            ("debt_cents", 1, amount),
            ("co_tenants", 1, i64::from(declarations::MAX_CO_TENANTS)),
        ] {
            let field = property(&fields, name).unwrap();
            assert_eq!(field["minimum"], json!(minimum), "{name}");
            assert_eq!(field["maximum"], json!(maximum), "{name}");
        }
        let submit = json_of::<SubmitDeclarations>();
        let declarations = property(&submit, "declarations").unwrap();
        assert_eq!(declarations["minItems"], json!(1));
        assert_eq!(declarations["maxItems"], json!(DeclarationKind::ALL.len()));
    }

    #[test]
    fn r_api_1_request_fields_refer_to_their_schemas() {
        fn references<T: ToSchema>() -> Vec<String> {
            let mut schemas = Vec::new();
            T::schemas(&mut schemas);
            schemas.into_iter().map(|(name, _)| name).collect()
        }
        let expected: [(Vec<String>, &[&str]); 9] = [
            (references::<ConfirmEmailRequest>(), &["Email"]),
            (references::<ChangeEmailRequest>(), &["Email"]),
            (references::<OtpRequest>(), &["OtpCode"]),
            (references::<NewPasswordRequest>(), &["NewPassword"]),
            (references::<TermsRequest>(), &["Accepted"]),
            (
                references::<UpdateMeRequest>(),
                &["PersonName", "PhoneNumberOrBlank"],
            ),
            (references::<CreateUserRequest>(), &["PersonName", "Email"]),
            (
                references::<UpdatePartnerRequest>(),
                &[
                    "AddressLine",
                    "AddressLineOrBlank",
                    "PostalCode",
                    "CityName",
                ],
            ),
            (references::<BankDetailsRequest>(), &["Iban", "Bic"]),
        ];
        for (found, names) in expected {
            for name in names {
                assert!(found.iter().any(|n| n == name), "{name} not in {found:?}");
            }
        }
        let submit = references::<SubmitDeclarations>();
        assert!(submit.iter().any(|n| n == "NewManagerName"), "{submit:?}");
    }

    proptest! {
        #[test]
        fn r_api_1_trimmed_text_patterns_trim_as_the_server(
            text in "[ a\t\n\u{85}\u{a0}\u{feff}\u{3000}é\u{1f600}]{0,7}",
        ) {
            for (min, max) in [(0, 1), (1, 1), (0, 3), (1, 3), (1, 5)] {
                let pattern = Regex::new(&trimmed_text(min, Some(max))).unwrap();
                prop_assert_eq!(pattern.is_match(&text), trimmed_ok(&text, min, max));
            }
            let unbounded = Regex::new(&trimmed_text(1, None)).unwrap();
            prop_assert_eq!(unbounded.is_match(&text), !text.trim().is_empty());
        }
    }
}
