//! The client itself, and the one path every operation takes to the server.
use crate::error::{ClientError, decode, decode_token};
use crate::key::{self, IDEMPOTENCY_KEY, Replayed};
use crate::token::{Credentials, TokenSource};
use crate::transport::{Answer, RetryPolicy, build};
use bailleur_api_types::software::{Scopes, TokenResponse};
use reqwest::StatusCode;
use reqwest::header::ACCEPT;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::sync::Arc;
use std::time::Duration;

/// A client of one server. Cloning it is cheap, and clones share their token.
#[derive(Debug, Clone)]
pub struct Client {
    base: String,
    http: reqwest::Client,
    retry: RetryPolicy,
    tokens: Option<Arc<TokenSource>>,
}

/// Whether an operation needs the client's token; the Caf's public pages do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    Public,
    Token,
}

impl Client {
    /// A client of the public endpoints (`/cafs/…`). `base` is the server's root, e.g.
    /// `https://bailleur.caf.example`, without `/api/v1`.
    pub fn new(base: impl Into<String>) -> Self {
        Self::with_http(base, default_http())
    }

    /// With an HTTP client of the caller's (proxy, timeouts, certificates).
    pub fn with_http(base: impl Into<String>, http: reqwest::Client) -> Self {
        Self {
            base: base.into().trim_end_matches('/').to_owned(),
            http,
            retry: RetryPolicy::default(),
            tokens: None,
        }
    }

    /// A client of software: it asks for a token when it first needs one, with all of the API
    /// client's scopes unless [`Client::scopes`] narrows them.
    pub fn with_credentials(base: impl Into<String>, credentials: Credentials) -> Self {
        Self::new(base).credentials(credentials)
    }

    /// Authenticates the calls with `credentials` (any token kept so far is dropped).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        let scopes = self.requested_scopes();
        self.tokens = Some(Arc::new(TokenSource::new(credentials, scopes)));
        self
    }

    /// Asks for these scopes only (least privilege); the token endpoint refuses with
    /// `invalid_scope` a scope the API client was not given. No effect without credentials.
    pub fn scopes(mut self, scopes: Scopes) -> Self {
        self.tokens = self
            .tokens
            .map(|tokens| Arc::new(TokenSource::new(tokens.credentials.clone(), scopes)));
        self
    }

    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    fn requested_scopes(&self) -> Scopes {
        self.tokens
            .as_ref()
            .map(|tokens| tokens.scopes)
            .unwrap_or_default()
    }

    /// `POST /oauth/token`: a new token, whatever the client keeps. The operations call it by
    /// themselves; this is for software that wants to see the scopes granted, or to check its
    /// credentials at start-up.
    pub async fn oauth_token(&self) -> Result<TokenResponse, ClientError> {
        let tokens = self.tokens.as_deref().ok_or(ClientError::NoCredentials)?;
        self.request_token(tokens).await
    }

    // No `Idempotency-Key` here: a token request records nothing that a second one would
    // duplicate, and replaying a stored answer would hand out a token older than asked for.
    async fn request_token(&self, tokens: &TokenSource) -> Result<TokenResponse, ClientError> {
        let url = self.url("/oauth/token");
        let answer = self
            .retry
            .run(|| {
                let request = self.http.post(&url).header(ACCEPT, "application/json");
                tokens.credentials.token_request(request, tokens.scopes)
            })
            .await?;
        decode_token(&answer)
    }

    pub(crate) async fn get<T, Q>(
        &self,
        path: &str,
        query: Option<&Q>,
        access: Access,
    ) -> Result<T, ClientError>
    where
        T: DeserializeOwned,
        Q: Serialize + ?Sized,
    {
        let url = self.url(path);
        let answer = self
            .call(access, |token| {
                let mut request = self.http.get(&url);
                if let Some(query) = query {
                    request = request.query(query);
                }
                build(request, token)
            })
            .await?;
        decode(&answer)
    }

    /// A POST under `key`, the same on every try of this call.
    pub(crate) async fn post<T, B>(
        &self,
        path: &str,
        key: &str,
        body: &B,
    ) -> Result<(T, Replayed), ClientError>
    where
        T: DeserializeOwned,
        B: Serialize + ?Sized,
    {
        let key = key::check(key)?;
        let url = self.url(path);
        let answer = self
            .call(Access::Token, |token| {
                let request = self.http.post(&url).header(IDEMPOTENCY_KEY, key).json(body);
                build(request, token)
            })
            .await?;
        Ok((decode(&answer)?, Replayed::of(&answer.headers)))
    }

    /// Tries `request` with the kept token; after a 401, once more with a new one (the token
    /// may have been revoked, or the server's signing key changed, before it expired).
    async fn call(
        &self,
        access: Access,
        request: impl Fn(Option<&str>) -> reqwest::RequestBuilder,
    ) -> Result<Answer, ClientError> {
        let tokens = match (&self.tokens, access) {
            (Some(tokens), Access::Token) => tokens,
            _ => return self.retry.run(|| request(None)).await,
        };
        let fetch = async || self.request_token(tokens).await;
        let token = tokens.bearer(fetch).await?;
        let answer = self.retry.run(|| request(Some(&token))).await?;
        if answer.status != StatusCode::UNAUTHORIZED {
            return Ok(answer);
        }
        tokens.forget(&token).await;
        let token = tokens.bearer(fetch).await?;
        self.retry.run(|| request(Some(&token))).await
    }

    fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }
}

/// Bounded waits, so that a stalled connection fails (and is retried) rather than hanging.
fn default_http() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(60))
        .user_agent(concat!("bailleur-client/", env!("CARGO_PKG_VERSION")))
        .build()
        // Only a broken TLS setup fails here; the default client would meet the same fate.
        .unwrap_or_else(|_| reqwest::Client::new())
}
