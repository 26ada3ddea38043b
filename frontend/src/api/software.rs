//! The partner's API clients (R-API-2), managed by its administrator: the secret is in the
//! answer to a creation or a rotation only.
use super::{ApiError, AuthorizedApi, send, send_empty};
use bailleur_api_types::ApiClientId;
use bailleur_api_types::software::{ApiClientList, CreateApiClient, IssuedApiClient};
use gloo_net::http::Request;

impl AuthorizedApi {
    pub async fn api_clients(&self) -> Result<ApiClientList, ApiError> {
        send(
            self.authorized(Request::get("/api/v1/partner/api-clients"))
                .build(),
        )
        .await
    }

    pub async fn create_api_client(
        &self,
        request: &CreateApiClient,
    ) -> Result<IssuedApiClient, ApiError> {
        send(
            self.authorized(Request::post("/api/v1/partner/api-clients"))
                .json(request),
        )
        .await
    }

    /// A new secret; the previous one keeps working 24 hours.
    pub async fn rotate_api_client_secret(
        &self,
        id: ApiClientId,
    ) -> Result<IssuedApiClient, ApiError> {
        let path = format!("/api/v1/partner/api-clients/{id}/secret");
        send(self.authorized(Request::post(&path)).build()).await
    }

    /// The client's tokens stop working at once.
    pub async fn revoke_api_client(&self, id: ApiClientId) -> Result<(), ApiError> {
        let path = format!("/api/v1/partner/api-clients/{id}");
        send_empty(self.authorized(Request::delete(&path)).build()).await
    }
}
