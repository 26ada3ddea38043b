use actix_web::{HttpResponse, get};

/// Liveness: the process answers.
#[utoipa::path(tag = "ops", operation_id = "healthz", summary = "Liveness probe", responses((status = 200, description = "The process is alive")))]
#[get("/healthz")]
pub async fn handler() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain").body("ok")
}
