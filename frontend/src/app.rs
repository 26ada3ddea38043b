use crate::components::{Footer, Header};
use crate::pages::{
    AcceptTerms, ApiClients, CafPage, ConfirmEmail, ConnectionHelp, DeclarationReceipt,
    Declarations, DevMailbox, EnterCode, ForgottenPassword, Home, NewPassword, NotFound,
    PartnerPage, Payments, Profile, SelectAccount, SignIn, SwitchAccount, Tenant, Tenants, Users,
};
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    Session::provide();
    view! {
        <Router>
            <a class="skip-link" href="#contenu">"Aller au contenu"</a>
            <Header/>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=|| view! { <Redirect path="/connexion"/> }/>
                <Route path=path!("/connexion") view=SignIn/>
                <Route path=path!("/connexion/adresse-mail/:flow") view=ConfirmEmail/>
                <Route path=path!("/connexion/code/:flow") view=EnterCode/>
                <Route path=path!("/connexion/mot-de-passe/:flow") view=NewPassword/>
                <Route path=path!("/connexion/conditions/:flow") view=AcceptTerms/>
                <Route path=path!("/connexion/selection-de-comptes/:flow") view=SelectAccount/>
                <Route path=path!("/accueil") view=Home/>
                <Route path=path!("/selection-de-comptes") view=SwitchAccount/>
                <Route path=path!("/profil") view=Profile/>
                <Route path=path!("/bailleur") view=PartnerPage/>
                <Route path=path!("/paiements") view=Payments/>
                <Route path=path!("/utilisateurs") view=Users/>
                <Route path=path!("/logiciels") view=ApiClients/>
                <Route path=path!("/locataires") view=Tenants/>
                <Route path=path!("/locataires/:id") view=Tenant/>
                <Route path=path!("/declarations") view=Declarations/>
                <Route path=path!("/declarations/:id") view=DeclarationReceipt/>
                <Route path=path!("/boite-mail") view=DevMailbox/>
                <Route path=path!("/mot-de-passe-oublie") view=ForgottenPassword/>
                <Route path=path!("/probleme-de-connexion") view=ConnectionHelp/>
                <Route path=path!("/caf/:number") view=CafPage/>
            </Routes>
            <Footer/>
        </Router>
    }
}
