//! R-PROF-3: the landlord's postal address, direct payment and bank details (the latter behind
//! a code, audited, confirmed by mail); R-REF-5 field-level refusals.
use crate::helpers::TestApp;
use crate::helpers::spawn_app;
use crate::profile::{finish_with_code, start};
use bailleur_api_types::auth::{SessionTokens, SignInOutcome, Step};
use bailleur_api_types::partner::PartnerData;
use bailleur_entity::audit_event;
use reqwest::{Method, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

const NEW_IBAN: &str = "FR76 3000 6000 0112 3456 7890 189";

async fn partner(app: &TestApp, tokens: &SessionTokens) -> PartnerData {
    app.call(Method::GET, "/api/v1/partner", tokens, json!(null))
        .await
        .json()
        .await
        .expect("partner data")
}

async fn refused(
    app: &TestApp,
    tokens: &SessionTokens,
    method: Method,
    path: &str,
    body: Value,
) -> Vec<(String, String)> {
    crate::flows::refused_fields(app.call(method, path, tokens, body).await).await
}

async fn audited(app: &TestApp, kind: &str) -> u64 {
    audit_event::Entity::find()
        .filter(audit_event::Column::Kind.eq(kind))
        .count(&app.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn r_prof_3_the_postal_address_and_direct_payment_change_and_are_audited() {
    let app = spawn_app().await;
    let tokens = app.signed_in("FLH0000001", "admin@flh.example").await;
    let before = partner(&app, &tokens).await;
    let response = app
        .call(
            Method::PATCH,
            "/api/v1/partner",
            &tokens,
            json!({
                "address": {"line1": " 3 quai de la Fosse ", "postal_code": "44 000", "city": "Nantes"},
                "direct_payment": !before.direct_payment,
            }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let after = partner(&app, &tokens).await;
    assert_eq!(after.address.line1, "3 quai de la Fosse");
    assert_eq!(after.address.postal_code, "44000");
    assert_eq!(after.address.city, "NANTES");
    assert_eq!(after.direct_payment, !before.direct_payment);
    assert_eq!(audited(&app, "partner_updated").await, 1);
}

#[tokio::test]
async fn r_ref_5_a_bad_address_is_refused_field_by_field_and_nothing_changes() {
    let app = spawn_app().await;
    let tokens = app.signed_in("FLH0000001", "admin@flh.example").await;
    let before = partner(&app, &tokens).await;
    let errors = refused(
        &app,
        &tokens,
        Method::PATCH,
        "/api/v1/partner",
        json!({
            "address": {"line1": "", "postal_code": "4400", "city": " "},
            "direct_payment": !before.direct_payment,
        }),
    )
    .await;
    let fields: Vec<_> = errors.iter().map(|(field, _)| field.as_str()).collect();
    assert_eq!(
        fields,
        ["address.line1", "address.postal_code", "address.city"]
    );
    assert_eq!(partner(&app, &tokens).await, before);
}

#[tokio::test]
async fn r_prof_3_new_bank_details_apply_only_after_the_code_and_a_mail_confirms_them() {
    let app = spawn_app().await;
    let tokens = app.signed_in("FLH0000001", "admin@flh.example").await;
    let before = partner(&app, &tokens).await;
    let flow = start(
        &app,
        &tokens,
        "/api/v1/partner/bank-details",
        json!({ "iban": NEW_IBAN, "bic": "agrifrpp882" }),
    )
    .await;
    assert_eq!(flow.steps_due, vec![Step::Otp]);
    assert_eq!(
        partner(&app, &tokens).await,
        before,
        "nothing changes before the code"
    );
    assert_eq!(
        finish_with_code(&app, &flow, "admin@flh.example").await,
        SignInOutcome::Completed
    );
    let after = partner(&app, &tokens).await;
    let bank = after.bank_details.expect("bank details");
    assert_eq!(bank.iban, "FR76 •••• •••• •••• •••• •••0 189");
    assert_eq!(bank.bic.as_deref(), Some("AGRIFRPP882"));
    assert_eq!(audited(&app, "bank_details_changed").await, 1);
    let mails = app.mails.lock().expect("mails");
    let confirmation = mails
        .iter()
        .find(|mail| {
            mail.subject == "Espace Bailleur : vos coordonnées bancaires ont été modifiées"
        })
        .expect("the confirmation mail");
    assert_eq!(confirmation.to, "admin@flh.example");
    assert!(
        confirmation
            .text
            .contains("FR76 •••• •••• •••• •••• •••0 189")
    );
    assert!(
        !confirmation.text.contains("30006"),
        "the mail never holds the whole IBAN"
    );
}

#[tokio::test]
async fn r_ref_5_bank_details_with_a_bad_key_or_bic_are_refused() {
    let app = spawn_app().await;
    let tokens = app.signed_in("FLH0000001", "admin@flh.example").await;
    let cases = [
        (
            json!({ "iban": "FR7630006000011234567890188", "bic": "AGRIFRPP882" }),
            vec![("iban", "checksum")],
        ),
        (
            json!({ "iban": NEW_IBAN, "bic": "AGRI" }),
            vec![("bic", "length")],
        ),
        (
            json!({ "iban": NEW_IBAN, "bic": "DEUTDEFF" }),
            vec![("bic", "country_mismatch")],
        ),
        (
            json!({ "iban": "", "bic": "" }),
            vec![("iban", "required"), ("bic", "required")],
        ),
    ];
    for (body, expected) in cases {
        let errors = refused(
            &app,
            &tokens,
            Method::POST,
            "/api/v1/partner/bank-details",
            body.clone(),
        )
        .await;
        let expected: Vec<_> = expected
            .into_iter()
            .map(|(field, code)| (field.to_owned(), code.to_owned()))
            .collect();
        assert_eq!(errors, expected, "{body}");
    }
}
