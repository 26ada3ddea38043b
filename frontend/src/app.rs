use crate::components::{Footer, Header};
use crate::pages::{CafPage, ConnectionHelp, NotFound, SignIn};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <a class="skip-link" href="#contenu">"Aller au contenu"</a>
            <Header/>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=|| view! { <Redirect path="/connexion"/> }/>
                <Route path=path!("/connexion") view=SignIn/>
                <Route path=path!("/probleme-de-connexion") view=ConnectionHelp/>
                <Route path=path!("/caf/:number") view=CafPage/>
            </Routes>
            <Footer/>
        </Router>
    }
}
