use crate::error::ApiError;
use crate::extractors::{ClientAddress, SignedIn};
use crate::state::AppState;
use actix_web::{post, web};
use bailleur_api_types::Problem;
use bailleur_api_types::auth::Flow;
use bailleur_api_types::profile::ChangePasswordRequest;

/// Starts a password change (R-PROF-2, R-OTP-3): the current password, then a code to the
/// current email, then the new password, shared by every linked account (R-LINK-4).
#[utoipa::path(
    tag = "me",
    operation_id = "change_password",
    summary = "Change the password (current password, then a code)",
    security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 200, body = Flow, description = "The flow: `otp`, then `new_password`"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "No email to send the code to"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Wrong current password"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
        (status = 503, body = Problem, content_type = "application/problem+json", description = "The password hashing queue is full: retry after `Retry-After` seconds"),
    )
)]
#[post("/me/password")]
pub async fn handler(
    state: web::Data<AppState>,
    client: ClientAddress,
    SignedIn(who): SignedIn,
    body: crate::routes::body::Json<ChangePasswordRequest>,
) -> Result<web::Json<Flow>, ApiError> {
    let flow = bailleur_core::profile::start_password_change(
        &state.auth,
        &state.db,
        state.clock.now(),
        bailleur_core::auth::flow::Asker {
            account_id: who.account_id,
            session_id: who.session_id,
        },
        &body.current_password,
        Some(&client.0),
    )
    .await?;
    Ok(web::Json(flow))
}
