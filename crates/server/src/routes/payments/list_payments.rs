use crate::error::ApiError;
use crate::extractors::{Acting, PaymentsRead};
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::payments::{PaymentPage, PaymentQuery};

/// The housing aid paid to the landlord, newest month first, by tenant, 50 per page, with the
/// period's total (R-SPACE-7). Aid paid to tenants does not appear.
#[utoipa::path(
    tag = "payments",
    operation_id = "list_payments",
    summary = "List the housing aid paid to the landlord",
    security(("bearer" = []), ("oauth2" = ["payments:read"])),
    params(PaymentQuery),
    responses(
        (status = 200, body = PaymentPage),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A malformed parameter"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "A client token without the scope (`WWW-Authenticate: Bearer error=\"insufficient_scope\"`)"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "The API client's rate is spent: retry after `Retry-After` seconds", headers(("Retry-After" = u32, description = "Seconds to wait"))),
    )
)]
#[get("/payments")]
pub async fn handler(
    state: web::Data<AppState>,
    Acting(who, _): Acting<PaymentsRead>,
    query: web::Query<PaymentQuery>,
) -> Result<web::Json<PaymentPage>, ApiError> {
    Ok(web::Json(
        bailleur_core::payments::list(
            &state.read,
            who.partner_id(),
            &query,
            state.clock.now().date(),
        )
        .await?,
    ))
}
