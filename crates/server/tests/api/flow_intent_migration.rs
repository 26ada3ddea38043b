//! Migration m0012 folds a flow's purpose and pending columns into one JSON `intent`: flows in
//! progress when the server is upgraded are carried over as the intent they stood for, on SQLite
//! and PostgreSQL alike.
use crate::helpers::empty_database;
use bailleur_api_types::Email;
use bailleur_core::auth::flow::Intent;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

/// The migrations before m0012.
const BEFORE_INTENT: u32 = 11;

async fn execute(db: &DatabaseConnection, sql: &str) {
    db.execute_unprepared(sql)
        .await
        .unwrap_or_else(|error| panic!("{sql}: {error}"));
}

async fn intent_of(db: &DatabaseConnection, public_id: &str) -> String {
    let backend = db.get_database_backend();
    db.query_one_raw(Statement::from_sql_and_values(
        backend,
        match backend {
            sea_orm::DatabaseBackend::Postgres => {
                "SELECT intent FROM auth_flow WHERE public_id = $1"
            }
            _ => "SELECT intent FROM auth_flow WHERE public_id = ?",
        },
        [public_id.into()],
    ))
    .await
    .expect("read the flow")
    .expect("the flow is still there")
    .try_get("", "intent")
    .expect("intent")
}

/// A flow row as m0011 stored it.
async fn old_flow(
    db: &DatabaseConnection,
    public_id: &str,
    purpose: &str,
    pending_email: Option<&str>,
    pending_password_hash: Option<&str>,
    pending_change: Option<&str>,
) {
    let quoted = |value: Option<&str>| value.map_or("NULL".to_owned(), |v| format!("'{v}'"));
    execute(
        db,
        &format!(
            "INSERT INTO auth_flow (public_id, purpose, account_id, steps_due, pending_email, \
             pending_password_hash, pending_change, created_at, expires_at) \
             SELECT '{public_id}', '{purpose}', MIN(id), '[\"otp\"]', {}, {}, {}, \
             '2026-12-01 10:00:00+00:00', '2026-12-01 10:15:00+00:00' FROM account",
            quoted(pending_email),
            quoted(pending_password_hash),
            quoted(pending_change),
        ),
    )
    .await;
}

#[tokio::test]
async fn m0012_carries_every_flow_over_as_the_intent_it_stood_for() {
    let db = empty_database().await;
    Migrator::up(&db, Some(BEFORE_INTENT))
        .await
        .expect("migrate to m0011");
    bailleur_server::demo::seed(&db, &bailleur_core::SystemClock)
        .await
        .expect("accounts to hold the flows");
    let email = Email::parse("nouvelle@exemple.fr").unwrap();
    old_flow(&db, "sign-in", "sign_in", None, None, None).await;
    old_flow(&db, "first", "sign_in", Some(email.as_str()), None, None).await;
    old_flow(&db, "recovery", "recovery", None, None, None).await;
    old_flow(&db, "password", "change_password", None, None, None).await;
    old_flow(
        &db,
        "email",
        "change_email",
        Some(email.as_str()),
        Some("$argon2id$x"),
        None,
    )
    .await;
    old_flow(
        &db,
        "bank",
        "change_bank_details",
        None,
        None,
        Some(r#"{"iban":"FR7630006000011234567890189","bic":"AGRIFRPP"}"#),
    )
    .await;
    old_flow(&db, "unknown", "something_else", None, None, None).await;
    Migrator::up(&db, None).await.expect("migrate to the end");

    let decoded = |stored: String| Intent::decode(&stored);
    assert_eq!(
        decoded(intent_of(&db, "sign-in").await),
        Some(Intent::SignIn { new_email: None })
    );
    assert_eq!(
        decoded(intent_of(&db, "first").await),
        Some(Intent::SignIn {
            new_email: Some(email.clone())
        })
    );
    assert_eq!(
        decoded(intent_of(&db, "recovery").await),
        Some(Intent::Recovery)
    );
    assert_eq!(
        decoded(intent_of(&db, "password").await),
        Some(Intent::ChangePassword)
    );
    assert_eq!(
        decoded(intent_of(&db, "email").await),
        Some(Intent::ChangeEmail {
            new: email,
            common_password_hash: Some("$argon2id$x".to_owned()),
        })
    );
    let Some(Intent::ChangeBankDetails(details)) = decoded(intent_of(&db, "bank").await) else {
        panic!("bank details carried over");
    };
    assert_eq!(
        details,
        bailleur_core::auth::flow::BankDetails {
            iban: bailleur_api_types::Iban::parse("FR7630006000011234567890189").unwrap(),
            bic: bailleur_api_types::Bic::parse("AGRIFRPP").unwrap(),
        }
    );
    // A purpose no version wrote is not guessed: the engine refuses it as corrupt.
    assert_eq!(decoded(intent_of(&db, "unknown").await), None);
}
