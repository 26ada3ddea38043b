//! Client credentials and the token they buy (OAuth 2.0 client-credentials grant, RFC 6749
//! §4.4), kept until shortly before it expires.
use crate::error::ClientError;
use bailleur_api_types::software::{Scopes, TokenResponse};
use reqwest::RequestBuilder;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How software proves it is the API client its landlord's administrator created.
#[derive(Clone)]
pub enum Credentials {
    /// The `client_id` and the `eb_live_…` secret shown once at creation or rotation, sent
    /// by HTTP Basic.
    ClientSecret {
        client_id: String,
        client_secret: String,
    },
    /// A client registered with a public key (`private_key_jwt`, RFC 7523). `assertion`
    /// returns a fresh signed JWT each time it is called: `iss` = `sub` = the `client_id`,
    /// `aud` = `{base}/api/v1/oauth/token`, `exp` within 5 minutes, a `jti` never used
    /// before; ES256 or RS256. The server refuses a `jti` seen before, so the client calls it
    /// again for every token request, retries included.
    PrivateKeyJwt {
        client_id: String,
        assertion: Arc<dyn Fn() -> String + Send + Sync>,
    },
}

impl Credentials {
    pub fn client_secret(client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        Self::ClientSecret {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
        }
    }

    pub fn private_key_jwt(
        client_id: impl Into<String>,
        assertion: impl Fn() -> String + Send + Sync + 'static,
    ) -> Self {
        Self::PrivateKeyJwt {
            client_id: client_id.into(),
            assertion: Arc::new(assertion),
        }
    }

    pub fn client_id(&self) -> &str {
        match self {
            Self::ClientSecret { client_id, .. } | Self::PrivateKeyJwt { client_id, .. } => {
                client_id
            }
        }
    }

    /// The token request, built anew for each try: a JWT assertion is good for one use only.
    pub(crate) fn token_request(&self, request: RequestBuilder, scopes: Scopes) -> RequestBuilder {
        let mut form = vec![("grant_type", "client_credentials".to_owned())];
        // No `scope`: the server grants all of the client's scopes.
        if !scopes.is_empty() {
            form.push(("scope", scopes.to_space_separated()));
        }
        match self {
            Self::ClientSecret {
                client_id,
                client_secret,
            } => request
                .basic_auth(form_encode(client_id), Some(form_encode(client_secret)))
                .form(&form),
            Self::PrivateKeyJwt {
                client_id,
                assertion,
            } => {
                form.extend([
                    ("client_assertion_type", JWT_BEARER.to_owned()),
                    ("client_assertion", assertion()),
                    ("client_id", client_id.clone()),
                ]);
                request.form(&form)
            }
        }
    }
}

// Secrets stay out of logs and panic messages.
impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self {
            Self::ClientSecret { .. } => "ClientSecret",
            Self::PrivateKeyJwt { .. } => "PrivateKeyJwt",
        };
        f.debug_struct(kind)
            .field("client_id", &self.client_id())
            .finish_non_exhaustive()
    }
}

const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// RFC 6749 §2.3.1: id and secret are form-encoded (Appendix B) before HTTP Basic joins them
/// with `:`, so that a `:` or a non-ASCII character in either survives.
pub(crate) fn form_encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The credentials, the scopes asked for, and the token they last bought.
pub(crate) struct TokenSource {
    pub(crate) credentials: Credentials,
    pub(crate) scopes: Scopes,
    // An async mutex held across the token request: tasks that need a token at the same time
    // wait for one request instead of each making its own.
    cached: tokio::sync::Mutex<Option<Cached>>,
}

impl std::fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenSource")
            .field("credentials", &self.credentials)
            .field("scopes", &self.scopes)
            .finish_non_exhaustive()
    }
}

struct Cached {
    access_token: String,
    renew_at: Instant,
}

impl TokenSource {
    pub(crate) fn new(credentials: Credentials, scopes: Scopes) -> Self {
        Self {
            credentials,
            scopes,
            cached: tokio::sync::Mutex::new(None),
        }
    }

