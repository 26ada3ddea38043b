use crate::error::ApiError;
use crate::extractors::{ClientAddress, SignedIn};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, post, web};
use bailleur_api_types::Problem;
use bailleur_api_types::auth::REFRESH_COOKIE;
use bailleur_core::auth::session;

/// Ends the session: its access and refresh tokens stop working at once (R-AUTH-8). The web
/// app may sign out with its cookie alone (after a reload, before any access token).
#[utoipa::path(
    tag = "auth",
    operation_id = "sign_out",
    summary = "Sign out: revoke the session",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "The session is revoked"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/sign-out")]
pub async fn handler(
    request: HttpRequest,
    state: web::Data<AppState>,
    client: ClientAddress,
    signed_in: Option<SignedIn>,
) -> Result<HttpResponse, ApiError> {
    let now = state.clock.now();
    let who = match signed_in {
        Some(SignedIn(who)) => who,
        None => {
            let token = request
                .cookie(REFRESH_COOKIE)
                .map(|cookie| cookie.value().to_owned())
                .ok_or(ApiError::Unauthenticated)?;
            session::by_refresh_token(&state.db, &token)
                .await
                .map_err(|error| ApiError::Unexpected(error.into()))?
                .ok_or(ApiError::Unauthenticated)?
        }
    };
    session::sign_out(
        state.auth.recent_checks(),
        &state.db,
        now,
        &who,
        Some(&client.0),
    )
    .await
    .map_err(|error| ApiError::Unexpected(error.into()))?;
    Ok(HttpResponse::NoContent()
        .cookie(super::expired_cookie(&state))
        .finish())
}
