use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main id="contenu">
            <section class="card wide">
                <h1>"Page introuvable"</h1>
                <p>"La page demandée n'existe pas ou a été déplacée."</p>
                <p><A href="/connexion">"Revenir à la page de connexion"</A></p>
            </section>
        </main>
    }
}
