use crate::error::ApiError;
use crate::extractors::SignedIn;
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::auth::{AccountPage, AccountQuery};

/// The accounts linked to this one: they share its email and its password (R-LINK-3).
#[utoipa::path(
    tag = "me",
    operation_id = "list_linked_accounts",
    summary = "List the accounts sharing this account's email",
    security(("bearer" = [])),
    params(AccountQuery),
    responses(
        (status = 200, body = AccountPage),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A malformed path, query or body: each refused field named"),
    )
)]
#[get("/me/linked-accounts")]
pub async fn handler(
    state: web::Data<AppState>,
    SignedIn(who): SignedIn,
    query: web::Query<AccountQuery>,
) -> Result<web::Json<AccountPage>, ApiError> {
    crate::routes::session::list_accounts::accounts_page(&state, &who, &query).await
}
