//! How one-time codes are stored: never in clear (R-OTP-4, R-AUTH-8). A code has only 10^6
//! values: it is keyed with the server's secret and bound to its flow, so a copy of the database
//! alone does not reveal it and it is worthless in another flow.
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The stored form of `code` sent in the flow `flow_public_id` (or of any value bound to a label).
pub(super) fn code_hash(key: &[u8], flow_public_id: &str, code: &str) -> String {
    URL_SAFE_NO_PAD.encode(code_mac(key, flow_public_id, code).finalize().into_bytes())
}

/// Compares in constant time.
pub(super) fn code_matches(key: &[u8], flow_public_id: &str, code: &str, stored: &str) -> bool {
    URL_SAFE_NO_PAD.decode(stored).is_ok_and(|tag| {
        code_mac(key, flow_public_id, code)
            .verify_slice(&tag)
            .is_ok()
    })
}

fn code_mac(key: &[u8], flow_public_id: &str, code: &str) -> Hmac<Sha256> {
    // HMAC accepts keys of any length: this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(flow_public_id.as_bytes());
    mac.update(b":");
    mac.update(code.as_bytes());
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_otp_4_code_hash_is_bound_to_key_and_flow() {
        let stored = code_hash(b"key", "flow-a", "123456");
        assert!(!stored.contains("123456"));
        assert!(code_matches(b"key", "flow-a", "123456", &stored));
        assert!(!code_matches(b"key", "flow-b", "123456", &stored));
        assert!(!code_matches(b"other", "flow-a", "123456", &stored));
        assert!(!code_matches(b"key", "flow-a", "123457", &stored));
    }
}
