use crate::error::ApiError;
use crate::extractors::{IdempotencyKeyHeader, SignedIn};
use crate::routes::idempotent;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, post, web};
use bailleur_api_types::Problem;
use bailleur_api_types::partner::{CreateUserRequest, PartnerUser};
use bailleur_core::auth::principal::Principal;
use bailleur_core::idempotency::Outcome;
use bailleur_core::mail::OutgoingMail;

/// Creates a user of the partner with a personal email (R-AUTH-5): the identifier and a
/// provisional password are mailed in two separate mails; the first connection replaces it.
#[utoipa::path(
    tag = "partner",
    operation_id = "create_partner_user",
    summary = "Create a user of the partner (administrator)",
    security(("bearer" = [])),
    params(crate::routes::idempotent::IdempotencyKeyParam),
    request_body = CreateUserRequest,
    responses(
        (status = 201, body = PartnerUser),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "A physical landlord has a single account; or `/problems/idempotency-key-in-flight`"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Invalid fields, or an email of another user of the partner or of a physical landlord; or `/problems/idempotency-key-reused`"),
        (status = 503, body = Problem, content_type = "application/problem+json", description = "The password hashing queue is full: retry after `Retry-After` seconds"),
    )
)]
#[post("/partner/users")]
pub async fn handler(
    state: web::Data<AppState>,
    SignedIn(who): SignedIn,
    key: IdempotencyKeyHeader,
    body: crate::routes::body::Deferred<CreateUserRequest>,
) -> actix_web::Result<HttpResponse> {
    let body = body.get()?;
    let now = state.clock.now();
    // Checked and hashed before the transaction; a replay costs that hash, never an account.
    let prepared =
        bailleur_core::partner_users::prepare(&state.auth.passwords, &state.db, &who, &body)
            .await
            .map_err(ApiError::from)?;
    let outcome = idempotent::execute(
        &state,
        &Principal::Person(who),
        &key,
        "POST /partner/users",
        &body,
        StatusCode::CREATED,
        async |txn| bailleur_core::partner_users::record(txn, now, prepared).await,
        |(user, _): &(PartnerUser, Vec<OutgoingMail>)| Ok(((), serde_json::to_string(user)?)),
    )
    .await?;
    let ((user, mails), ()) = match outcome {
        Outcome::Done(done) => done,
        Outcome::Replayed(stored) => {
            // The first answer's `Location` again, from the user it holds.
            let location = serde_json::from_str::<PartnerUser>(&stored.body)
                .ok()
                .map(|user| format!("/api/v1/partner/users/{}", user.id));
            let mut replay = idempotent::replay(stored, StatusCode::CREATED);
            if let Some(location) =
                location.and_then(|text| actix_web::http::header::HeaderValue::from_str(&text).ok())
            {
                replay
                    .headers_mut()
                    .insert(actix_web::http::header::LOCATION, location);
            }
            return Ok(replay);
        }
    };
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
