use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::auth::OutboxMail;

/// The mails written to the development outbox, newest first (50 at most), so that a person
/// trying the demo can read the codes. 404 when mails really leave (SMTP).
#[utoipa::path(
    tag = "development",
    operation_id = "list_outbox",
    summary = "List the development outbox (only when mails go to files)",
    responses(
        (status = 200, body = Vec<OutboxMail>),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "Mails are sent by SMTP: there is no outbox"),
    )
)]
#[get("/dev/outbox")]
pub async fn handler(state: web::Data<AppState>) -> Result<web::Json<Vec<OutboxMail>>, ApiError> {
    let dir = state
        .auth
        .mailer
        .outbox_dir()
        .ok_or(ApiError::NotFound(
            "Les mails partent par SMTP : pas de boîte de développement.",
        ))?
        .to_owned();
    let mails = web::block(move || bailleur_core::mail::read_outbox(&dir, 50))
        .await
        .map_err(|error| ApiError::Unexpected(error.into()))?
        .map_err(|error| ApiError::Unexpected(error.into()))?;
    Ok(web::Json(mails))
}
