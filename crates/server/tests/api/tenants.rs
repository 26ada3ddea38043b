//! R-SPACE-3, R-SPACE-4: the landlord's tenants; another landlord's tenants do not exist for it.
use crate::helpers::spawn_app;
use crate::switching::group_session;
use bailleur_api_types::tenants::TenantDetail;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn r_space_4_the_seeds_tenant_of_coueron_as_the_agency_shows_it() {
    let app = spawn_app().await;
    let tokens = group_session(&app, "A6D5AZT301").await;
    let page = app.tenants(&tokens, "q=1593739").await;
    assert_eq!(page.total, 1);
    let id = page.items[0].id;
    let tenant: TenantDetail = app
        .call(
            Method::GET,
            &format!("/api/v1/tenants/{id}"),
            &tokens,
            json!(null),
        )
        .await
        .json()
        .await
        .expect("tenant");
    assert_eq!(tenant.beneficiary_number, "1593739");
    assert_eq!(tenant.address_line1, "PREMIER ETAGE BATIMENT C");
    assert_eq!(
        (tenant.postal_code.as_str(), tenant.city.as_str()),
        ("44220", "COUERON")
    );
    assert_eq!(tenant.rent_cents, 52_500);
    assert_eq!(tenant.last_aid_cents, Some(11_100));
    assert_eq!(tenant.since.to_string(), "2021-10-24");
    assert!(!tenant.furnished && tenant.decent);
    assert_eq!(tenant.surface_m2, 43);
}

#[tokio::test]
async fn r_space_3_search_sort_and_pages() {
    let app = spawn_app().await;
    let tokens = group_session(&app, "A6D5AZT301").await;
    let all = app.tenants(&tokens, "").await;
    assert!(all.total >= 1);
    let names: Vec<&str> = all.items.iter().map(|t| t.last_name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    let by_city = app.tenants(&tokens, "q=couer").await;
    assert!(
        by_city
            .items
            .iter()
            .any(|t| t.beneficiary_number == "1593739")
    );
    let none = app.tenants(&tokens, "q=%25").await;
    assert_eq!(none.total, 0);
}

#[tokio::test]
async fn r_space_3_tenants_of_another_landlord_are_not_found() {
    let app = spawn_app().await;
    let owner = group_session(&app, "A6D5AZT301").await;
    let page = app.tenants(&owner, "q=1593739").await;
    let id = page.items[0].id;
    let other = app.signed_in("FLH0000001", "admin@flh.example").await;
    let response = app
        .call(
            Method::GET,
            &format!("/api/v1/tenants/{id}"),
            &other,
            json!(null),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let listed = app.tenants(&other, "q=1593739").await;
    assert_eq!(listed.total, 0);
    let anonymous = app
        .http
        .get(app.url(&format!("/api/v1/tenants/{id}")))
        .send()
        .await
        .expect("get");
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

/// A page that is not full gives the total by itself; a full one, or one past the end, counts.
#[tokio::test]
async fn r_space_3_every_page_tells_the_same_total() {
    use bailleur_core::imports::{self, Silent};
    let app = spawn_app().await;
    let tokens = app.signed_in("FLH0000001", "admin@flh.example").await;
    let page = |n: u64| {
        let (app, tokens) = (&app, &tokens);
        async move {
            let page = app.tenants(tokens, &format!("page={n}")).await;
            (page.items.len(), page.total)
        }
    };
    let (shown, before) = page(1).await;
    assert_eq!(u64::try_from(shown).ok(), Some(before));
    let siret = app.flh_siret().await;
    let mut csv = "bailleur,numero_allocataire,prenom,nom,adresse_1,code_postal,ville,surface_m2,\
                   meuble,decent,debut_bail,loyer,charges,colocataires,tiers_payant\n"
        .to_owned();
    for n in 0..30 {
        csv += &format!(
            "{siret},81{n:05},Ana,Zola{n:02},1 rue A,44000,Nantes,30,non,oui,2025-01-01,500,40,1,oui\n"
        );
    }
    imports::tenants::import(&app.db, csv.as_bytes(), &Silent)
        .await
        .expect("import");
    let total = before + 30;
    let pages = total.div_ceil(20);
    let on_last = usize::try_from(total - (pages - 1) * 20).expect("small");
    assert_eq!(page(1).await, (20, total));
    assert_eq!(page(pages).await, (on_last, total));
    assert_eq!(page(pages + 1).await, (0, total));
}
