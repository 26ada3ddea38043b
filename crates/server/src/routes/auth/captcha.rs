use crate::state::AppState;
use actix_web::{post, web};
use bailleur_api_types::auth::CaptchaChallenge;

/// A security check for the forgotten-password form (R-RESET-1): a proof of work the app solves
/// (no picture to read). Single use, valid 10 minutes.
#[utoipa::path(
    tag = "auth",
    operation_id = "new_captcha",
    summary = "Get a proof-of-work security check",
    responses((status = 200, body = CaptchaChallenge)),
)]
#[post("/captcha")]
pub async fn handler(state: web::Data<AppState>) -> web::Json<CaptchaChallenge> {
    web::Json(bailleur_core::auth::captcha::issue(
        state.auth.keys(),
        state.clock.now(),
    ))
}
