//! The typed client of the API used by every page. Non-2xx answers decode to the shared
//! problem+json body, so pages show the server's French message. Signing in returns an
//! `AuthorizedApi` holding the access token in memory; the refresh token stays in an HttpOnly
//! cookie the scripts cannot read.
use bailleur_api_types::Problem;
use bailleur_api_types::auth::{
    AccountPage, CaptchaAnswer, CaptchaChallenge, ConfirmEmailRequest, Flow, NewPasswordRequest,
    OtpRequest, OutboxMail, REFRESH_TRANSPORT_HEADER, RecoveryRequest, SelectAccountRequest,
    SessionInfo, SessionTokens, SignInOutcome, SignInRequest, TermsRequest,
};
use bailleur_api_types::caf::{CafOffice, NoticeList, ProcessingDelays};
use bailleur_api_types::partner::{CreateUserRequest, PartnerUser, UpdateUserRequest};
use bailleur_api_types::profile::{ChangeEmailRequest, ChangePasswordRequest, Me, UpdateMeRequest};
mod space;

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// What a page can show when a call fails.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server answered with a problem.
    Problem(Problem),
    /// The server could not be reached or answered something unreadable.
    Network,
}

impl ApiError {
    pub fn message(&self) -> String {
        match self {
            Self::Problem(problem) => match &problem.detail {
                Some(detail) => format!("{} : {detail}", problem.title),
                None => problem.title.clone(),
            },
            Self::Network => {
                "Le service est momentanément indisponible. Vérifiez votre connexion et réessayez."
                    .to_owned()
            }
        }
    }

    /// The message for one field of the form, when the server named it.
    pub fn field(&self, name: &str) -> Option<String> {
        match self {
            Self::Problem(problem) => problem
                .errors
                .iter()
                .find(|error| error.field == name)
                .map(|error| error.message.clone()),
            Self::Network => None,
        }
    }

    /// The message for the whole form: the title, unless every detail is on a field.
    pub fn general(&self, fields: &[&str]) -> Option<String> {
        match self {
            Self::Problem(problem)
                if !problem.errors.is_empty()
                    && problem
                        .errors
                        .iter()
                        .all(|e| fields.contains(&e.field.as_str())) =>
            {
                None
            }
            _ => Some(self.message()),
        }
    }
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        response.json::<T>().await.map_err(|_| ApiError::Network)
    } else {
        match response.json::<Problem>().await {
            Ok(problem) => Err(ApiError::Problem(problem)),
            Err(_) => Err(ApiError::Network),
        }
    }
}

pub(super) async fn send<T: DeserializeOwned>(
    request: Result<Request, gloo_net::Error>,
) -> Result<T, ApiError> {
    let response = request
        .map_err(|_| ApiError::Network)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    decode(response).await
}

async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    send(Request::get(path).build()).await
}

/// POSTs of the sign-in flow ask for the refresh token in a cookie.
fn post(path: &str) -> RequestBuilder {
    Request::post(path).header(REFRESH_TRANSPORT_HEADER, "cookie")
}

async fn post_json<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    send(post(path).json(body)).await
}

/// Calls that need no session.
#[derive(Debug, Clone, Copy, Default)]
pub struct UnauthorizedApi;

impl UnauthorizedApi {
    pub async fn caf(&self, number: &str) -> Result<CafOffice, ApiError> {
        get_json(&format!("/api/v1/cafs/{}", encode(number))).await
    }

    pub async fn delays(&self, number: &str) -> Result<ProcessingDelays, ApiError> {
        get_json(&format!("/api/v1/cafs/{}/delays", encode(number))).await
    }

    pub async fn notices(&self, number: &str) -> Result<NoticeList, ApiError> {
        get_json(&format!("/api/v1/cafs/{}/notices", encode(number))).await
    }

    pub async fn sign_in(
        &self,
        login: String,
        password: String,
    ) -> Result<SignInOutcome, ApiError> {
        post_json("/api/v1/auth/sign-in", &SignInRequest { login, password }).await
    }

    pub async fn flow(&self, id: &str) -> Result<Flow, ApiError> {
        get_json(&format!("/api/v1/auth/flows/{}", encode_id(id))).await
    }

    pub async fn confirm_email(
        &self,
        id: &str,
        email: String,
        email_confirmation: String,
    ) -> Result<SignInOutcome, ApiError> {
        let body = ConfirmEmailRequest {
            email,
            email_confirmation,
        };
        post_json(
            &format!("/api/v1/auth/flows/{}/email", encode_id(id)),
            &body,
        )
        .await
    }

    pub async fn submit_code(&self, id: &str, code: String) -> Result<SignInOutcome, ApiError> {
        post_json(
            &format!("/api/v1/auth/flows/{}/otp", encode_id(id)),
            &OtpRequest { code },
        )
        .await
    }

    pub async fn set_password(
        &self,
        id: &str,
        new_password: String,
        confirmation: String,
    ) -> Result<SignInOutcome, ApiError> {
        let body = NewPasswordRequest {
            new_password,
            confirmation,
        };
        post_json(
            &format!("/api/v1/auth/flows/{}/password", encode_id(id)),
            &body,
        )
        .await
    }

