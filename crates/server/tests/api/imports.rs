//! R-OPS-1: the operator's CSV imports, with the sample files of docs/samples.
use crate::helpers::spawn_app;
use bailleur_core::Clock;
use bailleur_core::imports::{self, ImportError, Silent};
use bailleur_entity::{aid_payment, caf_office, lease, partner, tenant};
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

#[tokio::test]
async fn r_ops_1_the_sample_files_import_in_order_and_twice_is_refused() {
    let app = spawn_app().await;
    let db = &app.db;
    let now = app.clock.now();
    assert_eq!(
        imports::cafs::import(db, &sample("cafs.csv")[..], &Silent)
            .await
            .expect("cafs")
            .rows,
        1
    );
    assert_eq!(
        imports::partners::import(db, &sample("partners.csv")[..], &Silent, now)
            .await
            .expect("partners")
            .rows,
        2
    );
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
