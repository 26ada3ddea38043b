//! What codes are counted on: the targets a caller sees (R-OTP-4, R-RESET-4), and the hidden
//! limits per address beneath them.
use super::code_hash::code_hash;
use crate::auth::Auth;
use crate::auth::throttle::Softlock;
use bailleur_api_types::Email;
use bailleur_entity::otp_challenge;
use time::Duration;

/// What the codes to `email` are counted on when they belong to a flow of that account (not a
/// recovery): codes to an account's own address in a flow its password opened (a sign-in, a
/// change from Mon profil) apart from those to an address typed in as new (an email change, a
/// first connection). Within each, one code is live at a time and the failures carry over.
pub fn address_target(email: &Email, own_after_password: bool) -> String {
    let kind = if own_after_password { "own" } else { "any" };
    format!("{kind}:{}", email.as_str())
}

/// What the codes of a forgotten-password request are counted on, for a real flow and a decoy
/// alike (R-RESET-4): the login typed, keyed so the table does not list who asked. What a caller
/// sees of a recovery (tries left, codes sent, waits) thus depends on the login typed only.
pub fn recovery_target(auth: &Auth, login: &str) -> String {
    format!("recovery:{}", code_hash(&auth.keys.code, "recovery", login))
}

/// The address part of an address target (what a code page shows, masked).
pub(super) fn address_of(target: &str) -> &str {
    target
        .split_once(':')
        .map_or(target, |(_, address)| address)
}

/// Codes mailed to one address an hour by flows a stranger can open (recoveries under any of
/// the address's logins, an address typed in as new), whatever their targets: past it, codes
/// are still issued and counted as usual but not mailed. Never told: the answers stay those of
/// the target.
pub(super) const MAILS_PER_ADDRESS_PER_HOUR: u64 = 5;

/// The hidden limit of tries per address and hour, whatever the targets: five wrong codes to an
/// address in an hour, and no code to it is compared until the hour has passed.
pub(super) const CODE_ADDRESS: Softlock = Softlock {
    free_failures: 4,
    base: Duration::hours(1),
    max: Duration::hours(1),
    forget_after: Duration::hours(1),
};

/// The hidden counter of a real code's address: the own codes apart (see `address_target`).
pub(super) fn address_counter(challenge: &otp_challenge::Model) -> Option<String> {
    let address = challenge.address.as_deref()?;
    let kind = if challenge.email.starts_with("own:") {
        "own"
    } else {
        "any"
    };
    Some(format!("code:{kind}:{address}"))
}
