use crate::error::ApiError;
use crate::extractors::SignedIn;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use bailleur_api_types::Problem;
use bailleur_api_types::partner::{CreateUserRequest, PartnerUser};

/// Creates a user of the partner with a personal email (R-AUTH-5): the identifier and a
/// provisional password are mailed in two separate mails; the first connection replaces it.
#[utoipa::path(
    tag = "partner",
    operation_id = "create_partner_user",
    summary = "Create a user of the partner (administrator)",
    security(("bearer" = [])),
    request_body = CreateUserRequest,
    responses(
        (status = 201, body = PartnerUser),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "A physical landlord has a single account"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Invalid fields, or an email of another user of the partner or of a physical landlord"),
        (status = 503, body = Problem, content_type = "application/problem+json", description = "The password hashing queue is full: retry after `Retry-After` seconds"),
    )
)]
#[post("/partner/users")]
pub async fn handler(
    state: web::Data<AppState>,
    SignedIn(who): SignedIn,
    body: crate::routes::body::Json<CreateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    let (user, mails) = bailleur_core::partner_users::create(
        &state.auth.passwords,
        &state.db,
        state.clock.now(),
        &who,
        &body,
    )
    .await?;
    for mail in mails {
        // The account exists: a mail that fails is logged; the administrator can recreate it.
        if let Err(error) = state.auth.mailer.send(mail).await {
            tracing::warn!(%error, "an account creation mail could not be sent");
        }
    }
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/partner/users/{}", user.id)))
        .json(user))
}
