//! "Problème de connexion": the agency's first-connection guide, as a page.
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn ConnectionHelp() -> impl IntoView {
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Problème de connexion"</nav>
        <main id="contenu">
            <section class="card wide">
                <h1>"Problème de connexion"</h1>
                <h2>"C'est votre première connexion"</h2>
                <ol>
                    <li>"Renseignez les identifiants fournis par la Caf et cliquez sur « Connexion »."</li>
                    <li>"Renseignez les informations demandées."</li>
                    <li>"Personnalisez votre mot de passe."</li>
                    <li>"Acceptez les règles d'usage."</li>
                    <li>"Acceptez les conditions d'utilisation."</li>
                </ol>
                <p>"Vous avez reçu un identifiant et un mot de passe dans deux mails distincts si votre adresse mail est connue de la Caf, sinon dans deux courriers distincts."</p>
                <h2>"Trouver votre numéro d'utilisateur"</h2>
                <p>"Votre numéro d'utilisateur, composé de 14 caractères, figure sur le courrier ou le mail vous indiquant votre identifiant ou votre mot de passe provisoire, et sur les courriers adressés par la Caf."</p>
                <h2>"Vous êtes bailleur physique sur plusieurs départements ?"</h2>
                <p>"Pour chaque département, vous avez un compte spécifique avec un identifiant et un mot de passe, et une adresse mail différente pour chaque compte."</p>
                <h2>"Vous êtes bailleur moral ?"</h2>
                <p>"La première personne qui se connecte avec les identifiants transmis par la Caf devient administrateur de votre organisme."</p>
                <p><A href="/connexion">"Revenir à la page de connexion"</A></p>
            </section>
        </main>
    }
}
