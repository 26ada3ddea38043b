//! What a flow is for and what it carries until its steps are done, as one typed value (kanidm's
//! typed session state), stored as JSON in `auth_flow.intent`. The engine reads it to know where a
//! code goes and what the last step starts; the change it stands for is applied by the module
//! that owns it (`crate::changes`), never by the engine.
use crate::mail::OtpPurpose;
use bailleur_api_types::{Bic, Email, Iban};
use serde::{Deserialize, Serialize};

/// New bank details, checked when asked for and applied when the code is entered (R-PROF-3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankDetails {
    pub iban: Iban,
    pub bic: Bic,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Intent {
    /// A sign-in; at a first connection that types its address (R-AUTH-4), the address being
    /// proven by the code.
    SignIn { new_email: Option<Email> },
    /// Forgotten password: a code, then the new password (R-RESET-2).
    Recovery,
    /// Mon profil: a new password, behind a code to the current email (R-PROF-2, R-LINK-4).
    ChangePassword,
    /// Mon profil: a new email, behind a code to it (R-PROF-2, R-LINK-3, R-LINK-5); when other
    /// accounts use it, the common password chosen once its code is entered.
    ChangeEmail {
        new: Email,
        #[serde(default)]
        common_password_hash: Option<String>,
    },
    /// New bank details behind a code to the account's email (R-PROF-3).
    ChangeBankDetails(BankDetails),
}

/// What a flow is for, without what it carries: the name the audit log gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IntentKind {
    SignIn,
    Recovery,
    ChangePassword,
    ChangeEmail,
    ChangeBankDetails,
}

impl Intent {
    pub fn kind(&self) -> IntentKind {
        match self {
            Intent::SignIn { .. } => IntentKind::SignIn,
            Intent::Recovery => IntentKind::Recovery,
            Intent::ChangePassword => IntentKind::ChangePassword,
            Intent::ChangeEmail { .. } => IntentKind::ChangeEmail,
            Intent::ChangeBankDetails(_) => IntentKind::ChangeBankDetails,
        }
    }

    pub fn encode(&self) -> String {
        // A closed enum of strings and options: serialising it cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn decode(stored: &str) -> Option<Intent> {
        serde_json::from_str(stored).ok()
    }

    /// The address this flow proves by its code, when it is not the account's own (R-LINK-3).
    pub fn address_proven(&self) -> Option<&Email> {
        match self {
            Intent::SignIn { new_email } => new_email.as_ref(),
            Intent::ChangeEmail { new, .. } => Some(new),
            Intent::Recovery | Intent::ChangePassword | Intent::ChangeBankDetails(_) => None,
        }
    }

    /// The sentence of the code's mail.
    pub fn code_purpose(&self) -> OtpPurpose {
        match self {
            Intent::SignIn { new_email: Some(_) } | Intent::ChangeEmail { .. } => {
                OtpPurpose::ConfirmEmail
            }
            Intent::SignIn { new_email: None } => OtpPurpose::SignIn,
            Intent::Recovery => OtpPurpose::Recovery,
            Intent::ChangeBankDetails(_) => OtpPurpose::BankDetailsChange,
            Intent::ChangePassword => OtpPurpose::ProfileChange,
        }
    }

    /// A recovery's codes are counted on the login typed and go out after the answer, as a
    /// decoy's are (R-RESET-4).
    pub fn is_recovery(&self) -> bool {
        matches!(self, Intent::Recovery)
    }

    /// Whether the last step opens a session (the others complete a change for a session that
    /// goes on).
    pub fn signs_in(&self) -> bool {
        matches!(self, Intent::SignIn { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_intent_is_stored_as_the_json_the_migration_writes() {
        let email = Email::parse("a@exemple.fr").unwrap();
        let cases = [
            (
                Intent::SignIn { new_email: None },
                r#"{"kind":"sign_in","new_email":null}"#,
            ),
            (Intent::Recovery, r#"{"kind":"recovery"}"#),
            (
                Intent::ChangeEmail {
                    new: email,
                    common_password_hash: None,
                },
                r#"{"kind":"change_email","new":"a@exemple.fr","common_password_hash":null}"#,
            ),
            (
                Intent::ChangeBankDetails(BankDetails {
                    iban: Iban::parse("FR7630006000011234567890189").unwrap(),
                    bic: Bic::parse("AGRIFRPP882").unwrap(),
                }),
                r#"{"kind":"change_bank_details","iban":"FR7630006000011234567890189","bic":"AGRIFRPP882"}"#,
            ),
        ];
        for (intent, json) in cases {
            assert_eq!(intent.encode(), json);
            assert_eq!(Intent::decode(json), Some(intent));
        }
    }

    #[test]
    fn a_stored_intent_that_is_not_valid_is_refused() {
        assert_eq!(
            Intent::decode(r#"{"kind":"change_email","new":"not an email"}"#),
            None
        );
        assert_eq!(Intent::decode(r#"{"kind":"grant_everything"}"#), None);
    }

    #[test]
    fn the_audit_name_of_an_intent_is_its_stored_tag() {
        for intent in [
            Intent::SignIn { new_email: None },
            Intent::Recovery,
            Intent::ChangePassword,
            Intent::ChangeEmail {
                new: Email::parse("a@exemple.fr").unwrap(),
                common_password_hash: None,
            },
        ] {
            let stored: serde_json::Value = serde_json::from_str(&intent.encode()).unwrap();
            assert_eq!(stored["kind"], serde_json::to_value(intent.kind()).unwrap());
        }
    }
}
