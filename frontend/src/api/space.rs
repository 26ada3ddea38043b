//! The landlord space's calls: tenants, declarations, payments, the landlord's own data.
use super::{ApiError, AuthorizedApi, encode, send};
use bailleur_api_types::auth::Flow;
use bailleur_api_types::declarations::{
    Declaration, DeclarationPage, SubmitDeclarations, SubmittedDeclarations,
};
use bailleur_api_types::partner::{BankDetailsRequest, PartnerData, UpdatePartnerRequest};
use bailleur_api_types::payments::PaymentPage;
use bailleur_api_types::tenants::{TenantDetail, TenantPage};
use gloo_net::http::Request;

impl AuthorizedApi {
    pub async fn tenants(&self, query: &str, page: u64) -> Result<TenantPage, ApiError> {
        let query: String = js_sys::encode_uri_component(query).into();
        send(
            self.authorized(Request::get(&format!(
                "/api/v1/tenants?q={query}&page={page}"
            )))
            .build(),
        )
        .await
    }

    pub async fn tenant(&self, id: i32) -> Result<TenantDetail, ApiError> {
        send(
            self.authorized(Request::get(&format!("/api/v1/tenants/{id}")))
                .build(),
        )
        .await
    }

    pub async fn submit_declarations(
        &self,
        request: &SubmitDeclarations,
    ) -> Result<SubmittedDeclarations, ApiError> {
        send(
            self.authorized(Request::post("/api/v1/declarations"))
                .json(request),
        )
        .await
    }

    pub async fn declarations(
        &self,
        tenant: Option<i32>,
        page: u64,
    ) -> Result<DeclarationPage, ApiError> {
        let tenant = tenant.map(|id| format!("&tenant={id}")).unwrap_or_default();
        send(
            self.authorized(Request::get(&format!(
                "/api/v1/declarations?page={page}{tenant}"
            )))
            .build(),
        )
        .await
    }

    pub async fn declaration(&self, id: i32) -> Result<Declaration, ApiError> {
        send(
            self.authorized(Request::get(&format!("/api/v1/declarations/{id}")))
                .build(),
        )
        .await
    }

    /// `from` and `to` as typed in date fields (`2026-01-01`), empty for the default period.
    pub async fn payments(&self, from: &str, to: &str, page: u64) -> Result<PaymentPage, ApiError> {
        let mut path = format!("/api/v1/payments?page={page}");
        for (name, value) in [("from", from), ("to", to)] {
            if !value.is_empty() {
                path.push_str(&format!("&{name}={}", encode(value)));
            }
        }
        send(self.authorized(Request::get(&path)).build()).await
    }

    pub async fn partner(&self) -> Result<PartnerData, ApiError> {
        send(self.authorized(Request::get("/api/v1/partner")).build()).await
    }

    pub async fn update_partner(
        &self,
        request: &UpdatePartnerRequest,
    ) -> Result<PartnerData, ApiError> {
        send(
            self.authorized(Request::patch("/api/v1/partner"))
                .json(request),
        )
        .await
    }

    pub async fn change_bank_details(
        &self,
        request: &BankDetailsRequest,
    ) -> Result<Flow, ApiError> {
        send(
            self.authorized(Request::post("/api/v1/partner/bank-details"))
                .json(request),
        )
        .await
    }
}
