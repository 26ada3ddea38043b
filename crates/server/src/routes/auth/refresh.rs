use crate::error::ApiError;
use crate::extractors::ClientAddress;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, post, web};
use bailleur_api_types::Problem;
use bailleur_api_types::auth::{REFRESH_COOKIE, RefreshRequest, SessionTokens};

/// Exchanges a refresh token (body, or the web app's cookie) for new tokens; the old one dies,
/// and using it again revokes the session (R-AUTH-8).
#[utoipa::path(
    tag = "auth",
    operation_id = "refresh",
    summary = "Exchange a refresh token for new tokens",
    request_body(content = Option<RefreshRequest>, description = "Optional: the web app sends its cookie instead"),
    params(("Bailleur-Refresh-Transport" = Option<String>, Header, description = "`cookie`: the new refresh token goes in an HttpOnly cookie")),
    responses(
        (status = 200, body = SessionTokens),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "Unknown, used or expired refresh token"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A malformed path, query or body: each refused field named"),
    )
)]
#[post("/auth/refresh")]
pub async fn handler(
    request: HttpRequest,
    state: web::Data<AppState>,
    client: ClientAddress,
    body: Option<crate::routes::body::Json<RefreshRequest>>,
) -> Result<HttpResponse, ApiError> {
    let token = body
        .and_then(|body| body.into_inner().refresh_token)
        .or_else(|| request.cookie(REFRESH_COOKIE).map(|c| c.value().to_owned()))
        .filter(|token| !token.is_empty())
        .ok_or(ApiError::Unauthenticated)?;
    let issued = bailleur_core::auth::session::refresh(
        &state.auth,
        &state.db,
        state.clock.now(),
        &token,
        Some(&client.0),
    )
    .await?;
    let (tokens, cookie) = super::tokens_response(&request, &state, issued);
    let mut response = HttpResponse::Ok();
    response.insert_header(("Cache-Control", "no-store"));
    if let Some(cookie) = cookie {
        response.cookie(cookie);
    }
    Ok(response.json(tokens))
}
