//! Answering a POST under its `Idempotency-Key` (R-API-2): the work runs in one transaction
//! with the stored answer (`bailleur_core::idempotency::run`); a replay answers the stored
//! status and body with `Idempotent-Replayed: true`.
use crate::error::ApiError;
use crate::extractors::IdempotencyKeyHeader;
use crate::state::AppState;
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use bailleur_core::auth::principal::Principal;
use bailleur_core::idempotency::{self, Outcome, Stored};
use sea_orm::DatabaseTransaction;
use serde::Serialize;

pub const REPLAYED: &str = "Idempotent-Replayed";

/// `work`'s answer as `status`, or the answer stored under the key. `route` and `request` are
/// what two requests must share to be the same one.
pub async fn respond<T: Serialize, E: Into<ApiError>>(
    state: &AppState,
    who: &Principal,
    key: &IdempotencyKeyHeader,
    route: &str,
    request: &impl Serialize,
    status: StatusCode,
    work: impl AsyncFnOnce(&DatabaseTransaction) -> Result<T, E>,
) -> Result<HttpResponse, ApiError> {
    // The answer is what is stored: serialised once.
    let outcome = execute(state, who, key, route, request, status, work, |done: &T| {
        let body = serde_json::to_string(done)?;
        Ok((body.clone(), body))
    })
    .await?;
    Ok(answer(outcome, status))
}

fn answer<T>(outcome: Outcome<(T, String)>, status: StatusCode) -> HttpResponse {
    match outcome {
        Outcome::Done((_, body)) => HttpResponse::build(status)
            .content_type("application/json")
            .body(body),
        Outcome::Replayed(stored) => replay(stored, status),
    }
}

/// [`respond`], storing `stored(&answer)` for replays instead of the answer itself: for an
/// answer that holds what must never be stored (a client secret).
#[allow(clippy::too_many_arguments)]
pub async fn respond_storing<T: Serialize, E: Into<ApiError>>(
    state: &AppState,
    who: &Principal,
    key: &IdempotencyKeyHeader,
    route: &str,
    request: &impl Serialize,
    status: StatusCode,
    work: impl AsyncFnOnce(&DatabaseTransaction) -> Result<T, E>,
    stored: impl FnOnce(&T) -> serde_json::Result<String>,
) -> Result<HttpResponse, ApiError> {
    let outcome = execute(state, who, key, route, request, status, work, |done: &T| {
        let answer = serde_json::to_string(done)?;
        Ok((answer, stored(done)?))
    })
    .await?;
    Ok(answer(outcome, status))
}

/// The work's result and what `stored` made of it, or the stored answer of an earlier request
/// with the key: for handlers that act after the commit (send mails) before answering.
#[allow(clippy::too_many_arguments)]
pub async fn execute<T, S, E: Into<ApiError>>(
    state: &AppState,
    who: &Principal,
    IdempotencyKeyHeader(key): &IdempotencyKeyHeader,
    route: &str,
    request: &impl Serialize,
    status: StatusCode,
    work: impl AsyncFnOnce(&DatabaseTransaction) -> Result<T, E>,
    stored: impl FnOnce(&T) -> serde_json::Result<(S, String)>,
) -> Result<Outcome<(T, S)>, ApiError> {
    let body = serde_json::to_vec(request).map_err(|error| ApiError::Unexpected(error.into()))?;
    let fingerprint = idempotency::fingerprint(route, &body);
    Ok(idempotency::run(
        &state.db,
        &state.idempotency,
        &who.key_owner(),
        key.as_ref(),
        &fingerprint,
        state.clock.now(),
        async |txn| {
            let done = work(txn).await.map_err(Into::into)?;
            let (kept, body) = stored(&done).map_err(|error| ApiError::Unexpected(error.into()))?;
            Ok::<_, ApiError>((done, (kept, body)))
        },
        |(_, (_, body)): &(T, (S, String))| Stored {
            status: status.as_u16(),
            body: body.clone(),
        },
    )
    .await?
    .map_done(|(done, (kept, _))| (done, kept)))
}

/// The stored answer again, marked as such.
pub fn replay(stored: Stored, status: StatusCode) -> HttpResponse {
    HttpResponse::build(StatusCode::from_u16(stored.status).unwrap_or(status))
        .insert_header((REPLAYED, "true"))
        .content_type("application/json")
        .body(stored.body)
}

/// `Idempotency-Key` of every POST (R-API-2).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
pub struct IdempotencyKeyParam {
    /// 1 to 255 printable ASCII characters, bare or quoted (`"…"`). The same key with the same
    /// request within 24 hours replays the first answer (`Idempotent-Replayed: true`); with
    /// another request, 422 `/problems/idempotency-key-reused`; while the first still runs,
    /// 409 `/problems/idempotency-key-in-flight`. Failed requests are not kept.
    #[param(
        rename = "Idempotency-Key",
        min_length = 1,
        max_length = 255,
        pattern = "^[\\x20-\\x7E]+$"
    )]
    #[allow(dead_code)]
    idempotency_key: Option<String>,
}
