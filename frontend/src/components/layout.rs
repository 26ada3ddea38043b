use crate::session::Session;
use bailleur_api_types::AccountRole;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

#[component]
pub fn Header() -> impl IntoView {
    let session = Session::get();
    let navigate = use_navigate();
    let sign_out = Action::new_local(move |_: &()| {
        let api = session.api.get_untracked();
        async move {
            if let Some(api) = api {
                // Signed out locally whatever the server says: the cookie is cleared either way.
                let _ = api.sign_out().await;
            }
        }
    });
    Effect::new(move || {
        if sign_out.value().get().is_some() {
            session.end();
            navigate("/connexion", NavigateOptions::default());
        }
    });
    view! {
        <header class="site-header">
            <div class="bar">
                <A href="/connexion" attr:class="brand">"caf.fr " <span>"| Mon Compte Partenaire – Espace Bailleur"</span></A>
                <nav aria-label="Menu principal">
                    <ul>
                        {move || match session.api.get() {
                            Some(api) => view! {
                                <li><A href="/accueil">"Accueil"</A></li>
                                <li><A href="/selection-de-comptes">"Sélection de comptes"</A></li>
                                <li><A href="/profil">"Mon profil"</A></li>
                                {(api.account.role == AccountRole::Administrator).then(|| view! {
                                    <li><A href="/utilisateurs">"Utilisateurs"</A></li>
                                    <li><A href="/logiciels">"Logiciels de gestion"</A></li>
                                })}
                                <li class="account" aria-label="Compte connecté">
                                    {api.account.first_name.clone()} " " {api.account.last_name.clone()}
                                    " – " {api.account.identifier.clone()}
                                </li>
                                <li><button type="button" class="link" on:click=move |_| { sign_out.dispatch(()); }>"Déconnexion"</button></li>
                            }.into_any(),
                            None => view! {
                                <li><A href="/connexion">"Connexion"</A></li>
                                <li><A href="/caf/441">"À savoir"</A></li>
                            }.into_any(),
                        }}
                    </ul>
                </nav>
            </div>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="bar">
                <span>"Espace Bailleur – service de la Caf pour les bailleurs"</span>
                <a href="/swagger-ui/">"API pour les logiciels de gestion"</a>
                <A href="/probleme-de-connexion">"Problème de connexion"</A>
            </div>
        </footer>
    }
}
