//! The French mail templates (plain text and HTML, the HTML auto-escaped).
use super::{MailError, OutgoingMail};
use bailleur_api_types::Email;
use minijinja::{Environment, context};
use std::sync::OnceLock;

/// Every template, compiled into the binary.
const TEMPLATES: &[(&str, &str)] = &[
    ("otp.txt", include_str!("templates/otp.txt")),
    ("otp.html", include_str!("templates/otp.html")),
    (
        "email_changed.txt",
        include_str!("templates/email_changed.txt"),
    ),
    (
        "email_changed.html",
        include_str!("templates/email_changed.html"),
    ),
    (
        "bank_details_changed.txt",
        include_str!("templates/bank_details_changed.txt"),
    ),
    (
        "bank_details_changed.html",
        include_str!("templates/bank_details_changed.html"),
    ),
    (
        "partner_changed.txt",
        include_str!("templates/partner_changed.txt"),
    ),
    (
        "partner_changed.html",
        include_str!("templates/partner_changed.html"),
    ),
    ("identifier.txt", include_str!("templates/identifier.txt")),
    ("identifier.html", include_str!("templates/identifier.html")),
    ("provisional.txt", include_str!("templates/provisional.txt")),
    (
        "provisional.html",
        include_str!("templates/provisional.html"),
    ),
];

fn environment() -> &'static Environment<'static> {
    static ENVIRONMENT: OnceLock<Environment<'static>> = OnceLock::new();
    ENVIRONMENT.get_or_init(|| {
        let mut environment = Environment::new();
        for (name, source) in TEMPLATES {
            // The templates are compiled in: a syntax error is caught by the tests below.
            if let Err(error) = environment.add_template(name, source) {
                tracing::error!(%error, name, "mail template does not compile");
            }
        }
        environment
    })
}

/// Why a code is sent; the mail says it in its first line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtpPurpose {
    SignIn,
    ConfirmEmail,
    ProfileChange,
    Recovery,
    BankDetailsChange,
}

impl OtpPurpose {
    fn sentence(self) -> &'static str {
        match self {
            OtpPurpose::SignIn => "Pour terminer votre connexion à l'Espace Bailleur",
            OtpPurpose::ConfirmEmail => "Pour valider votre adresse mail dans l'Espace Bailleur",
            OtpPurpose::Recovery => {
                "Pour choisir un nouveau mot de passe de l'Espace Bailleur (mot de passe oublié)"
            }
            OtpPurpose::BankDetailsChange => {
                "Pour confirmer la modification de vos coordonnées bancaires dans l'Espace Bailleur"
            }
            OtpPurpose::ProfileChange => {
                "Pour confirmer la modification de vos données de connexion dans l'Espace Bailleur"
            }
        }
    }
}

/// The one-time code mail (R-OTP-1).
pub fn otp_mail(
    to: &Email,
    code: &str,
    valid_minutes: i64,
    purpose: OtpPurpose,
) -> Result<OutgoingMail, MailError> {
    let context = context! { code, valid_minutes, sentence => purpose.sentence() };
    let environment = environment();
    Ok(OutgoingMail {
        to: to.clone(),
        subject: format!("Espace Bailleur : votre code de vérification {code}"),
        text: environment.get_template("otp.txt")?.render(&context)?,
        html: environment.get_template("otp.html")?.render(&context)?,
    })
}

/// R-LINK-5: the notice of an email change, sent to the old and to the new address.
pub fn email_changed_mail(
    to: &Email,
    identifier: &str,
    new_address: &str,
) -> Result<OutgoingMail, MailError> {
    let context = context! { identifier, new_address };
    let environment = environment();
    Ok(OutgoingMail {
        to: to.clone(),
        subject: format!("Espace Bailleur : l'adresse mail du compte {identifier} a changé"),
        text: environment
            .get_template("email_changed.txt")?
            .render(&context)?,
        html: environment
            .get_template("email_changed.html")?
            .render(&context)?,
    })
}

/// R-PROF-3: the confirmation that the bank details the aid is paid to have changed.
pub fn bank_details_changed_mail(
    to: &Email,
    partner_name: &str,
    masked_iban: &str,
) -> Result<OutgoingMail, MailError> {
    let context = context! { partner_name, masked_iban };
    let environment = environment();
    Ok(OutgoingMail {
        to: to.clone(),
        subject: "Espace Bailleur : vos coordonnées bancaires ont été modifiées".to_owned(),
        text: environment
            .get_template("bank_details_changed.txt")?
            .render(&context)?,
        html: environment
            .get_template("bank_details_changed.html")?
            .render(&context)?,
    })
}

/// R-SEC-2: the notice to each administrator that the partner's postal address or direct
/// payment changed, and who changed it.
pub fn partner_changed_mail(
    to: &Email,
    partner_name: &str,
    by: &str,
    changes: &[String],
) -> Result<OutgoingMail, MailError> {
    let context = context! { partner_name, by, changes };
    let environment = environment();
    Ok(OutgoingMail {
        to: to.clone(),
        subject: format!("Espace Bailleur : les données de {partner_name} ont été modifiées"),
        text: environment
            .get_template("partner_changed.txt")?
            .render(&context)?,
        html: environment
            .get_template("partner_changed.html")?
            .render(&context)?,
    })
}

/// R-AUTH-5: a new account's identifier and its provisional password, in two separate mails
/// so that one intercepted mail is not enough.
pub fn account_created_mails(
    to: &Email,
    identifier: &str,
    partner_name: &str,
    provisional_password: &str,
) -> Result<Vec<OutgoingMail>, MailError> {
    let context = context! { identifier, partner_name, provisional_password };
    let environment = environment();
    Ok(vec![
        OutgoingMail {
            to: to.clone(),
            subject: "Espace Bailleur : votre identifiant de connexion (1/2)".to_owned(),
            text: environment
                .get_template("identifier.txt")?
                .render(&context)?,
            html: environment
                .get_template("identifier.html")?
                .render(&context)?,
        },
        OutgoingMail {
            to: to.clone(),
            subject: "Espace Bailleur : votre mot de passe provisoire (2/2)".to_owned(),
            text: environment
                .get_template("provisional.txt")?
                .render(&context)?,
            html: environment
                .get_template("provisional.html")?
                .render(&context)?,
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_compiles() {
        let environment = environment();
        for (name, _) in TEMPLATES {
            assert!(environment.get_template(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn r_otp_1_mail_carries_the_code_in_both_parts() {
        let to = Email::parse("contact@rdport.example").expect("valid email");
        let mail = otp_mail(&to, "042917", 10, OtpPurpose::ConfirmEmail).expect("renders");
        assert!(mail.subject.contains("042917"));
        assert!(mail.text.contains("042917") && mail.text.contains("10 minutes"));
        assert!(mail.html.contains("042917") && mail.html.contains("valider votre adresse"));
        assert!(
            mail.html.contains("l&#x27;Espace"),
            "the HTML part is escaped"
        );
    }
}
