use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="bar">
                <A href="/connexion" attr:class="brand">"caf.fr " <span>"| Mon Compte Partenaire – Espace Bailleur"</span></A>
                <nav aria-label="Menu principal">
                    <ul>
                        <li><A href="/connexion">"Connexion"</A></li>
                        <li><A href="/caf/441">"À savoir"</A></li>
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
