use crate::error::ApiError;
use crate::extractors::{ClientAddress, SignedIn};
use crate::state::AppState;
use actix_web::{post, web};
use bailleur_api_types::Problem;
use bailleur_api_types::auth::Flow;
use bailleur_api_types::partner::BankDetailsRequest;

/// Starts a change of bank details (R-PROF-3): the IBAN (with its key, and the French RIB key)
/// and the BIC are checked, then a code goes to the account's email; the details change when it
/// is entered at `/auth/flows/{id}/otp`, and a mail confirms it.
#[utoipa::path(
    tag = "partner",
    operation_id = "change_bank_details",
    summary = "Change the bank details (behind a code)",
    security(("bearer" = [])),
    request_body = BankDetailsRequest,
    responses(
        (status = 200, body = Flow, description = "The flow: `otp`"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "Not the partner's administrator (R-SEC-2)"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "No email to send the code to"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "`iban` or `bic` refused"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/partner/bank-details")]
pub async fn handler(
    state: web::Data<AppState>,
    client: ClientAddress,
    SignedIn(who): SignedIn,
    body: crate::routes::body::Json<BankDetailsRequest>,
) -> Result<web::Json<Flow>, ApiError> {
    Ok(web::Json(
        bailleur_core::partner_data::start_bank_change(
            &state.auth,
            &state.db,
            state.clock.now(),
            bailleur_core::auth::flow::Asker {
                account_id: who.account_id,
                session_id: who.session_id,
            },
            &body,
            Some(&client.0),
        )
        .await?,
    ))
}
