use crate::extractors::ClientAddress;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, post, web};
use bailleur_api_types::software::{OAuthError, OAuthErrorCode, TokenRequest, TokenResponse};
use bailleur_core::software::{self, ClientAuthentication, GrantError};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The client-credentials grant (RFC 6749 §4.4): the client authenticated by HTTP Basic,
/// `client_secret_post` or a signed JWT (`private_key_jwt`, RFC 7523) gets a Bearer token for
/// 15 minutes, with the scopes asked (all of the client's when `scope` is absent). Errors are
/// RFC 6749 §5.2's JSON, not problem+json. Failed authentications of a client id are throttled
/// like sign-ins, per client address.
#[utoipa::path(
    tag = "oauth",
    operation_id = "oauth_token",
    summary = "Get an access token for software (client credentials)",
    security((), ("client_basic" = [])),
    request_body(content = TokenRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, body = TokenResponse, headers(("Cache-Control" = String, description = "`no-store`"))),
        (status = 400, body = OAuthError, description = "`invalid_request`, `unsupported_grant_type` or `invalid_scope`"),
        (status = 401, body = OAuthError, description = "`invalid_client`: unknown or revoked client, wrong secret or assertion", headers(("WWW-Authenticate" = String, description = "`Basic realm=\"espace-bailleur\"`"))),
        (status = 429, body = OAuthError, description = "`slow_down`: too many failed authentications of this client from this address", headers(("Retry-After" = u32, description = "Seconds to wait"))),
        (status = 503, body = OAuthError, description = "`temporarily_unavailable`", headers(("Retry-After" = u32, description = "Seconds to wait"))),
    )
)]
#[post("/oauth/token")]
pub async fn handler(
    request: HttpRequest,
    state: web::Data<AppState>,
    client: ClientAddress,
    body: web::Bytes,
) -> HttpResponse {
    match token(&request, &state, &client, &body).await {
        Ok(granted) => HttpResponse::Ok()
            .insert_header(("Cache-Control", "no-store"))
            .insert_header(("Pragma", "no-cache"))
            .json(granted),
        Err(refusal) => refusal.response(),
    }
}

/// A refusal of RFC 6749 §5.2.
struct Refusal {
    code: OAuthErrorCode,
    description: &'static str,
    retry_after_seconds: Option<i64>,
}

fn refuse(code: OAuthErrorCode, description: &'static str) -> Refusal {
    Refusal {
        code,
        description,
        retry_after_seconds: None,
    }
}

impl Refusal {
    fn response(&self) -> HttpResponse {
        let status = match self.code {
            OAuthErrorCode::InvalidClient => StatusCode::UNAUTHORIZED,
            OAuthErrorCode::SlowDown => StatusCode::TOO_MANY_REQUESTS,
            OAuthErrorCode::TemporarilyUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            OAuthErrorCode::InvalidRequest
            | OAuthErrorCode::InvalidGrant
            | OAuthErrorCode::UnauthorizedClient
            | OAuthErrorCode::UnsupportedGrantType
            | OAuthErrorCode::InvalidScope => StatusCode::BAD_REQUEST,
        };
        let mut response = HttpResponse::build(status);
        response.insert_header(("Cache-Control", "no-store"));
        if self.code == OAuthErrorCode::InvalidClient {
            response.insert_header(("WWW-Authenticate", "Basic realm=\"espace-bailleur\""));
        }
        if let Some(seconds) = self.retry_after_seconds {
            response.insert_header(("Retry-After", seconds.max(1).to_string()));
        }
        response.json(OAuthError {
            error: self.code,
            error_description: Some(self.description.to_owned()),
        })
    }
}

