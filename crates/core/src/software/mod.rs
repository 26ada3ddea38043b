//! Third-party software (R-API-2): the API clients a partner's administrator issues
//! (`clients`), the OAuth 2.0 client-credentials grant that gives them short tokens (`grant`,
//! with `assertion` for `private_key_jwt`), and the check of those tokens on every request.
use time::Duration;

pub mod assertion;
pub mod clients;
pub mod grant;

pub use clients::ClientsError;
pub use grant::{ClientAuthentication, GrantError, Granted, authenticate, grant};

/// How long a client-credentials token lives.
pub const TOKEN_LIFETIME: Duration = Duration::minutes(15);
/// How long a rotated secret keeps working, so that software can be updated without downtime.
pub const PREVIOUS_SECRET_GRACE: Duration = Duration::hours(24);
/// The longest lifetime of a `private_key_jwt` assertion (`exp` - now).
pub const ASSERTION_MAX_LIFETIME: Duration = Duration::minutes(5);
/// What leaked-secret scanners recognise.
pub const SECRET_PREFIX: &str = "eb_live_";
pub const CLIENT_ID_PREFIX: &str = "ebc_";
/// `client_assertion_type` of RFC 7523 §2.2.
pub const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// SHA-256 of a secret: 256 random bits need no slow hash, and a lookup stays fast.
pub(crate) fn secret_hash(secret: &str) -> String {
    use sha2::{Digest, Sha256};
    hex_encode(&Sha256::digest(secret.as_bytes()))
}

pub(crate) fn hex_encode(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Equal strings, compared in a time that does not depend on where they differ.
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}
