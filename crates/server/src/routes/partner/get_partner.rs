use crate::error::ApiError;
use crate::extractors::SignedIn;
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::partner::PartnerData;

/// The landlord as the Caf knows it: address, bank details (masked), direct payment (R-PROF-3).
#[utoipa::path(
    tag = "partner",
    operation_id = "get_partner",
    summary = "Get the landlord's data",
    security(("bearer" = [])),
    responses(
        (status = 200, body = PartnerData),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/partner")]
pub async fn handler(
    state: web::Data<AppState>,
    SignedIn(who): SignedIn,
) -> Result<web::Json<PartnerData>, ApiError> {
    Ok(web::Json(
        bailleur_core::partner_data::get(&state.read, who.partner_id).await?,
    ))
}
