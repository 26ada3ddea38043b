//! The web app's files: served as they are, with `index.html` for the app's own routes.
use crate::helpers::spawn_app;

#[tokio::test]
async fn app_routes_fall_back_to_index_html() {
    let app = spawn_app().await;
    for path in ["/", "/connexion", "/caf/441"] {
        let response = app.http.get(app.url(path)).send().await.expect("request");
        assert_eq!(response.status(), 200, "{path}");
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap_or_default()
                .starts_with("text/html")
        );
        assert!(
            response
                .text()
                .await
                .expect("body")
                .contains("Espace Bailleur"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn wasm_is_served_as_application_wasm_and_compressed() {
    let app = spawn_app().await;
    let response = app
        .http
        .get(app.url("/app_bg.wasm"))
        .header("accept-encoding", "br")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/wasm");
    assert_eq!(response.headers()["content-encoding"], "br");
}
