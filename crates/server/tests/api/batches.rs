//! R-API-2: batches of declarations, all or nothing, and the change feed.
use crate::declaring::day;
use crate::helpers::{TestApp, spawn_app};
use bailleur_api_types::TenantId;
use bailleur_api_types::auth::SessionTokens;
use bailleur_api_types::batches::{Batch, ChangePage};
use bailleur_core::Clock;
use bailleur_core::imports::{self, Silent};
use reqwest::{Method, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

impl TestApp {
    /// `count` more tenants of FLH, provisioned as the agency does; their ids.
    pub async fn flh_tenants(&self, first: u32, count: u32) -> Vec<TenantId> {
        let siret = self.flh_siret().await;
        let mut csv = String::from(
            "bailleur;numero_allocataire;prenom;nom;adresse_1;code_postal;ville;surface_m2;meuble;decent;debut_bail;loyer;charges;colocataires;tiers_payant\n",
        );
        let numbers: Vec<String> = (first..first + count).map(|n| format!("{n:07}")).collect();
        for number in &numbers {
            csv.push_str(&format!(
                "{siret};{number};Lou;Batch{number};5 rue Kervégan;44000;Nantes;35;non;oui;2025-01-01;480,00;40,00;1;oui\n"
            ));
        }
        imports::tenants::import(&self.db, csv.as_bytes(), &Silent)
            .await
            .expect("import");
        bailleur_entity::tenant::Entity::find()
            .filter(bailleur_entity::tenant::Column::BeneficiaryNumber.is_in(numbers))
            .all(&self.db)
            .await
            .expect("tenants")
            .into_iter()
            .map(|tenant| tenant.id)
            .collect()
    }

    pub async fn declaration_count(&self) -> u64 {
        bailleur_entity::declaration::Entity::find()
            .count(&self.db)
            .await
            .expect("count")
    }
}

pub fn moving_out_batch(app: &TestApp, tenants: &[TenantId]) -> Value {
    let date = day(app.clock.now(), 20);
    json!({"items": tenants.iter().map(|tenant| json!({
        "tenant_id": tenant,
        "declarations": [{"kind": "moving_out", "date": date}],
    })).collect::<Vec<_>>()})
}

pub async fn post_batch(
    app: &TestApp,
    tokens: &SessionTokens,
    body: &Value,
    key: Option<&str>,
) -> reqwest::Response {
    let mut request = app
        .http
        .post(app.url("/api/v1/declaration-batches"))
        .bearer_auth(&tokens.access_token)
        .json(body);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    request.send().await.expect("batch sent")
}

#[tokio::test]
async fn r_api_2_a_batch_is_all_or_nothing_and_names_the_failing_item() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let tenants = app.flh_tenants(9_100_000, 5).await;
    let before = app.declaration_count().await;
    let mut body = moving_out_batch(&app, &tenants);
    body["items"][3]["declarations"][0]["date"] = json!(day(app.clock.now(), 90));
    body["items"][4]["tenant_id"] = json!(999_999);
    let response = post_batch(&app, &admin, &body, None).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = response.json().await.unwrap();
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| error["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["items[3].declarations[0].date", "items[4].tenant_id"]
    );
    assert_eq!(app.declaration_count().await, before, "nothing recorded");

    let mut twice = moving_out_batch(&app, &tenants[..2]);
    twice["items"][1]["tenant_id"] = json!(tenants[0]);
    let response = post_batch(&app, &admin, &twice, None).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.declaration_count().await, before);

    for empty in [
        json!({"items": []}),
        moving_out_batch(&app, &vec![tenants[0]; 1001]),
    ] {
        let response = post_batch(&app, &admin, &empty, None).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
}

#[tokio::test]
async fn r_api_2_a_batch_is_recorded_whole_and_read_again_by_id() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let issued = app
        .api_client(&admin, &["declarations:write", "declarations:read"])
        .await;
    let token = app.client_token(&issued).await;
    let tenants = app.flh_tenants(9_200_000, 3).await;
    let response = post_batch(&app, &token, &moving_out_batch(&app, &tenants), None).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let batch: Batch = response.json().await.unwrap();
    assert_eq!(batch.items.len(), 3);
    for (item, tenant) in batch.items.iter().zip(&tenants) {
        assert_eq!(item.items.len(), 1);
        assert_eq!(item.items[0].tenant_id, *tenant);
        assert!(item.items[0].reference.starts_with("DB"));
    }
    let again: Batch = app
        .call(
            Method::GET,
            &format!("/api/v1/declaration-batches/{}", batch.id),
            &token,
            json!(null),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again, batch);
    // Recorded under the client and its creator.
    let rows = bailleur_entity::declaration::Entity::find()
        .filter(bailleur_entity::declaration::Column::BatchId.eq(batch.id))
        .all(&app.db)
        .await
        .unwrap();
    assert!(
        rows.iter()
            .all(|row| row.api_client_id == Some(issued.client.id))
    );
    // Another partner sees no such batch.
    let other = app
        .signed_in("JMARTIN044", "jeanne.martin@perso.example")
        .await;
    let hidden = app
        .call(
            Method::GET,
            &format!("/api/v1/declaration-batches/{}", batch.id),
            &other,
            json!(null),
        )
        .await;
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
}

