//! Third-party software (R-API-2): the API clients a partner's administrator issues, their
//! scopes, and the OAuth 2.0 client-credentials grant that turns a client into a token.
use crate::validated::FormatError;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

pub use crate::ids::ApiClientId;

/// What a client-credentials token may do. A landlord's session may do all of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub enum Scope {
    /// `/tenants…`
    #[serde(rename = "tenants:read")]
    TenantsRead,
    /// `GET /declarations…`, `/declaration-batches/{id}`, `/declarations/changes`
    #[serde(rename = "declarations:read")]
    DeclarationsRead,
    /// `POST /declarations`, `POST /declaration-batches`
    #[serde(rename = "declarations:write")]
    DeclarationsWrite,
    /// `/payments`
    #[serde(rename = "payments:read")]
    PaymentsRead,
    /// `GET /partner`
    #[serde(rename = "partner:read")]
    PartnerRead,
}

impl Scope {
    pub const ALL: [Scope; 5] = [
        Scope::TenantsRead,
        Scope::DeclarationsRead,
        Scope::DeclarationsWrite,
        Scope::PaymentsRead,
        Scope::PartnerRead,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::TenantsRead => "tenants:read",
            Scope::DeclarationsRead => "declarations:read",
            Scope::DeclarationsWrite => "declarations:write",
            Scope::PaymentsRead => "payments:read",
            Scope::PartnerRead => "partner:read",
        }
    }

    /// What the administrators' page says of it.
    pub fn label_fr(self) -> &'static str {
        match self {
            Scope::TenantsRead => "Consulter les locataires",
            Scope::DeclarationsRead => "Consulter les déclarations et leur suivi",
            Scope::DeclarationsWrite => "Faire des déclarations",
            Scope::PaymentsRead => "Consulter les paiements reçus",
            Scope::PartnerRead => "Consulter les informations du bailleur",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Scope {
    type Err = FormatError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Scope::ALL
            .into_iter()
            .find(|scope| scope.as_str() == text)
            .ok_or(FormatError::Format)
    }
}

/// A set of scopes; written as RFC 6749's space-separated list (`scope` of the token).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Scopes(u8);

impl Scopes {
    pub fn all() -> Self {
        Scope::ALL.into_iter().collect()
    }

    pub fn contains(self, scope: Scope) -> bool {
        self.0 & scope.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn is_subset(self, of: Scopes) -> bool {
        self.0 & !of.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Scope> {
        Scope::ALL
            .into_iter()
            .filter(move |scope| self.contains(*scope))
    }

    /// `scope` of RFC 6749 §3.3: each scope once, in a fixed order, separated by spaces.
    pub fn to_space_separated(self) -> String {
        self.iter().map(Scope::as_str).collect::<Vec<_>>().join(" ")
    }

    /// An unknown scope answers `Err` with it.
    pub fn parse_space_separated(text: &str) -> Result<Self, String> {
        text.split(' ')
            .filter(|part| !part.is_empty())
            .map(|part| part.parse::<Scope>().map_err(|_| part.to_owned()))
            .collect()
    }
}

impl FromIterator<Scope> for Scopes {
    fn from_iter<I: IntoIterator<Item = Scope>>(scopes: I) -> Self {
        Scopes(scopes.into_iter().fold(0, |bits, scope| bits | scope.bit()))
    }
}

/// A client's name, as its administrator recognises it: 1 to 80 characters, no control
/// character.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ApiClientName(String);

#[cfg(feature = "server")]
impl utoipa::PartialSchema for ApiClientName {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .min_length(Some(1))
            // No `maxLength`: surrounding spaces are accepted, and trimmed before counting.
            .pattern(Some(
                r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$",
            ))
            .description(Some(
                "A client's name: 1 to 80 characters once trimmed, no control character.",
            ))
            .into()
    }
}

#[cfg(feature = "server")]
impl utoipa::ToSchema for ApiClientName {}

impl ApiClientName {
    pub const MAX_CHARS: usize = 80;

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ApiClientName {
    type Error = FormatError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        // Anywhere, even where trimming would drop it (a tab, U+0085).
        if text.chars().any(char::is_control) {
            return Err(FormatError::Characters);
        }
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(FormatError::Empty);
        }
        if trimmed.chars().count() > Self::MAX_CHARS {
            return Err(FormatError::Length {
                min: 1,
                max: Self::MAX_CHARS,
            });
        }
        Ok(Self(trimmed.to_owned()))
    }
}

impl From<ApiClientName> for String {
    fn from(name: ApiClientName) -> Self {
        name.0
    }
}

/// A public key in JWK form (RFC 7517): `EC` on `P-256` (`x`, `y`) for ES256, or `RSA` (`n`,
/// `e`, 2048 bits at least) for RS256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PublicJwk {
    /// `EC` or `RSA`
    pub kty: String,
    /// `P-256` for `EC`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crv: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub e: Option<String>,
    /// `ES256` or `RS256`; taken from `kty` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
}

/// `POST /partner/api-clients`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CreateApiClient {
    pub name: ApiClientName,
    /// At least one.
    #[cfg_attr(feature = "server", schema(min_items = 1))]
    pub scopes: Vec<Scope>,
    /// A public key (JWK, `ES256` on P-256 or `RS256`) to authenticate with a signed JWT
    /// (`private_key_jwt`, RFC 7523) instead of the secret.
    #[serde(default)]
    pub public_key: Option<PublicJwk>,
}

