//! Page numbers of the lists (R-API-3): from 1 to [`MAX_PAGE`], parsed once at the edge, so no
//! number reaches a query that the database (or the offset computed from it) cannot hold.
use serde::{Deserialize, Serialize};

/// Far beyond any list a landlord has (20 rows a page), far below what an offset can hold.
pub const MAX_PAGE: u32 = 100_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u64", into = "u64")]
pub struct PageNumber(u32);

impl PageNumber {
    pub fn get(self) -> u64 {
        u64::from(self.0)
    }
}

impl TryFrom<u64> for PageNumber {
    type Error = String;

    fn try_from(value: u64) -> Result<Self, Self::Error> {
        match u32::try_from(value) {
            Ok(page @ 1..=MAX_PAGE) => Ok(PageNumber(page)),
            _ => Err(format!(
                "le numéro de page va de 1 à {MAX_PAGE} (reçu : {value})"
            )),
        }
    }
}

impl From<PageNumber> for u64 {
    fn from(page: PageNumber) -> u64 {
        page.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_sec_1_page_numbers_are_bounded() {
        assert_eq!(PageNumber::try_from(1).map(PageNumber::get), Ok(1));
        assert_eq!(
            PageNumber::try_from(u64::from(MAX_PAGE)).map(PageNumber::get),
            Ok(100_000)
        );
        for refused in [
            0,
            u64::from(MAX_PAGE) + 1,
            9_223_372_036_854_775_808,
            u64::MAX,
        ] {
            assert!(PageNumber::try_from(refused).is_err(), "{refused}");
        }
    }
}
