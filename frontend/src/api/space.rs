//! The landlord space's calls: tenants, declarations, payments, the landlord's own data.
use super::{ApiError, AuthorizedApi, page_param, send, with_query};
use bailleur_api_types::auth::Flow;
use bailleur_api_types::declarations::{
    Declaration, DeclarationPage, DeclarationQuery, SubmitDeclarations, SubmittedDeclarations,
};
use bailleur_api_types::partner::{BankDetailsRequest, PartnerData, UpdatePartnerRequest};
use bailleur_api_types::payments::{PaymentPage, PaymentQuery};
use bailleur_api_types::tenants::{TenantDetail, TenantPage, TenantQuery};
use gloo_net::http::Request;

impl AuthorizedApi {
    pub async fn tenants(&self, query: &TenantQuery) -> Result<TenantPage, ApiError> {
        let params = [("q", query.q.clone()), ("page", page_param(query.page))];
        let path = with_query("/api/v1/tenants", &params);
        send(self.authorized(Request::get(&path)).build()).await
    }

    pub async fn tenant(&self, id: i32) -> Result<TenantDetail, ApiError> {
        send(
            self.authorized(Request::get(&format!("/api/v1/tenants/{id}")))
                .build(),
        )
        .await
    }

    /// `idempotency_key` is the same for the same content sent again (a double click, a retry
    /// after a lost answer): the server then declares once and replays its first answer.
    pub async fn submit_declarations(
        &self,
        request: &SubmitDeclarations,
        idempotency_key: &str,
    ) -> Result<SubmittedDeclarations, ApiError> {
        send(
            self.authorized(Request::post("/api/v1/declarations"))
                .header("Idempotency-Key", idempotency_key)
                .json(request),
        )
        .await
    }

    pub async fn declarations(
        &self,
        query: &DeclarationQuery,
    ) -> Result<DeclarationPage, ApiError> {
        let params = [
            ("page", page_param(query.page)),
            ("tenant", query.tenant.map(|id| id.to_string())),
            ("kind", query.kind.map(|kind| kind.as_str().to_owned())),
            (
                "status",
                query.status.map(|status| status.as_str().to_owned()),
            ),
        ];
        let path = with_query("/api/v1/declarations", &params);
        send(self.authorized(Request::get(&path)).build()).await
    }

    pub async fn declaration(&self, id: i32) -> Result<Declaration, ApiError> {
        send(
            self.authorized(Request::get(&format!("/api/v1/declarations/{id}")))
                .build(),
        )
        .await
    }

    pub async fn payments(&self, query: &PaymentQuery) -> Result<PaymentPage, ApiError> {
        // A date's `Display` is the ISO form (`2026-01-01`) the server reads.
        let params = [
            ("page", page_param(query.page)),
            ("from", query.from.map(|date| date.to_string())),
            ("to", query.to.map(|date| date.to_string())),
            ("tenant", query.tenant.map(|id| id.to_string())),
        ];
        let path = with_query("/api/v1/payments", &params);
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
