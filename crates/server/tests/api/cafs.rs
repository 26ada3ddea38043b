use crate::helpers::spawn_app;
use bailleur_api_types::CafNumber;
use bailleur_client::ClientError;
use bailleur_core::Clock;
use bailleur_entity::{caf_notice, caf_office};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use time::Duration;

fn caf(number: &str) -> CafNumber {
    CafNumber::parse(number).expect("valid Caf number")
}

#[tokio::test]
async fn r_space_2_caf_contact_addresses() {
    let app = spawn_app().await;
    let office = app.client.caf(&caf("441")).await.expect("Caf 441");
    assert_eq!(
        office.name,
        "Caisse d'allocations familiales de Loire-Atlantique"
    );
    assert_eq!(office.department_name, "Loire-Atlantique");
    let values: Vec<_> = office.contacts.iter().map(|c| c.value.as_str()).collect();
    assert!(
        values.contains(&"bailleurs@caf44.caf.example"),
        "{values:?}"
    );
    assert_eq!(office.contacts.len(), 3);
}

#[tokio::test]
async fn r_space_2_notices_shown_only_while_current() {
    let app = spawn_app().await;
    let office = caf_office::Entity::find()
        .filter(caf_office::Column::Number.eq("441"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("Caf 441");
    let now = app.clock.now();
    for (title, published, expires) in [
        (
            "Fermeture exceptionnelle",
            now - Duration::days(1),
            Some(now + Duration::days(2)),
        ),
        ("Annonce à venir", now + Duration::days(5), None),
    ] {
        caf_notice::ActiveModel {
            caf_id: Set(office.id),
            title: Set(title.to_owned()),
            body: Set("…".to_owned()),
            published_at: Set(published),
            expires_at: Set(expires),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .expect("insert notice");
    }
    let titles = |list: bailleur_api_types::caf::NoticeList| -> Vec<String> {
        list.items.into_iter().map(|n| n.title).collect()
    };
    let today = titles(app.client.caf_notices(&caf("441")).await.expect("notices"));
    assert_eq!(
        today,
        vec![
            "Fermeture exceptionnelle".to_owned(),
            format!("Déclarations de loyer {}", now.year())
        ]
    );

    app.clock.advance(Duration::days(6));
    let later = titles(app.client.caf_notices(&caf("441")).await.expect("notices"));
    assert_eq!(later[0], "Annonce à venir");
    assert!(
        !later.contains(&"Fermeture exceptionnelle".to_owned()),
        "{later:?}"
    );
}

#[tokio::test]
async fn r_api_3_unknown_caf_is_a_problem_404() {
    let app = spawn_app().await;
    match app.client.caf(&caf("999")).await {
        Err(ClientError::Problem(problem)) => {
            assert_eq!(problem.status, 404);
            assert_eq!(problem.kind, "/problems/not-found");
            assert_eq!(
                problem.detail.as_deref(),
                Some("Aucune Caf ne porte ce numéro.")
            );
        }
        other => panic!("expected a problem, got {other:?}"),
    }
}

#[tokio::test]
async fn r_api_3_malformed_caf_number_names_the_field() {
    let app = spawn_app().await;
    let response = app
        .http
        .get(app.url("/api/v1/cafs/44-1x/notices"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 422);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let problem: bailleur_api_types::Problem = response.json().await.expect("problem body");
    assert_eq!(problem.errors.len(), 1);
    assert_eq!(problem.errors[0].field, "number");
    assert_eq!(problem.errors[0].code, "length");
}

#[tokio::test]
async fn r_api_3_unknown_api_path_is_a_problem_not_the_app() {
    let app = spawn_app().await;
    let response = app
        .http
        .get(app.url("/api/v1/nothing-here"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 404);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
}
