use crate::error::ApiError;
use crate::extractors::{Acting, PartnerRead};
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::partner::PartnerData;

/// The landlord as the Caf knows it: address, bank details (masked), direct payment (R-PROF-3).
#[utoipa::path(
    tag = "partner",
    operation_id = "get_partner",
    summary = "Get the landlord's data",
    security(("bearer" = []), ("oauth2" = ["partner:read"])),
    responses(
        (status = 200, body = PartnerData),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "A client token without the scope (`WWW-Authenticate: Bearer error=\"insufficient_scope\"`)"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "The API client's rate is spent: retry after `Retry-After` seconds", headers(("Retry-After" = u32, description = "Seconds to wait"))),
    )
)]
#[get("/partner")]
pub async fn handler(
    state: web::Data<AppState>,
    Acting(who, _): Acting<PartnerRead>,
) -> Result<web::Json<PartnerData>, ApiError> {
    Ok(web::Json(
        bailleur_core::partner_data::get(&state.read, who.partner_id()).await?,
    ))
}
