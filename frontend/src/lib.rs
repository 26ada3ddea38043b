//! The Espace Bailleur web app: Leptos, client-side rendered, in French. Every piece of data
//! comes from the REST API through `api`.

mod api;
mod app;
mod components;
mod form;
mod pages;
mod session;

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
