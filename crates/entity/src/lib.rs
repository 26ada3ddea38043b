//! sea-orm entities, one file per table of `migrations/`.

pub mod account;
pub mod aid_payment;
pub mod api_client;
pub mod audit_event;
pub mod auth_flow;
pub mod auth_session;
pub mod caf_contact;
pub mod caf_notice;
pub mod caf_office;
pub mod credential;
pub mod declaration;
pub mod declaration_batch;
pub mod declaration_status_change;
pub mod dwelling;
pub mod email_address;
pub mod idempotency_key;
pub mod lease;
pub mod otp_challenge;
pub mod partner;
pub mod postal_letter;
pub mod recovery_decoy;
pub mod refresh_token;
pub mod rent_campaign;
pub mod tenant;
pub mod terms_acceptance;
pub mod throttle_counter;
pub mod used_assertion;
pub mod used_captcha;

#[cfg(test)]
mod tests {
    use bailleur_api_types::{AccountRole, PartnerKind, UserStatus};
    use sea_orm::{ActiveEnum, Iterable};

    fn same_names<T>()
    where
        T: ActiveEnum<Value = String> + Iterable + serde::Serialize + std::str::FromStr + PartialEq,
        T::Err: std::fmt::Debug,
    {
        for variant in T::iter() {
            let json = serde_json::to_value(&variant).unwrap();
            assert_eq!(json.as_str(), Some(variant.to_value().as_str()));
            assert!(variant.to_value().parse::<T>().unwrap() == variant);
        }
        assert!("not a value".parse::<T>().is_err());
    }

    /// The API sends the strings the database stores, and the imports read them: one vocabulary.
    #[test]
    fn stored_enums_are_sent_as_their_stored_strings() {
        same_names::<PartnerKind>();
        same_names::<AccountRole>();
        same_names::<UserStatus>();
    }
}