async fn token(
    request: &HttpRequest,
    state: &AppState,
    client: &ClientAddress,
    body: &[u8],
) -> Result<TokenResponse, Refusal> {
    let form_encoded = request
        .headers()
        .get("Content-Type")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value.split(';').next().is_some_and(|mime| {
                mime.trim()
                    .eq_ignore_ascii_case("application/x-www-form-urlencoded")
            })
        });
    if !form_encoded {
        return Err(refuse(
            OAuthErrorCode::InvalidRequest,
            "the body must be application/x-www-form-urlencoded",
        ));
    }
    // A parameter sent twice is refused (RFC 6749 §3.2), as serde reads it: a duplicate field.
    let form: TokenRequest = serde_urlencoded::from_bytes(body).map_err(|_| {
        refuse(
            OAuthErrorCode::InvalidRequest,
            "malformed form, or a parameter sent twice",
        )
    })?;
    match form.grant_type.as_deref() {
        Some("client_credentials") => {}
        Some(_) => {
            return Err(refuse(
                OAuthErrorCode::UnsupportedGrantType,
                "only client_credentials is supported",
            ));
        }
        None => {
            return Err(refuse(
                OAuthErrorCode::InvalidRequest,
                "grant_type is missing",
            ));
        }
    }
    let authentication = client_authentication(request, &form)?;
    let granted = software::grant(
        &state.auth,
        &state.db,
        state.clock.now(),
        &authentication,
        form.scope.as_deref(),
        &state.token_endpoint,
        Some(&client.0),
    )
    .await
    .map_err(|error| match error {
        GrantError::InvalidClient => refuse(
            OAuthErrorCode::InvalidClient,
            "client authentication failed",
        ),
        GrantError::InvalidScope(_) => refuse(
            OAuthErrorCode::InvalidScope,
            "a scope asked is unknown or not granted to this client",
        ),
        GrantError::Throttled {
            retry_after_seconds,
        } => Refusal {
            code: OAuthErrorCode::SlowDown,
            description: "too many failed authentications of this client: retry later",
            retry_after_seconds: Some(retry_after_seconds),
        },
        other @ (GrantError::Signing(_) | GrantError::Database(_)) => {
            tracing::error!(error = %other, "the token endpoint failed");
            Refusal {
                code: OAuthErrorCode::TemporarilyUnavailable,
                description: "the service is unavailable: retry later",
                retry_after_seconds: Some(1),
            }
        }
    })?;
    Ok(TokenResponse {
        access_token: granted.access_token,
        token_type: "Bearer".to_owned(),
        expires_in: granted.expires_in,
        scope: granted.scopes.to_space_separated(),
    })
}

/// Exactly one way of authenticating the client (RFC 6749 §2.3).
fn client_authentication(
    request: &HttpRequest,
    form: &TokenRequest,
) -> Result<ClientAuthentication, Refusal> {
    let basic = request
        .headers()
        .get("Authorization")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("basic"))
        .map(|(_, credentials)| basic_credentials(credentials.trim()))
        .transpose()?;
    let assertion = match (&form.client_assertion_type, &form.client_assertion) {
        (None, None) => None,
        (Some(kind), Some(assertion)) if kind == software::JWT_BEARER => Some(assertion.clone()),
        _ => {
            return Err(refuse(
                OAuthErrorCode::InvalidRequest,
                "client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer, with client_assertion",
            ));
        }
    };
    match (basic, &form.client_secret, assertion) {
        (Some((client_id, secret)), None, None) => {
            if form.client_id.as_ref().is_some_and(|id| *id != client_id) {
                return Err(refuse(
                    OAuthErrorCode::InvalidRequest,
                    "client_id differs from the Basic credentials",
                ));
            }
            Ok(ClientAuthentication::Secret { client_id, secret })
        }
        (None, Some(secret), None) => match &form.client_id {
            Some(client_id) => Ok(ClientAuthentication::Secret {
                client_id: client_id.clone(),
                secret: secret.clone(),
            }),
            None => Err(refuse(
                OAuthErrorCode::InvalidRequest,
                "client_id is missing",
            )),
        },
        (None, None, Some(assertion)) => Ok(ClientAuthentication::Assertion {
            client_id: form.client_id.clone(),
            assertion,
        }),
        (None, None, None) => Err(refuse(
            OAuthErrorCode::InvalidClient,
            "no client authentication",
        )),
        _ => Err(refuse(
            OAuthErrorCode::InvalidRequest,
            "use exactly one client authentication method",
        )),
    }
}

/// RFC 6749 §2.3.1: the id and the secret are form-urlencoded, then joined by `:`.
fn basic_credentials(encoded: &str) -> Result<(String, String), Refusal> {
    let malformed = || refuse(OAuthErrorCode::InvalidClient, "malformed Basic credentials");
    let decoded = STANDARD.decode(encoded).map_err(|_| malformed())?;
    let text = String::from_utf8(decoded).map_err(|_| malformed())?;
    let (id, secret) = text.split_once(':').ok_or_else(malformed)?;
    let unescape = |part: &str| {
        percent_encoding::percent_decode_str(&part.replace('+', " "))
            .decode_utf8()
            .map(|text| text.into_owned())
            .map_err(|_| malformed())
    };
    Ok((unescape(id)?, unescape(secret)?))
}
