use crate::error::ApiError;
use crate::extractors::SignedIn;
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::auth::SessionInfo;
use bailleur_core::accounts;

/// The signed-in account and how many accounts share its email (R-AUTH-3).
#[utoipa::path(
    tag = "session",
    operation_id = "get_session",
    summary = "Get the current account of the session",
    security(("bearer" = [])),
    responses(
        (status = 200, body = SessionInfo),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/session")]
pub async fn handler(
    state: web::Data<AppState>,
    SignedIn(who): SignedIn,
) -> Result<web::Json<SessionInfo>, ApiError> {
    let unexpected = |error: accounts::AccountError| ApiError::Unexpected(error.into());
    let account = accounts::summary(&state.db, who.account_id)
        .await
        .map_err(unexpected)?;
    let sharing = bailleur_core::linking::linked_count(&state.db, who.account_id)
        .await
        .map_err(|error| ApiError::Unexpected(error.into()))?;
    Ok(web::Json(SessionInfo {
        account,
        accounts_sharing_email: sharing,
        expires_at: who.session_expires_at,
    }))
}
