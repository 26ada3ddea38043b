//! The demo data is exactly what shared/DEMO.md promises, valid under R-REF, and idempotent.
use crate::helpers::spawn_app;
use bailleur_api_types::{Email, Iban, Nir, PostalCode, Siret, TiersNumber};
use bailleur_core::Clock;
use bailleur_entity::{account, credential, dwelling, email_address, lease, partner, tenant};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use time::Duration;

async fn account_by(app: &crate::helpers::TestApp, identifier: &str) -> account::Model {
    account::Entity::find()
        .filter(account::Column::Identifier.eq(identifier))
        .one(&app.db)
        .await
        .expect("query")
        .unwrap_or_else(|| panic!("{identifier} exists"))
}

#[tokio::test]
async fn demo_seed_is_idempotent() {
    let app = spawn_app().await;
    let before = (
        account::Entity::find().count(&app.db).await.expect("count"),
        tenant::Entity::find().count(&app.db).await.expect("count"),
    );
    let report = bailleur_server::demo::seed(&app.db, app.clock.as_ref())
        .await
        .expect("second seed");
    assert!(report.already_present);
    let after = (
        account::Entity::find().count(&app.db).await.expect("count"),
        tenant::Entity::find().count(&app.db).await.expect("count"),
    );
    assert_eq!(before, after);
    assert_eq!(before.0, 144);
    assert!(
        (55..=65).contains(&before.1),
        "about 60 tenants, got {}",
        before.1
    );
}

#[tokio::test]
async fn r_link_4_demo_group_of_138_shares_one_email_and_one_credential() {
    let app = spawn_app().await;
    let first = account_by(&app, "A6D5AZT301").await;
    let group = account::Entity::find()
        .filter(account::Column::EmailId.eq(first.email_id.expect("an email")))
        .all(&app.db)
        .await
        .expect("group");
    assert_eq!(group.len(), 138);
    assert!(group.iter().all(|a| a.credential_id == first.credential_id));
    let mut identifiers: Vec<_> = group.iter().map(|a| a.identifier.clone()).collect();
    identifiers.sort();
    assert_eq!(identifiers.first().map(String::as_str), Some("A6D5AZT301"));
    assert_eq!(identifiers.last().map(String::as_str), Some("A6D5AZT438"));
    let email = email_address::Entity::find_by_id(first.email_id.expect("email"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("row");
    assert_eq!(email.address, "gestion@sicgpi.example");
    // Validated more than 24 h before seeding: the first sign-in asks for an OTP (R-OTP-2).
    let validated = email.last_otp_validated_at.expect("validated once");
    assert!(validated < app.clock.now() - Duration::hours(24));
}

#[tokio::test]
async fn r_ref_4_demo_physical_landlord_has_one_account_and_email_per_department() {
    let app = spawn_app().await;
    let nantes = account_by(&app, "JMARTIN044").await;
    let paris = account_by(&app, "JMARTIN075").await;
    assert_ne!(nantes.email_id, paris.email_id);
    assert_ne!(nantes.credential_id, paris.credential_id);
    let partner = partner::Entity::find_by_id(nantes.partner_id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("partner");
    assert_eq!(partner.kind, bailleur_api_types::PartnerKind::Physical);
    assert!(Nir::parse(partner.nir.as_deref().expect("a NIR")).is_ok());
}

#[tokio::test]
async fn r_auth_5_demo_tilleuls_awaits_first_connection_without_email() {
    let app = spawn_app().await;
    let tilleuls = account_by(&app, "TILLEUL001").await;
    assert_eq!(tilleuls.email_id, None);
    assert_eq!(
        tilleuls.status,
        bailleur_api_types::UserStatus::PendingFirstConnection
    );
    let credential = credential::Entity::find_by_id(tilleuls.credential_id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("row");
    assert!(credential.provisional);
    assert!(bailleur_core::hashing::verify_password(
        bailleur_server::demo::PROVISIONAL_PASSWORD,
        &credential.password_hash
    ));
    let partner = partner::Entity::find_by_id(tilleuls.partner_id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("partner");
    assert!(TiersNumber::parse(partner.tiers_number.as_deref().expect("Tiers number")).is_ok());
    assert_eq!(partner.siret, None);
}

#[tokio::test]
async fn r_auth_4_demo_rdport_email_never_validated() {
    let app = spawn_app().await;
    let port = account_by(&app, "RDPORT0001").await;
    let email = email_address::Entity::find_by_id(port.email_id.expect("email"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("row");
    assert_eq!(email.address, "contact@rdport.example");
    assert_eq!(email.last_otp_validated_at, None);
}

#[tokio::test]
async fn r_space_4_demo_has_the_seeds_tenant_in_coueron() {
    let app = spawn_app().await;
    let owner = account_by(&app, "A6D5AZT301").await;
    let tenant = tenant::Entity::find()
        .filter(tenant::Column::BeneficiaryNumber.eq("1593739"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("tenant");
    let lease = lease::Entity::find()
        .filter(lease::Column::TenantId.eq(tenant.id))
        .one(&app.db)
        .await
        .expect("query")
        .expect("lease");
    assert_eq!(lease.partner_id, owner.partner_id);
    assert_eq!(lease.rent_cents, 52_500);
    assert_eq!(lease.last_aid_cents, Some(11_100));
    assert_eq!(lease.started_on.to_string(), "2021-10-24");
    let dwelling = dwelling::Entity::find_by_id(lease.dwelling_id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("dwelling");
    assert_eq!(
        (
            dwelling.address_line1.as_str(),
            dwelling.postal_code.as_str(),
            dwelling.city.as_str()
        ),
        ("PREMIER ETAGE BATIMENT C", "44220", "COUERON")
    );
    assert_eq!(
        (dwelling.surface_m2, dwelling.furnished, dwelling.decent),
        (43, false, true)
    );
}

#[tokio::test]
async fn r_ref_5_every_demo_number_is_valid() {
    let app = spawn_app().await;
    for p in partner::Entity::find()
        .all(&app.db)
        .await
        .expect("partners")
    {
        if let Some(siret) = &p.siret {
            assert!(Siret::parse(siret).is_ok(), "{siret}");
        }
        if let Some(iban) = &p.iban {
            assert!(Iban::parse(iban).is_ok(), "{iban}");
        }
        assert!(
            PostalCode::parse(&p.postal_code).is_ok(),
            "{}",
            p.postal_code
        );
        assert!(
            p.siret.is_some() || p.nir.is_some() || p.tiers_number.is_some(),
            "{} is identified",
            p.name
        );
    }
    for e in email_address::Entity::find()
        .all(&app.db)
        .await
        .expect("emails")
    {
        assert!(e.address.ends_with(".example"));
        assert!(Email::parse(&e.address).is_ok());
    }
}
