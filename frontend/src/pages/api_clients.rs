//! "Logiciels de gestion (accès API)" (R-API-2): the administrator gives the partner's
//! management software an access to the API (a client id and a secret, limited to the scopes
//! ticked), renews its secret (the previous one works 24 hours more) and revokes it (its tokens
//! stop at once). A secret is shown once, right after its creation or renewal.
use crate::api::{ApiError, AuthorizedApi};
use crate::components::FieldMessage;
use crate::form::FormAction;
use crate::pages::declaration::instant;
use crate::pages::shell::SignedInOnly;
use crate::session::{Session, signed_in_resource};
use bailleur_api_types::format_fr::french_date;
use bailleur_api_types::software::{
    ApiClient, ApiClientName, CreateApiClient, IssuedApiClient, Scope,
};
use bailleur_api_types::{ApiClientId, FieldError, Problem};
use leptos::html;
use leptos::prelude::*;
use std::collections::BTreeSet;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const SECRET_WARNING: &str = "Ce secret ne sera plus jamais affiché : copiez-le maintenant et conservez-le dans un coffre-fort de secrets.";

/// Why a secret is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Issue {
    Creation,
    Rotation,
}

type Rotate = FormAction<(AuthorizedApi, ApiClientId), IssuedApiClient>;
type Revoke = FormAction<(AuthorizedApi, ApiClientId, String), (ApiClientId, String)>;

/// `navigator.clipboard`, absent outside a secure context.
fn clipboard() -> Option<web_sys::Clipboard> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .ok()?
        .dyn_into()
        .ok()
}

/// Whether the browser copied `text` (it may refuse: the page then says how to copy by hand).
async fn copy(text: String) -> bool {
    match clipboard() {
        Some(clipboard) => JsFuture::from(clipboard.write_text(&text)).await.is_ok(),
        None => false,
    }
}

/// What the form refuses before sending, shown under its fields as the server's refusals are.
fn refused(errors: Vec<FieldError>) -> ApiError {
    ApiError::Problem(Problem {
        kind: "/problems/validation".to_owned(),
        title: "Certaines informations saisies sont incorrectes".to_owned(),
        status: 422,
        detail: None,
        errors,
    })
}

fn scope_labels(scopes: &[Scope]) -> String {
    scopes
        .iter()
        .map(|scope| scope.label_fr())
        .collect::<Vec<_>>()
        .join(", ")
}

fn focus(target: NodeRef<html::H1>) {
    if let Some(element) = target.get_untracked() {
        let _ = element.focus();
    }
}

