//! The typed client of the API used by every page. Non-2xx answers decode to the shared
//! problem+json body, so pages show the server's French message. Signing in returns an
//! `AuthorizedApi` holding the access token in memory; the refresh token stays in an HttpOnly
//! cookie the scripts cannot read.
use bailleur_api_types::auth::{
    AccountPage, AccountQuery, CaptchaChallenge, Flow, OutboxMail, REFRESH_TRANSPORT_HEADER,
    RecoveryRequest, SelectAccountRequest, SessionInfo, SessionTokens,
};
use bailleur_api_types::caf::{CafOffice, NoticeList, ProcessingDelays};
use bailleur_api_types::{PageNumber, Problem};
mod account;
mod flow;
mod software;
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

/// A call whose success has no body (`204 No Content`).
pub(super) async fn send_empty(request: Result<Request, gloo_net::Error>) -> Result<(), ApiError> {
    let response = request
        .map_err(|_| ApiError::Network)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if response.ok() {
        Ok(())
    } else {
        decode::<()>(response).await
    }
}

/// A fresh `Idempotency-Key` (R-API-2): a random UUID from the browser's cryptographic
/// generator (`crypto.randomUUID()`, or 128 bits of `crypto.getRandomValues()` in hexadecimal
/// where the page is not a secure context).
pub fn idempotency_key() -> String {
    use wasm_bindgen::JsValue;
    let crypto = web_sys::window().and_then(|window| window.crypto().ok());
    if let Some(crypto) = &crypto
        && js_sys::Reflect::has(crypto, &JsValue::from_str("randomUUID")).unwrap_or(false)
    {
        return crypto.random_uuid();
    }
    let mut bytes = [0u8; 16];
    let drawn =
        crypto.is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !drawn {
        // No Web Crypto at all: the key only has to be unique, not secret.
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
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

/// `path?name=value&…`, the values URI-encoded; absent ones are left out so that the server
/// applies its default.
fn with_query(path: &str, params: &[(&str, Option<String>)]) -> String {
    let pairs: Vec<String> = params
        .iter()
        .filter_map(|(name, value)| {
            let value: String = js_sys::encode_uri_component(value.as_deref()?).into();
            Some(format!("{name}={value}"))
        })
        .collect();
    match pairs.is_empty() {
        true => path.to_owned(),
        false => format!("{path}?{}", pairs.join("&")),
    }
}

fn page_param(page: Option<PageNumber>) -> Option<String> {
    page.map(|page| page.get().to_string())
}

/// `?q=&page=` of the account lists.
fn account_list(path: &str, query: &AccountQuery) -> String {
    with_query(
        path,
        &[("q", query.q.clone()), ("page", page_param(query.page))],
    )
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

    pub async fn recovery(&self, request: &RecoveryRequest) -> Result<Flow, ApiError> {
        post_json("/api/v1/auth/recovery", request).await
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

    pub async fn accounts(&self, query: &AccountQuery) -> Result<AccountPage, ApiError> {
        send(
            Request::get(&account_list("/api/v1/session/accounts", query))
                .header("Authorization", &self.bearer())
                .build(),
        )
        .await
    }

    /// New tokens on another account of the group; this API's tokens stop working.
    pub async fn switch(&self, request: &SelectAccountRequest) -> Result<SessionTokens, ApiError> {
        send(
            post("/api/v1/session/switch")
                .header("Authorization", &self.bearer())
                .json(request),
        )
        .await
    }

    pub(super) fn authorized(&self, builder: RequestBuilder) -> RequestBuilder {
        builder.header("Authorization", &self.bearer())
    }

    /// Revokes the session on the server and clears the refresh cookie.
    pub async fn sign_out(&self) -> Result<(), ApiError> {
        send_empty(
            post("/api/v1/auth/sign-out")
                .header("Authorization", &self.bearer())
                .build(),
        )
        .await
    }
}

/// Path segments come from the address bar: keep them from changing the path's shape.
fn encode(segment: &str) -> String {
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
