use crate::error::ApiError;
use crate::extractors::SignedIn;
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::partner::PartnerUser;

/// The partner's users (administrator only, R-AUTH-5).
#[utoipa::path(
    tag = "partner",
    operation_id = "list_partner_users",
    summary = "List the partner's users (administrator)",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<PartnerUser>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "Not the partner's administrator"),
    )
)]
#[get("/partner/users")]
pub async fn handler(
    state: web::Data<AppState>,
    SignedIn(who): SignedIn,
) -> Result<web::Json<Vec<PartnerUser>>, ApiError> {
    Ok(web::Json(
        bailleur_core::partner_users::list(&state.db, &who).await?,
    ))
}
