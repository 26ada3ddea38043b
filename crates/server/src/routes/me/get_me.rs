use crate::error::ApiError;
use crate::extractors::SignedIn;
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::profile::Me;

/// The signed-in account's own data (R-PROF-1).
#[utoipa::path(
    tag = "me",
    operation_id = "get_me",
    summary = "Get the account's own data (Mon profil)",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Me),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me")]
pub async fn handler(
    state: web::Data<AppState>,
    SignedIn(who): SignedIn,
) -> Result<web::Json<Me>, ApiError> {
    Ok(web::Json(
        bailleur_core::profile::me(&state.db, who.account_id).await?,
    ))
}