    pub async fn accept_terms(
        &self,
        id: &str,
        usage_rules: bool,
        terms_of_use: bool,
    ) -> Result<SignInOutcome, ApiError> {
        let body = TermsRequest {
            usage_rules,
            terms_of_use,
        };
        post_json(
            &format!("/api/v1/auth/flows/{}/terms", encode_id(id)),
            &body,
        )
        .await
    }

    pub async fn flow_accounts(
        &self,
        id: &str,
        query: &str,
        page: u64,
    ) -> Result<AccountPage, ApiError> {
        let query: String = js_sys::encode_uri_component(query).into();
        get_json(&format!(
            "/api/v1/auth/flows/{}/accounts?q={query}&page={page}",
            encode_id(id)
        ))
        .await
    }

    pub async fn select_account(
        &self,
        id: &str,
        account_id: i32,
    ) -> Result<SignInOutcome, ApiError> {
        let body = SelectAccountRequest { account_id };
        post_json(
            &format!("/api/v1/auth/flows/{}/accounts", encode_id(id)),
            &body,
        )
        .await
    }

    pub async fn resend_code(&self, id: &str) -> Result<Flow, ApiError> {
        send(post(&format!("/api/v1/auth/flows/{}/otp/resend", encode_id(id))).build()).await
    }

    /// New tokens from the refresh cookie: how a reloaded page finds its session again.
    pub async fn resume(&self) -> Result<AuthorizedApi, ApiError> {
        let tokens: SessionTokens = send(post("/api/v1/auth/refresh").build()).await?;
        Ok(AuthorizedApi::from(tokens))
    }

    pub async fn captcha(&self) -> Result<CaptchaChallenge, ApiError> {
        send(Request::post("/api/v1/captcha").build()).await
    }

    pub async fn recovery(&self, login: String, captcha: CaptchaAnswer) -> Result<Flow, ApiError> {
        post_json("/api/v1/auth/recovery", &RecoveryRequest { login, captcha }).await
    }

    /// The development outbox; an error when mails really leave.
    pub async fn outbox(&self) -> Result<Vec<OutboxMail>, ApiError> {
        get_json("/api/v1/dev/outbox").await
    }
}

/// Calls on behalf of the signed-in account.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthorizedApi {
    access_token: String,
    pub account: bailleur_api_types::auth::AccountSummary,
}

impl From<SessionTokens> for AuthorizedApi {
    fn from(tokens: SessionTokens) -> Self {
        Self {
            access_token: tokens.access_token,
            account: tokens.account,
        }
    }
}

impl AuthorizedApi {
    fn bearer(&self) -> String {
        format!("Bearer {}", self.access_token)
    }

    pub async fn session(&self) -> Result<SessionInfo, ApiError> {
        send(
            Request::get("/api/v1/session")
                .header("Authorization", &self.bearer())
                .build(),
        )
        .await
    }

    pub async fn accounts(&self, query: &str, page: u64) -> Result<AccountPage, ApiError> {
        let query: String = js_sys::encode_uri_component(query).into();
        send(
            Request::get(&format!("/api/v1/session/accounts?q={query}&page={page}"))
                .header("Authorization", &self.bearer())
                .build(),
        )
        .await
    }

    /// New tokens on another account of the group; this API's tokens stop working.
    pub async fn switch(&self, account_id: i32) -> Result<SessionTokens, ApiError> {
        send(
            post("/api/v1/session/switch")
                .header("Authorization", &self.bearer())
                .json(&SelectAccountRequest { account_id }),
        )
        .await
    }

    pub(super) fn authorized(&self, builder: RequestBuilder) -> RequestBuilder {
        builder.header("Authorization", &self.bearer())
    }

    pub async fn me(&self) -> Result<Me, ApiError> {
        send(self.authorized(Request::get("/api/v1/me")).build()).await
    }

    pub async fn update_me(&self, request: &UpdateMeRequest) -> Result<Me, ApiError> {
        send(self.authorized(Request::patch("/api/v1/me")).json(request)).await
    }

    pub async fn change_email(
        &self,
        email: String,
        email_confirmation: String,
    ) -> Result<Flow, ApiError> {
        let body = ChangeEmailRequest {
            email,
            email_confirmation,
        };
        send(
            self.authorized(Request::post("/api/v1/me/email"))
                .json(&body),
        )
        .await
    }

    pub async fn change_password(&self, current_password: String) -> Result<Flow, ApiError> {
        let body = ChangePasswordRequest { current_password };
        send(
            self.authorized(Request::post("/api/v1/me/password"))
                .json(&body),
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
        id: i32,
        disabled: bool,
    ) -> Result<PartnerUser, ApiError> {
        send(
            self.authorized(Request::patch(&format!("/api/v1/partner/users/{id}")))
                .json(&UpdateUserRequest { disabled }),
        )
        .await
    }

    /// Revokes the session on the server and clears the refresh cookie.
    pub async fn sign_out(&self) -> Result<(), ApiError> {
        let response = post("/api/v1/auth/sign-out")
            .header("Authorization", &self.bearer())
            .send()
            .await
            .map_err(|_| ApiError::Network)?;
        if response.ok() {
            Ok(())
        } else {
            decode::<()>(response).await
        }
    }
}

/// Path segments come from the address bar: keep them from changing the path's shape.
pub(super) fn encode(segment: &str) -> String {
    segment
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

/// Flow ids are UUIDs: letters, digits and dashes.
fn encode_id(segment: &str) -> String {
    segment
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}
