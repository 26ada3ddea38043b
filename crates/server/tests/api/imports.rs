//! R-OPS-1: the operator's CSV imports, with the sample files of docs/samples.
use crate::helpers::spawn_app;
use bailleur_core::Clock;
use bailleur_core::imports::{self, ImportError, Silent};
use bailleur_entity::{account, aid_payment, caf_office, lease, partner, postal_letter, tenant};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

fn sample(name: &str) -> Vec<u8> {
    let path = format!("{}/../../docs/samples/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn lines_and_columns(error: ImportError) -> Vec<(u64, String)> {
    match error {
        ImportError::Rows(errors) => errors
            .into_iter()
            .map(|error| (error.line, error.column))
            .collect(),
        other => panic!("expected refused rows, got {other:?}"),
    }
}

/// The sample Caf (1 row) and partners (2 rows), which the other samples refer to.
async fn reference_data(app: &crate::helpers::TestApp) {
    let cafs = imports::cafs::import(&app.db, &sample("cafs.csv")[..], &Silent).await;
    assert_eq!(cafs.expect("cafs").rows, 1);
    let partners = imports::partners::import(
        &app.db,
        &sample("partners.csv")[..],
        &Silent,
        app.clock.now(),
    )
    .await;
    assert_eq!(partners.expect("partners").rows, 2);
}

#[tokio::test]
async fn r_ops_1_the_sample_files_import_in_order_and_twice_is_refused() {
    let app = spawn_app().await;
    let db = &app.db;
    let now = app.clock.now();
    reference_data(&app).await;
    assert_eq!(
        imports::tenants::import(db, &sample("tenants.csv")[..], &Silent)
            .await
            .expect("tenants")
            .rows,
        3
    );
    assert_eq!(
        imports::payments::import(db, &sample("payments.csv")[..], &Silent)
            .await
            .expect("payments")
            .rows,
        3
    );

    let caf = caf_office::Entity::find()
        .filter(caf_office::Column::Number.eq("131"))
        .one(db)
        .await
        .expect("query")
        .expect("the imported Caf");
    let sci = partner::Entity::find()
        .filter(partner::Column::Siret.eq("55512345400012"))
        .one(db)
        .await
        .expect("query")
        .expect("the imported partner");
    assert_eq!(
        (sci.caf_id, sci.city.as_str(), sci.direct_payment),
        (caf.id, "MARSEILLE", true)
    );
    let ines = tenant::Entity::find()
        .filter(tenant::Column::BeneficiaryNumber.eq("7001001"))
        .one(db)
        .await
        .expect("query")
        .expect("the imported tenant");
    let her_lease = lease::Entity::find()
        .filter(lease::Column::TenantId.eq(ines.id))
        .one(db)
        .await
        .expect("query")
        .expect("her lease");
    assert_eq!(
        (
            her_lease.partner_id,
            her_lease.rent_cents,
            her_lease.last_aid_cents
        ),
        (sci.id, 61_000, Some(18_250))
    );
    let paid = aid_payment::Entity::find()
        .filter(aid_payment::Column::LeaseId.eq(her_lease.id))
        .count(db)
        .await
        .expect("count");
    assert_eq!(paid, 2);

    let again = imports::payments::import(db, &sample("payments.csv")[..], &Silent)
        .await
        .expect_err("refused");
    assert_eq!(
        lines_and_columns(again),
        [
            (2, "mois".to_owned()),
            (3, "mois".to_owned()),
            (4, "mois".to_owned())
        ]
    );
    let again = imports::partners::import(db, &sample("partners.csv")[..], &Silent, now)
        .await
        .expect_err("refused");
    assert_eq!(
        lines_and_columns(again),
        [(2, "siret".to_owned()), (3, "siret".to_owned())]
    );
}

#[tokio::test]
async fn r_ops_1_a_csv_with_a_bad_row_imports_nothing_and_names_the_line() {
    let app = spawn_app().await;
    let db = &app.db;
    let before = tenant::Entity::find().count(db).await.expect("count");
    let leases_before = lease::Entity::find().count(db).await.expect("count");
    let flh = partner::Entity::find()
        .filter(partner::Column::Name.eq("Foncière Loire Habitat"))
        .one(db)
        .await
        .expect("query")
        .expect("FLH");
    let siret = flh.siret.expect("a SIRET");
    let csv = format!(
        "bailleur,numero_allocataire,prenom,nom,adresse_1,code_postal,ville,surface_m2,meuble,decent,debut_bail,loyer,charges,colocataires,tiers_payant\n\
         {siret},8000001,Ana,Lopez,1 rue A,44000,Nantes,30,non,oui,2025-01-01,500,40,1,oui\n\
         {siret},8000002,Ben,Roux,2 rue B,4400,Nantes,30,non,oui,2025-01-01,500,40,1,oui\n\
         00000000000000,8000003,Cid,Noir,3 rue C,44000,Nantes,30,peut-être,oui,2025-13-01,500,40,1,oui\n\
         {siret},8000001,Ana,Lopez,1 rue A,44000,Nantes,30,non,oui,2025-01-01,500,40,1,oui\n"
    );
    let error = imports::tenants::import(db, csv.as_bytes(), &Silent)
        .await
        .expect_err("refused");
    assert_eq!(
        lines_and_columns(error),
        [
            (3, "code_postal".to_owned()),
            (4, "bailleur".to_owned()),
            (4, "meuble".to_owned()),
            (4, "debut_bail".to_owned()),
            (5, "numero_allocataire".to_owned()),
        ]
    );
    assert_eq!(
        tenant::Entity::find().count(db).await.expect("count"),
        before
    );
    assert_eq!(
        lease::Entity::find().count(db).await.expect("count"),
        leases_before
    );
}

#[tokio::test]
async fn r_ops_1_imported_accounts_get_provisional_credentials_by_mail_or_by_post() {
    let app = spawn_app().await;
    let db = &app.db;
    let now = app.clock.now();
    reference_data(&app).await;
    let letters_before = postal_letter::Entity::find()
        .count(db)
        .await
        .expect("count");
    let (imported, mails) = imports::accounts::import(
        db,
        &app.auth.passwords,
        &sample("accounts.csv")[..],
        &Silent,
        now,
    )
    .await
    .expect("accounts");
    assert_eq!(imported.rows, 3);
    assert_eq!(
        mails.len(),
        4,
        "identifier and password, in two mails, for each of the two emails"
    );
    assert_eq!(
        postal_letter::Entity::find()
            .count(db)
            .await
            .expect("count"),
        letters_before + 1
    );
    let password_mail = mails
        .iter()
        .find(|mail| {
            mail.to.as_str() == "camille.durand@calanques.example"
                && mail.text.contains("Voici le mot de passe provisoire")
        })
        .expect("the password mail");
    // The password stands alone on its line, after the sentence that announces it.
    let password = password_mail
        .text
        .lines()
        .skip_while(|line| !line.contains("Voici le mot de passe provisoire"))
        .skip(1)
        .map(str::trim)
        .find(|line| !line.is_empty())
        .expect("the provisional password")
        .to_owned();
    let camille = account::Entity::find()
        .filter(account::Column::FirstName.eq("Camille"))
        .one(db)
        .await
        .expect("query")
        .expect("Camille's account");
    assert_eq!(
        (camille.role, camille.status),
        (
            bailleur_api_types::AccountRole::Administrator,
            bailleur_api_types::UserStatus::PendingFirstConnection
        )
    );
    let response = app.sign_in(&camille.identifier, &password).await;
    assert_eq!(
        response.status(),
        reqwest::StatusCode::OK,
        "the provisional password signs in"
    );

    let again = imports::accounts::import(
        db,
        &app.auth.passwords,
        &sample("accounts.csv")[..],
        &Silent,
        now,
    )
    .await
    .expect_err("refused");
    assert_eq!(
        lines_and_columns(again),
        [(2, "email".to_owned()), (3, "email".to_owned())],
        "the emails are taken now"
    );
}

#[tokio::test]
async fn r_space_1_a_tenant_the_agency_provisions_appears_in_the_landlords_space() {
    let app = spawn_app().await;
    let tokens = app.signed_in("FLH0000001", "admin@flh.example").await;
    let siret = app.flh_siret().await;
    let csv = format!(
        "bailleur;numero_allocataire;prenom;nom;adresse_1;code_postal;ville;surface_m2;meuble;decent;debut_bail;loyer;charges;colocataires;tiers_payant\n\
         {siret};9000001;Maëlle;Kerouac;5 rue Kervégan;44000;Nantes;35;non;oui;2026-01-01;480,00;40,00;1;oui\n"
    );
    imports::tenants::import(&app.db, csv.as_bytes(), &Silent)
        .await
        .expect("import");
    let page = app.tenants(&tokens, "q=9000001").await;
    assert_eq!(page.total, 1, "no action from the landlord");
    assert_eq!(page.items[0].last_name, "Kerouac");
}
