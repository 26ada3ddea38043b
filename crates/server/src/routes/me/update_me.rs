use crate::error::ApiError;
use crate::extractors::SignedIn;
use crate::state::AppState;
use actix_web::{patch, web};
use bailleur_api_types::Problem;
use bailleur_api_types::profile::{Me, UpdateMeRequest};

/// Changes the name and the phones (R-PROF-1); every bad field is named, nothing is written.
#[utoipa::path(
    tag = "me",
    operation_id = "update_me",
    summary = "Change the name and the phones",
    security(("bearer" = [])),
    request_body = UpdateMeRequest,
    responses(
        (status = 200, body = Me),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/me")]
pub async fn handler(
    state: web::Data<AppState>,
    SignedIn(who): SignedIn,
    body: crate::routes::body::Json<UpdateMeRequest>,
) -> Result<web::Json<Me>, ApiError> {
    let me = bailleur_core::profile::update_me(&state.db, who.account_id, &body).await?;
    Ok(web::Json(me))
}
