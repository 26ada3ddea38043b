//! The contract is generated from the code; `openapi/openapi.json` must be that document
//! (R-API-1). `make openapi` (or `EXPECTORATE=overwrite cargo test`) rewrites it.
use crate::helpers::spawn_app;

#[test]
fn r_api_1_committed_contract_matches_the_code() {
    let generated = bailleur_server::openapi::document_json().expect("serialise the document");
    expectorate::assert_contents("../../openapi/openapi.json", &generated);
}

#[tokio::test]
async fn r_api_1_contract_and_swagger_ui_are_served() {
    let app = spawn_app().await;
    let served: serde_json::Value = app
        .http
        .get(app.url("/api-docs/openapi.json"))
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    let generated: serde_json::Value =
        serde_json::to_value(bailleur_server::openapi::document()).expect("serialise the document");
    assert_eq!(served, generated);
    assert_eq!(served["openapi"], "3.1.0");
    for path in [
        "/api/v1/cafs/{number}",
        "/api/v1/cafs/{number}/notices",
        "/healthz",
        "/readyz",
    ] {
        assert!(served["paths"][path].is_object(), "{path} is documented");
    }

    let ui = app
        .http
        .get(app.url("/swagger-ui/"))
        .send()
        .await
        .expect("request");
    assert_eq!(ui.status(), 200);
    assert!(ui.text().await.expect("body").contains("swagger-ui"));
    let redirect = app
        .http
        .get(app.url("/swagger-ui"))
        .send()
        .await
        .expect("request");
    assert_eq!(redirect.status(), 308);
}

#[test]
fn r_api_1_every_operation_has_a_unique_id_a_summary_and_a_tag() {
    let document = serde_json::to_value(bailleur_server::openapi::document()).expect("serialise");
    let paths = document["paths"].as_object().expect("paths");
    let mut operation_ids = std::collections::BTreeSet::new();
    for (path, item) in paths {
        for (verb, operation) in item.as_object().expect("path item") {
            let id = operation["operationId"]
                .as_str()
                .expect("an operationId")
                .to_owned();
            assert!(
                operation_ids.insert(id.clone()),
                "operationId {id} is used twice"
            );
            assert!(
                operation["summary"].is_string(),
                "{verb} {path} has a summary"
            );
            assert!(
                operation["tags"].as_array().is_some_and(|t| !t.is_empty()),
                "{verb} {path} has a tag"
            );
        }
    }
}

/// R-API-4: every operation software may call (its security names `oauth2`, or it is public and
/// under `/cafs`, or it is the token endpoint) has a method in the typed client, and the client
/// names no operation the contract lacks.
#[test]
fn r_api_4_the_client_covers_every_operation_software_may_call() {
    let document =
        serde_json::to_value(bailleur_server::openapi::document()).expect("serialise the document");
    let mut callable = Vec::new();
    let mut all = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for operation in item.as_object().unwrap().values() {
            let Some(id) = operation["operationId"].as_str() else {
                continue;
            };
            all.push(id.to_owned());
            let software = operation["security"]
                .as_array()
                .is_some_and(|schemes| schemes.iter().any(|scheme| scheme.get("oauth2").is_some()));
            let public_caf =
                path.starts_with("/api/v1/cafs/") && operation.get("security").is_none();
            if software || public_caf || id == "oauth_token" {
                callable.push(id.to_owned());
            }
        }
    }
    let missing: Vec<_> = callable
        .iter()
        .filter(|id| !bailleur_client::OPERATIONS.contains(&id.as_str()))
        .collect();
    assert!(missing.is_empty(), "no client method for {missing:?}");
    let unknown: Vec<_> = bailleur_client::OPERATIONS
        .iter()
        .filter(|id| !all.iter().any(|known| known == *id))
        .collect();
    assert!(unknown.is_empty(), "the client names {unknown:?}");
    assert!(callable.len() >= 14, "{callable:?}");
}

/// R-API-1: a path of the contract asked with a method it does not answer is 405 with `Allow`.
#[tokio::test]
async fn r_api_1_an_undeclared_method_is_405_with_allow() {
    let app = spawn_app().await;
    for (method, path, allow) in [
        (reqwest::Method::DELETE, "/api/v1/tenants", "GET"),
        (reqwest::Method::PUT, "/api/v1/declarations/changes", "GET"),
        (reqwest::Method::PATCH, "/api/v1/declarations", "GET, POST"),
        (reqwest::Method::GET, "/api/v1/oauth/token", "POST"),
        (
            reqwest::Method::POST,
            "/api/v1/partner/api-clients/7",
            "DELETE",
        ),
    ] {
        let response = app
            .http
            .request(method.clone(), app.url(path))
            .send()
            .await
            .expect("answered");
        assert_eq!(
            response.status(),
            reqwest::StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        assert_eq!(response.headers()["Allow"], allow, "{method} {path}");
    }
    let unknown = app
        .http
        .get(app.url("/api/v1/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), reqwest::StatusCode::NOT_FOUND);
}
