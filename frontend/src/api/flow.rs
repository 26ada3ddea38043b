//! The steps of a sign-in flow (also of a forgotten password and of a change behind a code):
//! each answers with the next step, or with the session once none is left.
use super::{ApiError, UnauthorizedApi, account_list, encode_id, get_json, post_json};
use bailleur_api_types::auth::{
    AccountPage, AccountQuery, ConfirmEmailRequest, Flow, NewPasswordRequest, OtpRequest,
    SelectAccountRequest, SignInOutcome, SignInRequest, TermsRequest,
};
use serde::Serialize;

/// `POST /auth/flows/{id}/{step}`.
async fn step<B: Serialize>(id: &str, step: &str, body: &B) -> Result<SignInOutcome, ApiError> {
    post_json(
        &format!("/api/v1/auth/flows/{}/{step}", encode_id(id)),
        body,
    )
    .await
}

impl UnauthorizedApi {
    pub async fn sign_in(&self, request: &SignInRequest) -> Result<SignInOutcome, ApiError> {
        post_json("/api/v1/auth/sign-in", request).await
    }

    pub async fn flow(&self, id: &str) -> Result<Flow, ApiError> {
        get_json(&format!("/api/v1/auth/flows/{}", encode_id(id))).await
    }

    pub async fn confirm_email(
        &self,
        id: &str,
        request: &ConfirmEmailRequest,
    ) -> Result<SignInOutcome, ApiError> {
        step(id, "email", request).await
    }

    pub async fn submit_code(
        &self,
        id: &str,
        request: &OtpRequest,
    ) -> Result<SignInOutcome, ApiError> {
        step(id, "otp", request).await
    }

    pub async fn set_password(
        &self,
        id: &str,
        request: &NewPasswordRequest,
    ) -> Result<SignInOutcome, ApiError> {
        step(id, "password", request).await
    }

    pub async fn accept_terms(
        &self,
        id: &str,
        request: &TermsRequest,
    ) -> Result<SignInOutcome, ApiError> {
        step(id, "terms", request).await
    }

    pub async fn flow_accounts(
        &self,
        id: &str,
        query: &AccountQuery,
    ) -> Result<AccountPage, ApiError> {
        let path = format!("/api/v1/auth/flows/{}/accounts", encode_id(id));
        get_json(&account_list(&path, query)).await
    }

    pub async fn select_account(
        &self,
        id: &str,
        request: &SelectAccountRequest,
    ) -> Result<SignInOutcome, ApiError> {
        step(id, "accounts", request).await
    }
}
