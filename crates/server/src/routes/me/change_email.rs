use crate::error::ApiError;
use crate::extractors::{ClientAddress, SignedIn};
use crate::state::AppState;
use actix_web::{post, web};
use bailleur_api_types::Problem;
use bailleur_api_types::auth::Flow;
use bailleur_api_types::profile::ChangeEmailRequest;

/// Starts an email change (R-PROF-2): a code goes to the current email; when other accounts use
/// the new one, the flow also asks for the password common to all of them (R-LINK-3); a linked
/// account is detached from its group (R-LINK-5). Continue with `/auth/flows/{id}/…`.
#[utoipa::path(
    tag = "me",
    operation_id = "change_email",
    summary = "Change the email (behind a code; links or detaches accounts)",
    security(("bearer" = [])),
    request_body = ChangeEmailRequest,
    responses(
        (status = 200, body = Flow, description = "The flow: `otp`, then `new_password` when linking"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "No email to send the code to"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Invalid, unchanged or unshareable email, or a confirmation that differs"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/email")]
pub async fn handler(
    state: web::Data<AppState>,
    client: ClientAddress,
    SignedIn(who): SignedIn,
    body: crate::routes::body::Json<ChangeEmailRequest>,
) -> Result<web::Json<Flow>, ApiError> {
    let flow = bailleur_core::profile::start_email_change(
        &state.auth,
        &state.db,
        state.clock.now(),
        bailleur_core::auth::flow::Asker {
            account_id: who.account_id,
            session_id: who.session_id,
        },
        &body.email,
        &body.email_confirmation,
        Some(&client.0),
    )
    .await?;
    Ok(web::Json(flow))
}