    /// The kept token, or a new one from `fetch` when it is due for renewal.
    pub(crate) async fn bearer<F>(&self, fetch: F) -> Result<String, ClientError>
    where
        F: AsyncFnOnce() -> Result<TokenResponse, ClientError>,
    {
        let mut cached = self.cached.lock().await;
        if let Some(token) = cached
            .as_ref()
            .filter(|token| Instant::now() < token.renew_at)
        {
            return Ok(token.access_token.clone());
        }
        let requested_at = Instant::now();
        let response = fetch().await?;
        let token = Cached {
            renew_at: requested_at + lifetime_kept(response.expires_in),
            access_token: response.access_token,
        };
        let access_token = token.access_token.clone();
        *cached = Some(token);
        Ok(access_token)
    }

    /// Drops `refused` (the server answered 401 to it: revoked, or the server's keys
    /// changed), unless another task has already replaced it.
    pub(crate) async fn forget(&self, refused: &str) {
        let mut cached = self.cached.lock().await;
        if cached
            .as_ref()
            .is_some_and(|token| token.access_token == refused)
        {
            *cached = None;
        }
    }
}

/// How long a token is used: until 60 s before it expires, so that a request sent just before
/// never arrives with an expired token; half its life if it is very short-lived.
fn lifetime_kept(expires_in_seconds: u32) -> Duration {
    let lifetime = Duration::from_secs(u64::from(expires_in_seconds));
    lifetime - Duration::from_secs(60).min(lifetime / 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[test]
    fn r_api_4_credentials_are_form_encoded_before_basic_auth() {
        assert_eq!(
            form_encode("ebc_2Zq7yX4kP9mR3tW8vB6nLd"),
            "ebc_2Zq7yX4kP9mR3tW8vB6nLd"
        );
        assert_eq!(form_encode("a:b c+é/"), "a%3Ab+c%2B%C3%A9%2F");
    }

    #[test]
    fn r_api_4_tokens_are_renewed_a_minute_before_they_expire() {
        assert_eq!(lifetime_kept(900), Duration::from_secs(840));
        assert_eq!(lifetime_kept(60), Duration::from_secs(30));
        assert_eq!(lifetime_kept(0), Duration::ZERO);
    }

    #[test]
    fn r_api_4_secrets_stay_out_of_debug_output() {
        let shown = format!(
            "{:?}",
            Credentials::client_secret("ebc_1", "eb_live_secret")
        );
        assert!(
            shown.contains("ebc_1") && !shown.contains("eb_live_secret"),
            "{shown}"
        );
    }

    fn response(token: &str, expires_in: u32) -> TokenResponse {
        TokenResponse {
            access_token: token.to_owned(),
            token_type: "Bearer".to_owned(),
            expires_in,
            scope: String::new(),
        }
    }

    #[tokio::test]
    async fn r_api_4_a_token_is_kept_until_renewal_or_refusal() {
        let source = TokenSource::new(Credentials::client_secret("id", "secret"), Scopes::all());
        let fetched = AtomicU32::new(0);
        let fetch = async || {
            let n = fetched.fetch_add(1, Ordering::SeqCst);
            Ok(response(&format!("token-{n}"), 900))
        };
        assert_eq!(source.bearer(fetch).await.unwrap(), "token-0");
        assert_eq!(source.bearer(fetch).await.unwrap(), "token-0");
        source.forget("some-other-token").await;
        assert_eq!(source.bearer(fetch).await.unwrap(), "token-0");
        source.forget("token-0").await;
        assert_eq!(source.bearer(fetch).await.unwrap(), "token-1");

        // A token already due for renewal (lifetime 0) is never reused.
        let short = TokenSource::new(Credentials::client_secret("id", "secret"), Scopes::all());
        let fetch_short = async || {
            let n = fetched.fetch_add(1, Ordering::SeqCst);
            Ok(response(&format!("short-{n}"), 0))
        };
        let first = short.bearer(fetch_short).await.unwrap();
        assert_ne!(short.bearer(fetch_short).await.unwrap(), first);
    }
}
