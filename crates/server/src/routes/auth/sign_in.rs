use crate::error::ApiError;
use crate::extractors::ClientAddress;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, post, web};
use bailleur_api_types::auth::{SignInOutcome, SignInRequest};
use bailleur_api_types::{FieldError, FormatError, Problem};

/// Signs in with the identifier or the email and the password (R-AUTH-1). Answers the next
/// step of the sign-in flow, or the session when none is due. An unknown login, a wrong
/// password and a locked account get the same 401 (R-AUTH-7).
#[utoipa::path(
    tag = "auth",
    operation_id = "sign_in",
    summary = "Sign in with the identifier or the email, and the password",
    request_body = SignInRequest,
    params(("Bailleur-Refresh-Transport" = Option<String>, Header, description = "`cookie`: the refresh token goes in an HttpOnly cookie instead of the body (the web app)")),
    responses(
        (status = 200, body = SignInOutcome, description = "The next step, or the session"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "Unknown login, wrong password or locked account: always the same answer"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Too many failures from this client address"),
        (status = 503, body = Problem, content_type = "application/problem+json", description = "The code could not be mailed, or the password hashing queue is full (then with `Retry-After`)"),
    )
)]
#[post("/auth/sign-in")]
pub async fn handler(
    request: HttpRequest,
    state: web::Data<AppState>,
    client: ClientAddress,
    body: crate::routes::body::Json<SignInRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut missing = Vec::new();
    for (field, value) in [("login", &body.login), ("password", &body.password)] {
        if value.trim().is_empty() {
            missing.push(FieldError {
                field: field.to_owned(),
                code: FormatError::Empty.code().to_owned(),
                message: FormatError::Empty.message_fr(),
            });
        }
    }
    if !missing.is_empty() {
        return Err(ApiError::Invalid(missing));
    }
    let progress = bailleur_core::auth::sign_in::sign_in(
        &state.auth,
        &state.db,
        state.clock.now(),
        &body.login,
        &body.password,
        &client.0,
    )
    .await?;
    Ok(super::progress_response(&request, &state, progress))
}
