//! Typed helpers to declare for the seeds' tenant and read the answers (R-SPACE-5).
use crate::helpers::TestApp;
use bailleur_api_types::auth::SessionTokens;
use bailleur_api_types::declarations::{DeclarationPage, SubmittedDeclarations};
use bailleur_api_types::tenants::TenantDetail;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use time::{Duration, OffsetDateTime};

/// The seeds' tenant of Couëron: rent 525 €, charges 45 €, aid 111 € paid to the landlord.
pub async fn coueron(app: &TestApp, tokens: &SessionTokens) -> TenantDetail {
    let page = app.tenants(tokens, "q=1593739").await;
    app.call(
        Method::GET,
        &format!("/api/v1/tenants/{}", page.items[0].id),
        tokens,
        json!(null),
    )
    .await
    .json()
    .await
    .expect("tenant")
}

pub fn day(at: OffsetDateTime, offset_days: i64) -> String {
    (at + Duration::days(offset_days)).date().to_string()
}

pub async fn submit(
    app: &TestApp,
    tokens: &SessionTokens,
    tenant_id: bailleur_api_types::TenantId,
    declarations: Value,
) -> reqwest::Response {
    app.call(
        Method::POST,
        "/api/v1/declarations",
        tokens,
        json!({ "tenant_id": tenant_id, "declarations": declarations }),
    )
    .await
}

/// Submits declarations that must be accepted.
pub async fn accepted(
    app: &TestApp,
    tokens: &SessionTokens,
    tenant_id: bailleur_api_types::TenantId,
    declarations: Value,
) -> SubmittedDeclarations {
    let response = submit(app, tokens, tenant_id, declarations).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.expect("created")
}

pub async fn listed(
    app: &TestApp,
    tokens: &SessionTokens,
    tenant_id: bailleur_api_types::TenantId,
) -> DeclarationPage {
    app.call(
        Method::GET,
        &format!("/api/v1/declarations?tenant={tenant_id}"),
        tokens,
        json!(null),
    )
    .await
    .json()
    .await
    .expect("declaration page")
}
