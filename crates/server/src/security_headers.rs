//! The headers every response carries (R-SEC-1): a strict Content-Security-Policy (the web app
//! needs `'wasm-unsafe-eval'` to compile its WebAssembly, nothing more; Swagger UI styles its
//! elements inline), no MIME sniffing, no framing, no referrer to other sites, and HSTS when the
//! service is reached over TLS (`BAILLEUR_HSTS`, set behind the TLS-terminating proxy).
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;

pub const APP_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
    object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
pub const SWAGGER_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
    object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const HSTS: &str = "max-age=31536000; includeSubDomains";

pub async fn add(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let swagger = request.path().starts_with("/swagger-ui");
    let hsts = request
        .app_data::<actix_web::web::Data<crate::state::AppState>>()
        .is_some_and(|state| state.hsts);
    let mut response = next.call(request).await?;
    let headers = response.headers_mut();
    let policy = if swagger { SWAGGER_POLICY } else { APP_POLICY };
    let mut set = |name: &'static str, value: &'static str| {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    };
    set("content-security-policy", policy);
    set("x-content-type-options", "nosniff");
    set("x-frame-options", "DENY");
    set("referrer-policy", "strict-origin-when-cross-origin");
    set("cross-origin-opener-policy", "same-origin");
    if hsts {
        set("strict-transport-security", HSTS);
    }
    Ok(response)
}
