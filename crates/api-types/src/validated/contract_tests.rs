//! The contract states what the parsers accept (R-API-1): each newtype's schema checked against
//! its parser on samples.
//! Helpers of the tests say what broke by panicking, as the tests do.
#![allow(clippy::expect_used)]
use super::*;
use proptest::prelude::*;
use regex::Regex;
use std::sync::LazyLock;
use utoipa::PartialSchema;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::Schema;

/// A newtype's contract (its schema's pattern and `minLength`) beside its parser.
struct Contract {
    name: &'static str,
    pattern: Regex,
    min_length: usize,
    parse: fn(&str) -> Result<(), FormatError>,
    /// The refusals the pattern cannot tell (a checksum always is one).
    unexpressed: fn(FormatError) -> bool,
}

impl Contract {
    fn of<T: PartialSchema>(
        name: &'static str,
        parse: fn(&str) -> Result<(), FormatError>,
        unexpressed: fn(FormatError) -> bool,
    ) -> Self {
        let RefOr::T(Schema::Object(schema)) = T::schema() else {
            panic!("{name}: not an object schema");
        };
        let pattern = schema.pattern.expect("a pattern");
        Self {
            name,
            pattern: Regex::new(&pattern).expect("a valid pattern"),
            min_length: schema.min_length.unwrap_or(0),
            parse,
            unexpressed,
        }
    }

    /// What the parser takes matches (and is long enough); what it refuses on a rule the
    /// pattern cannot tell (a checksum...) matches too, if its form is right; what it
    /// refuses on its form, length or characters does not match.
    fn check(&self, sample: &str) {
        let Self { name, pattern, .. } = self;
        let matches = pattern.is_match(sample);
        match (self.parse)(sample) {
            Ok(()) => {
                assert!(
                    matches,
                    "{name}: {sample:?} is taken, the pattern refuses it"
                );
                assert!(
                    sample.chars().count() >= self.min_length,
                    "{name}: {sample:?}"
                );
            }
            Err(FormatError::Checksum) => {
                assert!(matches, "{name}: {sample:?} fails only its checksum")
            }
            Err(error) if (self.unexpressed)(error) => {}
            Err(error) => {
                assert!(
                    !matches,
                    "{name}: {sample:?} is refused ({error:?}), matches"
                )
            }
        }
    }
}

fn none(_: FormatError) -> bool {
    false
}

static SIREN: LazyLock<Contract> =
    LazyLock::new(|| Contract::of::<Siren>("Siren", |v| Siren::parse(v).map(drop), none));
static SIRET: LazyLock<Contract> =
    LazyLock::new(|| Contract::of::<Siret>("Siret", |v| Siret::parse(v).map(drop), none));
// The length of each SEPA country.
static IBAN: LazyLock<Contract> = LazyLock::new(|| {
    Contract::of::<Iban>(
        "Iban",
        |v| Iban::parse(v).map(drop),
        |e| matches!(e, FormatError::Length { min, max } if min == max),
    )
});
static BIC: LazyLock<Contract> =
    LazyLock::new(|| Contract::of::<Bic>("Bic", |v| Bic::parse(v).map(drop), none));
// 254 characters in all.
static EMAIL: LazyLock<Contract> = LazyLock::new(|| {
    Contract::of::<Email>(
        "Email",
        |v| Email::parse(v).map(drop),
        |e| matches!(e, FormatError::Length { .. }),
    )
});
static PHONE: LazyLock<Contract> = LazyLock::new(|| {
    Contract::of::<PhoneNumber>("PhoneNumber", |v| PhoneNumber::parse(v).map(drop), none)
});
static POSTAL_CODE: LazyLock<Contract> = LazyLock::new(|| {
    Contract::of::<PostalCode>("PostalCode", |v| PostalCode::parse(v).map(drop), none)
});
static CAF_NUMBER: LazyLock<Contract> = LazyLock::new(|| {
    Contract::of::<CafNumber>("CafNumber", |v| CafNumber::parse(v).map(drop), none)
});
static IDENTIFIER: LazyLock<Contract> = LazyLock::new(|| {
    Contract::of::<Identifier>("Identifier", |v| Identifier::parse(v).map(drop), none)
});
static USER_NUMBER: LazyLock<Contract> = LazyLock::new(|| {
    Contract::of::<UserNumber>("UserNumber", |v| UserNumber::parse(v).map(drop), none)
});
static TIERS_NUMBER: LazyLock<Contract> = LazyLock::new(|| {
    Contract::of::<TiersNumber>("TiersNumber", |v| TiersNumber::parse(v).map(drop), none)
});
static NIR: LazyLock<Contract> =
    LazyLock::new(|| Contract::of::<Nir>("Nir", |v| Nir::parse(v).map(drop), none));