#[component]
pub fn ApiClients() -> impl IntoView {
    let session = Session::get();
    let name = RwSignal::new(String::new());
    let scopes = RwSignal::new(BTreeSet::<Scope>::new());
    let issued = RwSignal::new(None::<(IssuedApiClient, Issue)>);
    let notice = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(None::<ApiClientId>);
    let title = NodeRef::<html::H1>::new();
    let clients = signed_in_resource(session, move |api| async move { api.api_clients().await });
    let create = FormAction::new(
        move |(api, request): (AuthorizedApi, CreateApiClient)| async move {
            api.create_api_client(&request).await
        },
        move |answer| {
            name.set(String::new());
            scopes.set(BTreeSet::new());
            notice.set(None);
            issued.set(Some((answer, Issue::Creation)));
            clients.refetch();
        },
    );
    let row_error = RwSignal::new(None);
    let rotate: Rotate = FormAction::with_error(
        row_error,
        move |(api, id): (AuthorizedApi, ApiClientId)| async move {
            api.rotate_api_client_secret(id).await
        },
        move |answer| {
            row_error.set(None);
            notice.set(None);
            confirming.set(None);
            issued.set(Some((answer, Issue::Rotation)));
            clients.refetch();
        },
        |_| {},
    );
    let revoke: Revoke = FormAction::with_error(
        row_error,
        move |(api, id, name): (AuthorizedApi, ApiClientId, String)| async move {
            api.revoke_api_client(id).await.map(|()| (id, name))
        },
        move |(id, name)| {
            row_error.set(None);
            confirming.set(None);
            if issued.with_untracked(|shown| shown.as_ref().is_some_and(|(i, _)| i.client.id == id))
            {
                issued.set(None);
            }
            notice.set(Some(format!(
                "L'accès « {name} » est révoqué : le logiciel ne peut plus obtenir de jeton et ceux qu'il avait ont cessé de fonctionner."
            )));
            clients.refetch();
            focus(title);
        },
        |_| {},
    );
    let on_submit = create.on_submit(move || {
        let chosen: Vec<Scope> = scopes.get().into_iter().collect();
        match ApiClientName::try_from(name.get()) {
            Ok(client_name) => Some((
                session.api.get_untracked()?,
                CreateApiClient {
                    name: client_name,
                    scopes: chosen,
                    public_key: None,
                },
            )),
            // The server tells the other refusals (no scope ticked) once the name can be sent.
            Err(format) => {
                let mut errors = vec![FieldError {
                    field: "name".to_owned(),
                    code: format.code().to_owned(),
                    message: format.message_fr(),
                }];
                if chosen.is_empty() {
                    errors.push(FieldError {
                        field: "scopes".to_owned(),
                        code: "required".to_owned(),
                        message: "Choisissez au moins une autorisation.".to_owned(),
                    });
                }
                create.error.set(Some(refused(errors)));
                None
            }
        }
    });
    let checkbox = move |scope: Scope| {
        let id = format!("autorisation-{}", scope.as_str().replace(':', "-"));
        view! {
            <li>
                <input type="checkbox" id=id.clone()
                    prop:checked=move || scopes.read().contains(&scope)
                    on:change=move |event| {
                        let on = event_target_checked(&event);
                        scopes.update(|set| { if on { set.insert(scope); } else { set.remove(&scope); } });
                    }/>
                <label for=id class="inline">{scope.label_fr()} " " <small><code>{scope.as_str()}</code></small></label>
            </li>
        }
    };
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">"Accueil / Logiciels de gestion"</nav>
        <main id="contenu">
            <SignedInOnly/>
            <section class="card wide" aria-labelledby="titre-logiciels">
                <h1 id="titre-logiciels" tabindex="-1" node_ref=title>"Logiciels de gestion (accès API)"</h1>
                <p>"Votre logiciel de gestion locative peut consulter vos locataires et faire vos déclarations par l'API de l'Espace Bailleur. "
                    "Chaque accès a un identifiant et un secret (OAuth 2.0, « client credentials ») et ne permet que ce que vous autorisez. "
                    <a href="/swagger-ui/">"Documentation de l'API"</a></p>
                <p class="hint">"« Renouveler le secret » en crée un nouveau : l'ancien reste valable 24 heures, le temps de mettre à jour votre logiciel. "
                    "« Révoquer » supprime l'accès : les jetons du logiciel cessent aussitôt de fonctionner. "
                    "Un accès agit au nom de l'administrateur qui l'a créé : si son compte est désactivé, l'accès s'arrête aussi."</p>
                {move || issued.get().map(|(issued_client, why)| view! {
                    <SecretBlock issued=issued_client why shown=issued title/>
                })}
                {move || notice.get().map(|text| view! { <p class="success" role="status">{text}</p> })}
                {rotate.alert(&[])}
                {move || match clients.get().flatten() {
                    None => view! { <p class="loading" role="status">"Chargement des accès…"</p> }.into_any(),
                    Some(Err(failure)) => view! { <p class="alert" role="alert">{failure.message()}</p> }.into_any(),
                    Some(Ok(list)) if list.items.is_empty() => view! {
                        <p>"Aucun logiciel n'a d'accès à l'API pour le moment."</p>
                    }.into_any(),
                    Some(Ok(list)) => view! {
                        <table>
                            <caption class="visually-hidden">"Accès à l'API de vos logiciels de gestion"</caption>
                            <thead><tr>
                                <th scope="col">"Nom"</th><th scope="col">"Identifiant (client_id)"</th>
                                <th scope="col">"Autorisations"</th><th scope="col">"Créé le"</th>
                                <th scope="col">"Dernière utilisation"</th><th scope="col">"Secret"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr></thead>
                            <tbody>
                                {list.items.into_iter().map(|client| view! {
                                    <ClientRow client rotate revoke confirming/>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                }}
            </section>
            <section class="card" aria-labelledby="titre-nouvel-acces">
                <h2 id="titre-nouvel-acces">"Créer un accès"</h2>
                <form on:submit=on_submit novalidate>
                    <label for="client-name">"Nom du logiciel"</label>
                    <p class="hint" id="client-name-aide">"Le nom sous lequel vous reconnaîtrez cet accès, par exemple celui de votre logiciel (80 caractères au plus)."</p>
                    <input id="client-name" type="text" autocomplete="off" aria-describedby="client-name-aide client-name-erreur" bind:value=name/>
                    <FieldMessage id="client-name-erreur" message=create.field("name")/>
                    <fieldset aria-describedby="client-scopes-erreur">
                        <legend>"Ce que le logiciel pourra faire (au moins une autorisation)"</legend>
                        <ul class="choices">
                            {Scope::ALL.into_iter().map(checkbox).collect_view()}
                        </ul>
                        <FieldMessage id="client-scopes-erreur" message=create.field("scopes")/>
                    </fieldset>
                    {create.alert(&["name", "scopes"])}
                    {create.send_button("primary", "Créer l'accès")}
                </form>
            </section>
        </main>
    }
}

/// The secret just issued, shown this once, with a way to copy it.
#[component]
fn SecretBlock(
    issued: IssuedApiClient,
    why: Issue,
    shown: RwSignal<Option<(IssuedApiClient, Issue)>>,
    title: NodeRef<html::H1>,
) -> impl IntoView {
    let copied = RwSignal::new(None::<bool>);
    let field = NodeRef::<html::Input>::new();
    // The secret takes the focus, selected: Ctrl+C copies it too.
    Effect::new(move || {
        if let Some(input) = field.get() {
            let _ = input.focus();
            input.select();
        }
    });
    let client = issued.client;
    let secret = issued.client_secret;
    let heading = match why {
        Issue::Creation => format!("Accès « {} » créé", client.name),
        Issue::Rotation => format!("Nouveau secret de « {} »", client.name),
    };
    let previous = match (why, client.previous_secret_expires_at) {
        (Issue::Rotation, Some(until)) => Some(format!(
            "L'ancien secret reste valable jusqu'au {} : remplacez-le dans votre logiciel d'ici là.",
            instant(until)
        )),
        (Issue::Rotation, None) => Some(
            "L'ancien secret reste valable 24 heures : remplacez-le dans votre logiciel d'ici là."
                .to_owned(),
        ),
        (Issue::Creation, _) => None,
    };
    let to_copy = secret.clone();
    view! {
        <div class="secret-block" role="status" aria-labelledby="titre-secret">
            <h2 id="titre-secret">{heading}</h2>
            <dl class="facts">
                <dt>"Identifiant (client_id)"</dt><dd><code>{client.client_id.clone()}</code></dd>
                <dt>"Autorisations"</dt><dd>{scope_labels(&client.scopes)}</dd>
            </dl>
            <label for="secret-client">"Secret (client_secret)"</label>
            <input id="secret-client" class="secret-value" type="text" readonly autocomplete="off" spellcheck="false"
                aria-describedby="secret-avertissement" prop:value=secret node_ref=field/>
            <p id="secret-avertissement" class="warning">{SECRET_WARNING}</p>
            {previous.map(|text| view! { <p>{text}</p> })}
            <div class="actions">
                <button type="button" class="secondary" on:click=move |_| {
                    let text = to_copy.clone();
                    leptos::task::spawn_local(async move {
                        let done = copy(text).await;
                        // The block may be gone by then.
                        let _ = copied.try_set(Some(done));
                    });
                }>"Copier le secret"</button>
                <button type="button" class="primary" on:click=move |_| {
                    shown.set(None);
                    focus(title);
                }>"J'ai copié le secret"</button>
            </div>
            {move || copied.get().map(|done| if done {
                view! { <p class="success">"Le secret est copié dans le presse-papiers."</p> }.into_any()
            } else {
                view! { <p class="alert">"Le navigateur n'a pas permis la copie : sélectionnez le secret et copiez-le (Ctrl+C)."</p> }.into_any()
            })}
        </div>
    }
}

/// One live client, with its renewal and its revocation (confirmed in place).
#[component]
fn ClientRow(
    client: ApiClient,
    rotate: Rotate,
    revoke: Revoke,
    confirming: RwSignal<Option<ApiClientId>>,
) -> impl IntoView {
    let session = Session::get();
    let id = client.id;
    let name = client.name.clone();
    let open = move || confirming.get() == Some(id);
    let revoke_button = NodeRef::<html::Button>::new();
    let confirm_button = NodeRef::<html::Button>::new();
    // The confirmation takes the focus when it opens.
    Effect::new(move || {
        if let Some(button) = confirm_button.get() {
            let _ = button.focus();
        }
    });
    let panel = format!("revocation-{id}");
    let key_algorithm = client.public_key_algorithm.clone();
    let key_algorithm_absent = key_algorithm.is_none();
    // A secret replaced by a renewal still works until then.
    let previous = client
        .previous_secret_expires_at
        .filter(|until| until.unix_timestamp() as f64 * 1000.0 > js_sys::Date::now());
    let confirmation = {
        let name = name.clone();
        move || {
            let name = name.clone();
            open().then(|| view! {
                <p>{format!("Révoquer l'accès « {name} » ? Le logiciel ne pourra plus obtenir de jeton et ceux qu'il détient cessent de fonctionner immédiatement.")}</p>
                <div class="actions">
                    <button type="button" class="primary danger" node_ref=confirm_button
                        disabled=move || revoke.pending.get()
                        on:click=move |_| {
                            if let Some(api) = session.api.get_untracked() {
                                revoke.send((api, id, name.clone()));
                            }
                        }>"Confirmer la révocation"</button>
                    <button type="button" class="secondary" on:click=move |_| {
                        confirming.set(None);
                        if let Some(button) = revoke_button.get_untracked() {
                            let _ = button.focus();
                        }
                    }>"Annuler"</button>
                </div>
            })
        }
    };
    view! {
        <tr>
            <th scope="row">{client.name.clone()}</th>
            <td><code>{client.client_id.clone()}</code></td>
            <td><ul class="scopes">
                {client.scopes.iter().map(|scope| view! { <li>{scope.label_fr()}</li> }).collect_view()}
            </ul></td>
            <td>{french_date(client.created_at.date())}</td>
            <td>{client.last_used_at.map_or_else(|| "Jamais utilisé".to_owned(), instant)}</td>
            <td>{match key_algorithm {
                // A client with a key signs its requests for a token: its secret is refused.
                Some(algorithm) => view! {
                    <span>{format!("Aucun : clé publique {algorithm} (JWT signé)")}</span>
                }.into_any(),
                None => view! {
                    <code>{format!("…{}", client.secret_last_four)}</code>
                    {previous.map(|until| view! {
                        <br/><span class="hint">{format!("L'ancien secret reste valable jusqu'au {}.", instant(until))}</span>
                    })}
                }.into_any(),
            }}</td>
            <td>
                <div class="row-actions">
                    {key_algorithm_absent.then(|| view! {
                        <button type="button" class="secondary" aria-label=format!("Renouveler le secret de {name}")
                            disabled=move || rotate.pending.get()
                            on:click=move |_| {
                                if let Some(api) = session.api.get_untracked() {
                                    rotate.send((api, id));
                                }
                            }>"Renouveler le secret"</button>
                    })}
                    <button type="button" class="secondary" node_ref=revoke_button
                        aria-label=format!("Révoquer l'accès {name}")
                        aria-expanded=move || open().to_string() aria-controls=panel.clone()
                        on:click=move |_| confirming.set(Some(id))>"Révoquer"</button>
                </div>
                <div id=panel class="confirm" class:hidden=move || !open() role="group"
                    aria-label=format!("Révocation de l'accès {}", client.name)>
                    {confirmation}
                </div>
            </td>
        </tr>
    }
}
