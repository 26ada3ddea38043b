//! One file per endpoint, grouped by area.
pub mod cafs;
pub mod extractor_errors;
pub mod health;

use actix_web::web;

/// The `/api/v1` resources.
pub fn api(config: &mut web::ServiceConfig) {
    config
        .service(cafs::get_caf::handler)
        .service(cafs::list_notices::handler);
}
