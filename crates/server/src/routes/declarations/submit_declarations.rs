use crate::extractors::{Acting, DeclarationsWrite, IdempotencyKeyHeader};
use crate::routes::idempotent;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, post, web};
use bailleur_api_types::Problem;
use bailleur_api_types::declarations::{SubmitDeclarations, SubmittedDeclarations};

/// Declares one or several things about a tenant at once: every declaration is checked against
/// its rules, then all are recorded, or none (R-SPACE-5). A rent declaration replaces the
/// lease's previous one of the same campaign. Sent again with the same `Idempotency-Key`, it
/// declares nothing more and answers the first answer again (R-API-2).
#[utoipa::path(
    tag = "declarations",
    operation_id = "submit_declarations",
    summary = "Submit one or several declarations about a tenant",
    security(("bearer" = []), ("oauth2" = ["declarations:write"])),
    params(crate::routes::idempotent::IdempotencyKeyParam),
    request_body = SubmitDeclarations,
    responses(
        (status = 201, body = SubmittedDeclarations, headers(("Idempotent-Replayed" = String, description = "`true` when this is the stored answer of an earlier request with the same key"))),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "A client token without `declarations:write`"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No tenant of this landlord has this id"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "`/problems/idempotency-key-in-flight`: a request with this key is still running"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Every broken rule, by field (`declarations[0].rent_cents`), nothing recorded; or `/problems/idempotency-key-reused`"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "The API client's rate is spent", headers(("Retry-After" = u32, description = "Seconds to wait"))),
    )
)]
#[post("/declarations")]
pub async fn handler(
    state: web::Data<AppState>,
    Acting(who, _): Acting<DeclarationsWrite>,
    key: IdempotencyKeyHeader,
    body: crate::routes::body::Deferred<SubmitDeclarations>,
) -> actix_web::Result<HttpResponse> {
    let body = body.get()?;
    let now = state.clock.now();
    idempotent::respond(
        &state,
        &who,
        &key,
        "POST /declarations",
        &body,
        StatusCode::CREATED,
        async |txn| bailleur_core::declarations::submit(txn, &who, &body, now).await,
    )
    .await
    .map_err(Into::into)
}
