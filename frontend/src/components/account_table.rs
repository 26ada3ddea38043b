use super::Pagination;
use bailleur_api_types::AccountId;
use bailleur_api_types::auth::AccountPage;
use leptos::prelude::*;

/// A page of accounts with a "Choisir" button on each row and the pagination below; shared by
/// the sign-in selection and the switching page.
#[component]
pub fn AccountTable(
    list: AccountPage,
    page: RwSignal<u64>,
    /// Without it the table only lists (the linking page).
    #[prop(optional, into)]
    on_choose: Option<Callback<AccountId>>,
    #[prop(optional_no_strip)] current: Option<AccountId>,
) -> impl IntoView {
    let pages = list.total.div_ceil(list.page_size).max(1);
    let (at, total, page_size) = (list.page, list.total, list.page_size);
    view! {
        <p role="status">{format!("{} compte(s) – page {} sur {}", list.total, at, pages)}</p>
        <table>
            <caption class="visually-hidden">"Comptes partageant votre adresse mail"</caption>
            <thead><tr>
                <th scope="col">"Identifiant"</th><th scope="col">"SIRET ou n° Tiers"</th>
                <th scope="col">"Raison sociale"</th><th scope="col">"Caf"</th>
                {on_choose.is_some().then(|| view! { <th scope="col"><span class="visually-hidden">"Action"</span></th> })}
            </tr></thead>
            <tbody>
                {list.items.into_iter().map(|account| {
                    let id = account.id;
                    let label = format!("Choisir le compte {}", account.identifier);
                    let is_current = current == Some(id);
                    view! { <tr>
                        <td>{account.identifier}</td><td>{account.partner_number}</td>
                        <td>{account.partner_name}</td><td>{account.caf_number}</td>
                        {on_choose.map(|choose| view! { <td>{if is_current {
                            view! { <span>"Compte actuel"</span> }.into_any()
                        } else {
                            view! { <button type="button" class="secondary" aria-label=label.clone()
                                on:click=move |_| choose.run(id)>"Choisir"</button> }.into_any()
                        }}</td> })}
                    </tr> }
                }).collect_view()}
            </tbody>
        </table>
        <Pagination page at total page_size label="Pagination des comptes"/>
    }
}