async fn feed(
    app: &TestApp,
    tokens: &SessionTokens,
    after: Option<&str>,
    limit: u32,
) -> ChangePage {
    let mut path = format!("/api/v1/declarations/changes?limit={limit}");
    if let Some(after) = after {
        path.push_str(&format!("&after={after}"));
    }
    let response = app.call(Method::GET, &path, tokens, json!(null)).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

#[tokio::test]
async fn r_api_2_the_change_feed_gives_every_change_once_in_order() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let issued = app
        .api_client(&admin, &["declarations:read", "declarations:write"])
        .await;
    let token = app.client_token(&issued).await;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = feed(&app, &token, cursor.as_deref(), 7).await;
        cursor = Some(page.next_cursor.clone());
        if page.items.is_empty() {
            break;
        }
        seen.extend(page.items);
    }
    let tenants = app.flh_tenants(9_300_000, 4).await;
    let response = post_batch(&app, &token, &moving_out_batch(&app, &tenants), None).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let page = feed(&app, &token, cursor.as_deref(), 500).await;
    assert_eq!(page.items.len(), 4, "exactly the new changes");
    assert!(
        page.items
            .iter()
            .all(|change| tenants.contains(&change.tenant_id))
    );
    let empty = feed(&app, &token, Some(&page.next_cursor), 500).await;
    assert!(empty.items.is_empty());
    assert_eq!(empty.next_cursor, page.next_cursor);
    // Only this partner's changes, none twice.
    let mut ids: Vec<_> = seen
        .iter()
        .map(|change| (change.declaration_id, change.status))
        .collect();
    let count = ids.len();
    ids.sort_by_key(|(id, status)| (*id, *status as u8));
    ids.dedup();
    assert_eq!(ids.len(), count);
    for bad in ["after=forged", "limit=0", "limit=501"] {
        let response = app
            .call(
                Method::GET,
                &format!("/api/v1/declarations/changes?{bad}"),
                &token,
                json!(null),
            )
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
}

/// On PostgreSQL a transaction that started first may commit last: the feed holds back what
/// followed it until it commits, so a cursor never passes over its change.
#[tokio::test]
async fn r_api_2_the_change_feed_skips_nothing_when_commits_interleave() {
    use sea_orm::{ConnectionTrait, DbBackend, TransactionTrait};
    let app = spawn_app().await;
    if app.db.get_database_backend() != DbBackend::Postgres {
        // SQLite has one writer: commits cannot interleave there.
        return;
    }
    let admin = app.admin().await;
    let tenants = app.flh_tenants(9_400_000, 2).await;
    let first = post_batch(&app, &admin, &moving_out_batch(&app, &tenants[..1]), None).await;
    let first: Batch = first.json().await.unwrap();
    let mut cursor = None;
    loop {
        let page = feed(&app, &admin, cursor.as_deref(), 500).await;
        cursor = Some(page.next_cursor);
        if page.items.is_empty() {
            break;
        }
    }
    // An older transaction writes a change and stays open…
    let slow = app.db.begin().await.unwrap();
    let declaration = first.items[0].items[0].id;
    slow.execute_unprepared(&format!(
        "INSERT INTO declaration_status_change (declaration_id, status, at) VALUES ({}, 'in_progress', now())",
        declaration.0
    ))
    .await
    .unwrap();
    // …while a younger one commits.
    let response = post_batch(&app, &admin, &moving_out_batch(&app, &tenants[1..]), None).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let held = feed(&app, &admin, cursor.as_deref(), 500).await;
    assert!(
        held.items.is_empty(),
        "held back behind the open transaction: {held:?}"
    );
    slow.commit().await.unwrap();
    // Once every transaction older than them has ended, both come out, in order. Other tests
    // write to the same PostgreSQL cluster at the same time: their transactions hold the feed
    // back a moment too (it waits for the oldest one running), so the page is asked again
    // until it shows them.
    let started = std::time::Instant::now();
    let page = loop {
        let page = feed(&app, &admin, cursor.as_deref(), 500).await;
        if page.items.len() >= 2 || started.elapsed() > std::time::Duration::from_secs(30) {
            break page;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    assert_eq!(page.items.len(), 2, "both changes, none skipped");
    assert_eq!(page.items[0].declaration_id, declaration);
}
