use crate::error::ApiError;
use crate::extractors::SignedIn;
use crate::state::AppState;
use actix_web::{get, web};
use bailleur_api_types::Problem;
use bailleur_api_types::auth::{AccountPage, AccountQuery};

/// The accounts sharing the email of the session's account, to switch to (R-AUTH-3).
#[utoipa::path(
    tag = "session",
    operation_id = "list_session_accounts",
    summary = "List the accounts the session can switch to",
    security(("bearer" = [])),
    params(AccountQuery),
    responses(
        (status = 200, body = AccountPage),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "A malformed path, query or body: each refused field named"),
    )
)]
#[get("/session/accounts")]
pub async fn handler(
    state: web::Data<AppState>,
    SignedIn(who): SignedIn,
    query: web::Query<AccountQuery>,
) -> Result<web::Json<AccountPage>, ApiError> {
    accounts_page(&state, &who, &query).await
}

/// One list behind two operations: the accounts to switch to are the linked accounts.
pub(crate) async fn accounts_page(
    state: &AppState,
    who: &bailleur_core::auth::session::Authenticated,
    query: &AccountQuery,
) -> Result<web::Json<AccountPage>, ApiError> {
    let page = bailleur_core::auth::switch::accounts(
        &state.db,
        who,
        query.q.as_deref(),
        query.page.map_or(1, bailleur_api_types::PageNumber::get),
    )
    .await?;
    Ok(web::Json(page))
}
