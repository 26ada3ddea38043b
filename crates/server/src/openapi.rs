//! The OpenAPI 3.1 contract, generated from the handlers (R-API-1); `openapi/openapi.json` is
//! this document, checked by a drift test.
use crate::routes;
use bailleur_api_types::software::Scope;
use utoipa::OpenApi;
use utoipa::openapi::security::{ClientCredentials, Flow, OAuth2, Scopes};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Espace Bailleur API",
        description = "REST API of the landlord portal of the Caf: the web app uses exactly this API; \
third-party software uses it with a client-credentials token (`oauth2`), see docs/api.md. \
Errors are RFC 9457 `application/problem+json` (the token endpoint's are RFC 6749's), whose \
`type` is one of:\n\n\
| type | status | meaning |\n|---|---|---|\n\
| `/problems/validation` | 422 | fields refused, each named in `errors` (`items[3].declarations[0].date`) |\n\
| `/problems/not-found` | 404 | no such resource for this landlord |\n\
| `/problems/unauthenticated` | 401 | no valid session or token |\n\
| `/problems/invalid-credentials` | 401 | wrong login or password (one answer for all) |\n\
| `/problems/forbidden` | 403 | signed in, not allowed (an administrator's action) |\n\
| `/problems/person-only` | 403 | software called an operation for persons only |\n\
| `/problems/insufficient-scope` | 403 | the token lacks the scope (`WWW-Authenticate` names it) |\n\
| `/problems/method-not-allowed` | 405 | the path exists, not with this method (`Allow`) |\n\
| `/problems/idempotency-key-in-flight` | 409 | a request with this `Idempotency-Key` is running |\n\
| `/problems/idempotency-key-reused` | 422 | this `Idempotency-Key` served another request |\n\
| `/problems/wrong-step` | 409 | a sign-in flow step out of order |\n\
| `/problems/email-taken-meanwhile`, `/problems/no-email`, `/problems/physical-partner`, `/problems/self-disable` | 409 | the state forbids it (see the operation) |\n\
| `/problems/too-many-sign-in-failures`, `/problems/too-many-codes`, `/problems/rate-limited` | 429 | wait `Retry-After` seconds |\n\
| `/problems/overloaded`, `/problems/unavailable` | 503 | retry after `Retry-After` (same `Idempotency-Key`) |\n\
| `/problems/internal` | 500 | unexpected; nothing internal is shown |",
        license(name = "MIT OR Apache-2.0"),
    ),
    paths(
        routes::health::healthz::handler,
        routes::health::readyz::handler,
        routes::cafs::get_caf::handler,
        routes::cafs::list_notices::handler,
        routes::cafs::get_delays::handler,
        routes::auth::sign_in::handler,
        routes::auth::captcha::handler,
        routes::auth::recovery::handler,
        routes::auth::get_flow::handler,
        routes::auth::confirm_email::handler,
        routes::auth::submit_code::handler,
        routes::auth::resend_code::handler,
        routes::auth::set_password::handler,
        routes::auth::accept_terms::handler,
        routes::auth::list_flow_accounts::handler,
        routes::auth::select_account::handler,
        routes::auth::refresh::handler,
        routes::auth::sign_out::handler,
        routes::session::get_session::handler,
        routes::session::list_accounts::handler,
        routes::session::switch_account::handler,
        routes::me::get_me::handler,
        routes::me::update_me::handler,
        routes::me::change_email::handler,
        routes::me::change_password::handler,
        routes::me::linked_accounts::handler,
        routes::partner::get_partner::handler,
        routes::partner::update_partner::handler,
        routes::partner::change_bank_details::handler,
        routes::partner::list_users::handler,
        routes::partner::create_user::handler,
        routes::partner::update_user::handler,
        routes::partner::list_api_clients::handler,
        routes::partner::create_api_client::handler,
        routes::partner::rotate_api_client_secret::handler,
        routes::partner::revoke_api_client::handler,
        routes::oauth::token::handler,
        routes::tenants::list_tenants::handler,
        routes::tenants::get_tenant::handler,
        routes::declarations::submit_declarations::handler,
        routes::declarations::list_declarations::handler,
        routes::declarations::get_declaration::handler,
        routes::declarations::list_changes::handler,
        routes::declarations::submit_batch::handler,
        routes::declarations::get_batch::handler,
        routes::payments::list_payments::handler,
        routes::dev::outbox::handler,
    ),
    modifiers(&BearerScheme),
    tags(
        (name = "auth", description = "Signing in step by step, refreshing and ending sessions"),
        (name = "session", description = "The signed-in account"),
        (name = "me", description = "Mon profil: the account's own data and connection data"),
        (name = "partner", description = "The landlord (partner), its users and its API clients"),
        (name = "oauth", description = "Tokens for third-party software (OAuth 2.0 client credentials)"),
        (name = "tenants", description = "The landlord's tenants receiving housing aid"),
        (name = "declarations", description = "What the landlord declares about a tenant, with its status history"),
        (name = "payments", description = "The housing aid paid to the landlord"),
        (name = "cafs", description = "Public data of the Caf offices"),
        (name = "development", description = "Development aids (only with the file outbox)"),
        (name = "ops", description = "Probes for operators and load balancers"),
    )
)]
struct ApiDoc;

/// Access tokens: `Authorization: Bearer <JWT>` from the sign-in flow or `/auth/refresh`.
struct BearerScheme;

impl utoipa::Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("A person's session: the access token of the sign-in flow or `/auth/refresh`."))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "client_basic",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Basic)
                    .description(Some(
                        "The API client's `client_id` and `client_secret` (token endpoint only).",
                    ))
                    .build(),
            ),
        );
        let scopes = Scopes::from_iter(Scope::ALL.map(|scope| (scope.as_str(), scope.label_fr())));
        components.add_security_scheme(
            "oauth2",
            SecurityScheme::OAuth2(OAuth2::with_description(
                [Flow::ClientCredentials(ClientCredentials::new(
                    "/api/v1/oauth/token",
                    scopes,
                ))],
                "Third-party software: a token of the client-credentials grant (15 minutes), \
                 within its scopes. Endpoints without `oauth2` in their security answer 403 to it.",
            )),
        );
    }
}

/// The API paths live under `/api/v1`, the probes at the root.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut document = ApiDoc::openapi();
    let paths = std::mem::take(&mut document.paths.paths);
    for (path, item) in paths {
        let path = if path.starts_with("/healthz") || path.starts_with("/readyz") {
            path
        } else {
            format!("/api/v1{path}")
        };
        document.paths.paths.insert(path, item);
    }
    document
}

/// The document as committed in `openapi/openapi.json` (pretty, trailing newline).
pub fn document_json() -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(&document()).map(|json| json + "\n")
}