/// An API client as its administrators see it; its secret is never shown again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApiClient {
    pub id: ApiClientId,
    /// What software sends as `client_id`.
    #[cfg_attr(feature = "server", schema(example = "ebc_2Zq7yX4kP9mR3tW8vB6nLd"))]
    pub client_id: String,
    pub name: String,
    pub scopes: Vec<Scope>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_used_at: Option<OffsetDateTime>,
    /// The current secret's last four characters, to tell secrets apart.
    pub secret_last_four: String,
    /// Until when the secret replaced by the last rotation still works.
    #[serde(with = "time::serde::rfc3339::option")]
    pub previous_secret_expires_at: Option<OffsetDateTime>,
    /// The `alg` of the registered public key, if any (`ES256`, `RS256`).
    pub public_key_algorithm: Option<String>,
}

/// `201` to `POST /partner/api-clients` and `200` to a rotation: the secret, shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct IssuedApiClient {
    pub client: ApiClient,
    #[cfg_attr(feature = "server", schema(example = "eb_live_…"))]
    pub client_secret: String,
}

impl IssuedApiClient {
    /// What a replay of the answer shows: the secret is never stored, only its last four
    /// characters are shown again.
    pub fn masked(&self) -> IssuedApiClient {
        IssuedApiClient {
            client: self.client.clone(),
            client_secret: format!("…{}", self.client.secret_last_four),
        }
    }
}

/// `GET /partner/api-clients`: the partner's live clients, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApiClientList {
    pub items: Vec<ApiClient>,
}

/// `POST /oauth/token` (form-encoded, RFC 6749 §4.4). Every field is read as text so that a
/// malformed request gets RFC 6749's `invalid_request`, not a generic error.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TokenRequest {
    /// `client_credentials`
    pub grant_type: Option<String>,
    /// Space-separated scopes; all of the client's when absent.
    pub scope: Option<String>,
    /// With `client_secret` (`client_secret_post`), when not sent by HTTP Basic.
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    /// `urn:ietf:params:oauth:client-assertion-type:jwt-bearer` (`private_key_jwt`).
    pub client_assertion_type: Option<String>,
    pub client_assertion: Option<String>,
}

/// `200` to `POST /oauth/token`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    pub access_token: String,
    /// `Bearer`
    pub token_type: String,
    /// Seconds.
    pub expires_in: u32,
    /// The scopes granted, space-separated.
    pub scope: String,
}

/// RFC 6749 §5.2's error codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OAuthErrorCode {
    InvalidRequest,
    InvalidClient,
    InvalidGrant,
    UnauthorizedClient,
    UnsupportedGrantType,
    InvalidScope,
    /// Throttled (RFC 6749 lets a server add codes; `Retry-After` tells when).
    SlowDown,
    /// The service failed; retry after `Retry-After` (RFC 6749 §4.1.2.1's code).
    TemporarilyUnavailable,
}

/// An error of the token endpoint (RFC 6749 §5.2), not a problem+json.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OAuthError {
    pub error: OAuthErrorCode,
    pub error_description: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_api_2_scopes_read_and_write_as_rfc_6749_lists() {
        let scopes = Scopes::parse_space_separated("tenants:read  declarations:write").unwrap();
        assert!(scopes.contains(Scope::TenantsRead));
        assert!(!scopes.contains(Scope::PaymentsRead));
        assert_eq!(
            scopes.to_space_separated(),
            "tenants:read declarations:write"
        );
        assert_eq!(
            Scopes::parse_space_separated("tenants:read admin"),
            Err("admin".to_owned())
        );
        assert!(scopes.is_subset(Scopes::all()));
        assert!(!Scopes::all().is_subset(scopes));
    }

    /// The contract's pattern says what the parser takes: a name with a visible character and
    /// no control character, spaces around allowed.
    #[cfg(feature = "server")]
    #[test]
    fn r_api_1_the_client_name_pattern_agrees_with_the_parser() {
        use utoipa::PartialSchema;
        use utoipa::openapi::{RefOr, schema::Schema};
        let RefOr::T(Schema::Object(schema)) = ApiClientName::schema() else {
            panic!("an object schema");
        };
        let pattern = regex::Regex::new(&schema.pattern.unwrap()).unwrap();
        for sample in ["Gestion 2000", "  Logiciel é  ", "x", "Ünïcode ✓"] {
            assert!(
                ApiClientName::try_from(sample.to_owned()).is_ok(),
                "{sample:?}"
            );
            assert!(pattern.is_match(sample), "{sample:?}");
        }
        for sample in ["", "   ", "a\u{1}b", "tab\there", "c1\u{85}"] {
            assert!(
                ApiClientName::try_from(sample.to_owned()).is_err(),
                "{sample:?}"
            );
            assert!(!pattern.is_match(sample), "{sample:?}");
        }
    }

    #[test]
    fn r_api_2_client_names_are_bounded() {
        assert!(ApiClientName::try_from("Gestion 2000".to_owned()).is_ok());
        assert!(ApiClientName::try_from("  ".to_owned()).is_err());
        assert!(ApiClientName::try_from("x".repeat(81)).is_err());
        assert!(ApiClientName::try_from("a\u{0}b".to_owned()).is_err());
    }
}
