pub mod get_caf;
pub mod get_delays;
pub mod list_notices;

use crate::error::ApiError;
use bailleur_api_types::CafNumber;

fn parse_number(raw: &str) -> Result<CafNumber, ApiError> {
    CafNumber::parse(raw).map_err(|error| ApiError::field("number", error))
}
