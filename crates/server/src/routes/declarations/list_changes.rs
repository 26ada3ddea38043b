use crate::error::ApiError;
use crate::extractors::{Acting, DeclarationsRead};
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::batches::{ChangePage, ChangeQuery};
use bailleur_core::declarations::feed::{self, Cursor};

/// The status changes of the landlord's declarations, oldest first, from a cursor: ask again
/// with `next_cursor` to get what follows; no change is ever skipped, even when transactions
/// commit out of order (R-API-2).
#[utoipa::path(
    tag = "declarations",
    operation_id = "list_declaration_changes",
    summary = "Follow the status changes of the landlord's declarations",
    security(("bearer" = []), ("oauth2" = ["declarations:read"])),
    params(ChangeQuery),
    responses(
        (status = 200, body = ChangePage),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "A client token without `declarations:read`"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A cursor the feed did not give, or a limit out of 1–500"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "The API client's rate is spent", headers(("Retry-After" = u32, description = "Seconds to wait"))),
    )
)]
#[get("/declarations/changes")]
pub async fn handler(
    state: web::Data<AppState>,
    Acting(who, _): Acting<DeclarationsRead>,
    query: web::Query<ChangeQuery>,
) -> Result<web::Json<ChangePage>, ApiError> {
    let mut errors = Vec::new();
    let after = match query.after.as_deref() {
        None => Cursor::default(),
        Some(text) => Cursor::parse(text).unwrap_or_else(|_| {
            errors.push(bailleur_api_types::FieldError {
                field: "after".to_owned(),
                code: "format".to_owned(),
                message: "Ce curseur n'a pas été donné par le flux.".to_owned(),
            });
            Cursor::default()
        }),
    };
    let limit = query.limit.unwrap_or(feed::DEFAULT_LIMIT);
    if !(1..=bailleur_api_types::batches::MAX_CHANGES_PER_PAGE).contains(&limit) {
        errors.push(bailleur_api_types::FieldError {
            field: "limit".to_owned(),
            code: "range".to_owned(),
            message: "La limite va de 1 à 500.".to_owned(),
        });
    }
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    Ok(web::Json(
        feed::changes(&state.read, who.partner_id(), after, limit).await?,
    ))
}
