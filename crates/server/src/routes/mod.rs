//! One file per endpoint, grouped by area.
pub mod auth;
pub mod body;
pub mod cafs;
pub mod declarations;
pub mod dev;
pub mod extractor_errors;
pub mod health;
pub mod idempotent;
pub mod me;
pub mod oauth;
pub mod partner;
pub mod payments;
pub mod session;
pub mod tenants;

use actix_web::web;

/// The `/api/v1` resources.
pub fn api(config: &mut web::ServiceConfig) {
    config
        .service(cafs::get_caf::handler)
        .service(cafs::list_notices::handler)
        .service(cafs::get_delays::handler)
        .service(auth::sign_in::handler)
        .service(auth::captcha::handler)
        .service(auth::recovery::handler)
        .service(auth::get_flow::handler)
        .service(auth::confirm_email::handler)
        .service(auth::submit_code::handler)
        .service(auth::resend_code::handler)
        .service(auth::set_password::handler)
        .service(auth::accept_terms::handler)
        .service(auth::list_flow_accounts::handler)
        .service(auth::select_account::handler)
        .service(auth::refresh::handler)
        .service(auth::sign_out::handler)
        .service(session::get_session::handler)
        .service(session::list_accounts::handler)
        .service(session::switch_account::handler)
        .service(me::get_me::handler)
        .service(me::update_me::handler)
        .service(me::change_email::handler)
        .service(me::change_password::handler)
        .service(me::linked_accounts::handler)
        .service(partner::get_partner::handler)
        .service(partner::update_partner::handler)
        .service(partner::change_bank_details::handler)
        .service(partner::list_users::handler)
        .service(partner::create_user::handler)
        .service(partner::update_user::handler)
        .service(partner::list_api_clients::handler)
        .service(partner::create_api_client::handler)
        .service(partner::rotate_api_client_secret::handler)
        .service(partner::revoke_api_client::handler)
        .service(oauth::token::handler)
        .service(tenants::list_tenants::handler)
        .service(tenants::get_tenant::handler)
        .service(declarations::submit_declarations::handler)
        .service(declarations::list_declarations::handler)
        // Before `/declarations/{id}`, which would read `changes` as an id.
        .service(declarations::list_changes::handler)
        .service(declarations::get_declaration::handler)
        .service(declarations::submit_batch::handler)
        .service(declarations::get_batch::handler)
        .service(payments::list_payments::handler)
        .service(dev::outbox::handler);
}
