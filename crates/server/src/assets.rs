//! The built web app: files as they are (`.wasm` as `application/wasm`), and `index.html` for
//! the app's own routes so that a reload on `/connexion` works.
use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::{HttpResponse, web};
use std::path::Path;

pub fn spa(config: &mut web::ServiceConfig, dir: &Path) {
    let index = dir.join("index.html");
    if !index.is_file() {
        tracing::warn!(dir = %dir.display(), "web app not built: run `make frontend`");
        config.default_service(web::to(|| async {
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain; charset=utf-8")
                .body("L'application web n'est pas construite : lancez `make frontend`.")
        }));
        return;
    }
    config.service(
        Files::new("/", dir)
            .index_file("index.html")
            .default_handler(fn_service(move |request: ServiceRequest| {
                let index = index.clone();
                async move {
                    let (request, _) = request.into_parts();
                    let response = NamedFile::open_async(&index).await?.into_response(&request);
                    Ok(ServiceResponse::new(request, response))
                }
            })),
    );
}
