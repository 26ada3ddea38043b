use crate::error::ApiError;
use crate::extractors::SignedIn;
use crate::state::AppState;
use actix_web::{patch, web};
use bailleur_api_types::Problem;
use bailleur_api_types::partner::{PartnerUser, UpdateUserRequest};

/// Disables a user of the partner (their sessions end at once) or enables them again.
#[utoipa::path(
    tag = "partner",
    operation_id = "update_partner_user",
    summary = "Disable or enable a user of the partner (administrator)",
    security(("bearer" = [])),
    params(("id" = i32, Path, description = "The user's id")),
    request_body = UpdateUserRequest,
    responses(
        (status = 200, body = PartnerUser),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No user of this partner has this id"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "An administrator cannot disable their own account"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A malformed path, query or body: each refused field named"),
    )
)]
#[patch("/partner/users/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    SignedIn(who): SignedIn,
    id: web::Path<bailleur_api_types::AccountId>,
    body: crate::routes::body::Json<UpdateUserRequest>,
) -> Result<web::Json<PartnerUser>, ApiError> {
    let user = bailleur_core::partner_users::set_disabled(
        state.auth.recent_checks(),
        &state.db,
        state.clock.now(),
        &who,
        id.into_inner(),
        body.disabled,
    )
    .await?;
    Ok(web::Json(user))
}
