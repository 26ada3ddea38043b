//! Signing in (R-AUTH-1, R-AUTH-4, R-AUTH-7, R-AUTH-8, R-OTP-1 … R-OTP-4): the flow state
//! machine, codes by mail, throttling, sessions and their tokens.
pub mod captcha;
pub mod decoy;
pub mod flow;
pub mod intent;
pub mod local_places;
pub mod otp;
pub mod password;
pub mod principal;
pub mod recent_checks;
pub mod recovery;
pub mod revocation;
pub mod session;
pub mod sign_in;
pub mod steps;
pub mod switch;
pub mod terms;
pub mod throttle;

use crate::hashing::PasswordService;
use crate::mail::Mailer;
use hkdf::Hkdf;
use sha2::Sha256;
use time::Duration;

/// The knobs of signing in; `Default` holds the spec's values.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// R-OTP-2: no code at sign-in within this time of the email's last validation.
    pub otp_login_interval: Duration,
    pub flow_lifetime: Duration,
    pub code_lifetime: Duration,
    pub code_attempts: u8,
    pub codes_per_hour: u64,
    pub access_token_lifetime: Duration,
    /// Absolute: refreshing never extends a session past it.
    pub session_lifetime: Duration,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            otp_login_interval: Duration::minutes(1440),
            flow_lifetime: Duration::minutes(15),
            code_lifetime: Duration::minutes(10),
            code_attempts: 5,
            codes_per_hour: 5,
            access_token_lifetime: Duration::minutes(15),
            session_lifetime: Duration::hours(12),
        }
    }
}

/// The HKDF salt of [`Keys::derive`]: fixed, it only sets this application apart.
const KEY_SALT: &[u8] = b"espace-bailleur";

/// Keys derived from the server secret, one per use, so that no key serves two purposes.
pub struct Keys {
    jwt: Vec<u8>,
    client_jwt: Vec<u8>,
    code: Vec<u8>,
    captcha: Vec<u8>,
}

impl Keys {
    /// The key access tokens are signed with (tests forge tokens with it).
    pub fn jwt(&self) -> &[u8] {
        &self.jwt
    }

    /// The key of client-credentials tokens: never the sessions' one, so neither kind of token
    /// can pass for the other.
    pub fn client_jwt(&self) -> &[u8] {
        &self.client_jwt
    }

    /// HKDF-SHA256 (RFC 5869): the secret extracted once with a fixed salt, then expanded into
    /// one 32-byte key per use, the use's label as `info`.
    pub fn derive(secret: &[u8]) -> Self {
        let extracted = Hkdf::<Sha256>::new(Some(KEY_SALT), secret);
        let derive = |label: &[u8]| {
            let mut key = vec![0u8; 32];
            extracted
                .expand(label, &mut key)
                .unwrap_or_else(|_| unreachable!("32 bytes is within HKDF-SHA256's 8160"));
            key
        };
        Self {
            jwt: derive(b"bailleur access token v1\0"),
            client_jwt: derive(b"bailleur client token v1\0"),
            code: derive(b"bailleur one-time code v1\0"),
            captcha: derive(b"bailleur captcha v1\0"),
        }
    }
}

/// Everything the sign-in use cases need besides the database and the time.
pub struct Auth {
    pub settings: AuthSettings,
    pub passwords: PasswordService,
    pub mailer: Mailer,
    keys: Keys,
    /// The session checks this process remembers, and its revocation count.
    recent: recent_checks::RecentChecks,
    /// The API clients found live by this process, and its revocation count (R-API-2).
    pub(crate) clients: recent_checks::RecentChecks<principal::Software>,
    /// This process's places per throttle key (sign-ins waiting their turn in memory).
    pub places: local_places::LocalPlaces,
}

impl Auth {
    pub fn new(
        settings: AuthSettings,
        secret: &[u8],
        passwords: PasswordService,
        mailer: Mailer,
    ) -> Self {
        Self {
            settings,
            passwords,
            mailer,
            keys: Keys::derive(secret),
            recent: recent_checks::RecentChecks::default(),
            clients: recent_checks::RecentChecks::default(),
            places: local_places::LocalPlaces::default(),
        }
    }
}

impl Auth {
    pub fn keys(&self) -> &Keys {
        &self.keys
    }

    pub fn recent_checks(&self) -> &recent_checks::RecentChecks {
        &self.recent
    }
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth")
            .field("settings", &self.settings)
            .field("mailer", &self.mailer)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::Keys;

    #[test]
    fn derived_keys_differ_per_use_and_are_deterministic() {
        let keys = Keys::derive(b"a server secret of enough random bytes");
        assert_eq!(keys.jwt.len(), 32);
        assert_eq!(keys.code.len(), 32);
        assert_eq!(keys.captcha.len(), 32);
        assert_ne!(keys.jwt, keys.code);
        assert_ne!(keys.jwt, keys.client_jwt);
        assert_ne!(keys.jwt, keys.captcha);
        assert_ne!(keys.code, keys.captcha);

        let again = Keys::derive(b"a server secret of enough random bytes");
        assert_eq!(keys.jwt, again.jwt);
        assert_eq!(keys.code, again.code);
        assert_eq!(keys.captcha, again.captcha);

        let other = Keys::derive(b"another server secret");
        assert_ne!(keys.jwt, other.jwt);
        assert_ne!(keys.code, other.code);
        assert_ne!(keys.captcha, other.captcha);
    }
}
