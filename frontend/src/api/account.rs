//! The signed-in account's own data ("Mon profil") and, for an administrator, the partner's
//! other users.
use super::{ApiError, AuthorizedApi, send};
use bailleur_api_types::AccountId;
use bailleur_api_types::auth::Flow;
use bailleur_api_types::partner::{CreateUserRequest, PartnerUser, UpdateUserRequest};
use bailleur_api_types::profile::{ChangeEmailRequest, ChangePasswordRequest, Me, UpdateMeRequest};
use gloo_net::http::Request;

impl AuthorizedApi {
    pub async fn me(&self) -> Result<Me, ApiError> {
        send(self.authorized(Request::get("/api/v1/me")).build()).await
    }

    pub async fn update_me(&self, request: &UpdateMeRequest) -> Result<Me, ApiError> {
        send(self.authorized(Request::patch("/api/v1/me")).json(request)).await
    }

    pub async fn change_email(&self, request: &ChangeEmailRequest) -> Result<Flow, ApiError> {
        send(
            self.authorized(Request::post("/api/v1/me/email"))
                .json(request),
        )
        .await
    }

    pub async fn change_password(&self, request: &ChangePasswordRequest) -> Result<Flow, ApiError> {
        send(
            self.authorized(Request::post("/api/v1/me/password"))
                .json(request),
        )
        .await
    }

    pub async fn partner_users(&self) -> Result<Vec<PartnerUser>, ApiError> {
        send(
            self.authorized(Request::get("/api/v1/partner/users"))
                .build(),
        )
        .await
    }

    pub async fn create_user(&self, request: &CreateUserRequest) -> Result<PartnerUser, ApiError> {
        send(
            self.authorized(Request::post("/api/v1/partner/users"))
                .json(request),
        )
        .await
    }

    pub async fn set_user_disabled(
        &self,
        id: AccountId,
        request: &UpdateUserRequest,
    ) -> Result<PartnerUser, ApiError> {
        let path = format!("/api/v1/partner/users/{id}");
        send(self.authorized(Request::patch(&path)).json(request)).await
    }
}
