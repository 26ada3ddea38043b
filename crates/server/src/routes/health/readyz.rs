use crate::state::AppState;
use actix_web::{HttpResponse, get, web};

/// Readiness: the database answers.
#[utoipa::path(tag = "ops", operation_id = "readyz", summary = "Readiness probe (database reachable)", responses(
    (status = 200, description = "Ready to serve"),
    (status = 503, description = "The database does not answer"),
))]
#[get("/readyz")]
pub async fn handler(state: web::Data<AppState>) -> HttpResponse {
    match state.db.ping().await {
        Ok(()) => HttpResponse::Ok().content_type("text/plain").body("ready"),
        Err(error) => {
            tracing::warn!(%error, "database not reachable");
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain")
                .body("database unreachable")
        }
    }
}
