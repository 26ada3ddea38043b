use crate::error::ApiError;
use crate::extractors::{ClientAddress, SignedIn};
use crate::state::AppState;
use actix_web::{patch, web};
use bailleur_api_types::Problem;
use bailleur_api_types::partner::{PartnerData, UpdatePartnerRequest};

/// Changes the postal address and whether the aid is paid to the landlord (R-PROF-3); audited.
/// Bank details change through `POST /partner/bank-details`, behind a code.
#[utoipa::path(
    tag = "partner",
    operation_id = "update_partner",
    summary = "Change the landlord's postal address or direct payment",
    security(("bearer" = [])),
    request_body = UpdatePartnerRequest,
    responses(
        (status = 200, body = PartnerData),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "Not the partner's administrator (R-SEC-2)"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Each refused field (`address.postal_code`...); nothing changed"),
    )
)]
#[patch("/partner")]
pub async fn handler(
    state: web::Data<AppState>,
    client: ClientAddress,
    SignedIn(who): SignedIn,
    body: crate::routes::body::Json<UpdatePartnerRequest>,
) -> Result<web::Json<PartnerData>, ApiError> {
    Ok(web::Json(
        bailleur_core::partner_data::update(
            &state.auth.mailer,
            &state.db,
            state.clock.now(),
            &who,
            &body,
            Some(&client.0),
        )
        .await?,
    ))
}