#[test]
fn r_api_1_the_contract_declares_the_newtypes_constraints() {
    let cases: [(&Contract, &[&str]); 12] = [
        (
            &SIREN,
            &[
                "732829320",
                "732 829 320",
                "732.829.320",
                "\u{a0}732-829-320 ",
                "732829321",
                "",
                "73282932",
                "7328293200",
                "73282932A",
                "\t732829320",
                "７３２８２９３２０",
            ],
        ),
        (
            &SIRET,
            &[
                "73282932000074",
                "732 829 320 00074",
                "35600000000001",
                "73282932000075",
                "7328293200007",
                "7328293200007A",
                "732829320000741",
            ],
        ),
        (
            &IBAN,
            &[
                "FR7630006000011234567890189",
                "fr76 3000 6000 0112 3456 7890 189",
                "DE89370400440532013000",
                "GB82WEST12345698765432",
                "fr76-3000.6000 01123456789\u{a0}0189",
                "FR7630006000011234567890188",
                "FR763000600001123456789018",
                "FR76300060000",
                "7630006000011234567890189FR",
                "F17630006000011234567890189",
                "FRA630006000011234567890189",
                "FR76300060000112345678901_9",
                "FR76 3000 6000 0112 3456 7890 1890 0000 0000",
                "FR763000600001123456789018é",
            ],
        ),
        (
            &BIC,
            &[
                "AGRIFRPP882",
                "agri fr pp 882",
                "BNPAFRPP",
                "bnpa-fr-pp",
                "",
                "BNPAFRP",
                "BNP1FRPP",
                "BNPAFRPP_",
                "BNPAFRPP88",
                "BNPAFRPP8822",
                "BNPAFRPPé",
            ],
        ),
        (
            &EMAIL,
            &[
                "gestion@sicgpi.example",
                "  Gestion@SICGPI.example ",
                "a.b+c@x-y.fr",
                "\u{212a}@x.fr",
                "o'neil@x.fr",
                "x@a.b.c",
                "x@x.fr\u{85}",
                &format!("{}@x.fr", "a".repeat(64)),
                &format!("a@{}.fr", "b".repeat(63)),
                "",
                "gestion",
                "@x.fr",
                "a@b",
                "a@-b.fr",
                "a b@c.fr",
                "a@b..fr",
                "a@@b.fr",
                "a@b-.fr",
                "é@x.fr",
                "a@x.fr\u{feff}",
                &format!("{}@x.fr", "a".repeat(65)),
                &format!("a@{}.fr", "b".repeat(64)),
                &format!("a@{}.fr", "b.".repeat(130)),
            ],
        ),
        (
            &PHONE,
            &[
                "0240000000",
                "02 40 00 00 00",
                "02.40.00.00.00",
                "+33 2 40 00 00 00",
                "+33240000000",
                "+ 3 3 6-12-34-56-78",
                "06\u{a0}12 34 56 78",
                "06 12 34 56 7",
                "00 12 34 56 78",
                "02 40 AB 00 00",
                "  ",
                "+330240000000",
                "+34240000000",
                "\t0240000000",
                "0240000000 0",
                "33240000000",
            ],
        ),
        (
            &POSTAL_CODE,
            &[
                "44220", "75001", "20000", "97400", "98800", "01000", "44 220", "9-7.4 11",
                "00100", "96000", "99000", "97000", "98900", "4422", "44A20", "442200", "\t44220",
            ],
        ),
        (
            &CAF_NUMBER,
            &[
                "441",
                " 441 ",
                "2a1",
                "\u{3000}441\t",
                "44",
                "4411",
                "4 41",
                "44-1",
                "44é",
                "",
            ],
        ),
        (
            &IDENTIFIER,
            &[
                "A6D5AZT301",
                "  a6d5azt301 ",
                "A6D5AZT3",
                "A6D5AZT30!",
                "A6D5 AZT301",
                "A6D5AZT3011",
            ],
        ),
        (
            &USER_NUMBER,
            &[
                "44100000000301",
                "441 0000 0000 301",
                " 441.000.000.003.01\n",
                "\t-44100000000301",
                "44104010",
                "441000000003011",
                "441\t00000000301",
            ],
        ),
        (
            &TIERS_NUMBER,
            &[
                "4410001234",
                "441 0001234",
                "2A10001234",
                " 441-000-1234 ",
                "441000123X",
                "441000123",
                "44100012345",
                "441\t0001234",
                "4A1000123A",
            ],
        ),
        (
            &NIR,
            &[
                "295109912611193",
                "2 95 10 99 126 111 93",
                "185022A12345682",
                "185022a12345682",
                "295109912611194",
                "595109912611193",
                "29510991261119",
                "2951099126111A3",
                "295102C12611193",
                "2951099126111933",
            ],
        ),
    ];
    for (contract, samples) in cases {
        // An email's shortest form (`a@b.c`) is the pattern's to tell.
        assert!(contract.min_length > 0 || contract.name == "Email");
        for sample in samples {
            contract.check(sample);
        }
    }
}

#[test]
fn r_api_1_the_postal_code_pattern_is_the_parser() {
    for number in 0..100_000 {
        POSTAL_CODE.check(&format!("{number:05}"));
    }
}

#[test]
fn r_api_1_the_patterns_white_space_and_separators_are_the_parsers() {
    let white_space = Regex::new(&format!("^{}$", schema::white_space())).unwrap();
    let separator = Regex::new(&format!("^{}$", schema::separator())).unwrap();
    for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
        let text = c.to_string();
        assert_eq!(white_space.is_match(&text), c.is_whitespace(), "{c:?}");
        assert_eq!(
            separator.is_match(&text),
            compact(&text).is_empty(),
            "{c:?}"
        );
    }
}

proptest! {
    #[test]
    fn r_api_1_digit_patterns_agree_with_the_parsers(sample in "[0-9 .\\-\u{a0}\t+3AB]{0,20}") {
        for contract in [&SIREN, &SIRET, &PHONE, &POSTAL_CODE, &NIR] {
            contract.check(&sample);
        }
    }

    #[test]
    fn r_api_1_code_patterns_agree_with_the_parsers(sample in "[0-9A-Za-z .\\-\u{a0}\t_]{0,36}") {
        for contract in [&IBAN, &BIC, &CAF_NUMBER, &IDENTIFIER, &USER_NUMBER, &TIERS_NUMBER] {
            contract.check(&sample);
        }
    }

    #[test]
    fn r_api_1_email_pattern_agrees_with_the_parser(sample in "[ \tA-Za-z0-9\u{212a}é.@+-]{0,24}") {
        EMAIL.check(&sample);
    }
}
