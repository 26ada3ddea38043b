use crate::error::ApiError;
use crate::extractors::{ClientAddress, SignedIn};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, post, web};
use bailleur_api_types::Problem;
use bailleur_api_types::auth::{SelectAccountRequest, SessionTokens};

/// Moves the session to another account sharing the email (R-AUTH-3): new tokens for that
/// account, the old ones revoked; an account outside the group is refused.
#[utoipa::path(
    tag = "session",
    operation_id = "switch_account",
    summary = "Switch the session to another account of the email group",
    security(("bearer" = [])),
    params(("Bailleur-Refresh-Transport" = Option<String>, Header, description = "`cookie`: the refresh token goes in an HttpOnly cookie")),
    request_body = SelectAccountRequest,
    responses(
        (status = 200, body = SessionTokens),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "The account does not share the email"),
    )
)]
#[post("/session/switch")]
pub async fn handler(
    request: HttpRequest,
    state: web::Data<AppState>,
    client: ClientAddress,
    SignedIn(who): SignedIn,
    body: crate::routes::body::Json<SelectAccountRequest>,
) -> Result<HttpResponse, ApiError> {
    let issued = bailleur_core::auth::switch::switch(
        &state.auth,
        &state.db,
        state.clock.now(),
        &who,
        body.account_id,
        Some(&client.0),
    )
    .await?;
    let (tokens, cookie) = crate::routes::auth::tokens_response(&request, &state, issued);
    let mut response = HttpResponse::Ok();
    response.insert_header(("Cache-Control", "no-store"));
    if let Some(cookie) = cookie {
        response.cookie(cookie);
    }
    Ok(response.json(tokens))
}
