//! Declares the July rent of every tenant of the landlord, in batches, then reads the feed of
//! status changes once.
//!
//! ```sh
//! BAILLEUR_URL=https://bailleur.caf.example \
//! BAILLEUR_CLIENT_ID=ebc_… BAILLEUR_CLIENT_SECRET=eb_live_… \
//!     cargo run -p bailleur-client --example declare_july_rents
//! ```
//!
//! The API client needs the scopes `tenants:read`, `declarations:write` and
//! `declarations:read`.
use bailleur_api_types::PageNumber;
use bailleur_api_types::batches::{ChangeQuery, MAX_BATCH_ITEMS, SubmitBatch};
use bailleur_api_types::declarations::{DeclarationFields, SubmitDeclarations};
use bailleur_api_types::software::Scope;
use bailleur_api_types::tenants::{TenantQuery, TenantSummary};
use bailleur_client::{Client, Credentials, new_idempotency_key};
use std::error::Error;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error + Send + Sync>> {
    let client = Client::with_credentials(
        env("BAILLEUR_URL")?,
        Credentials::client_secret(env("BAILLEUR_CLIENT_ID")?, env("BAILLEUR_CLIENT_SECRET")?),
    )
    .scopes(
        [
            Scope::TenantsRead,
            Scope::DeclarationsWrite,
            Scope::DeclarationsRead,
        ]
        .into_iter()
        .collect(),
    );

    let tenants = all_tenants(&client).await?;
    println!("{} tenants", tenants.len());

    // The list has no lease; the detail has the rent and says whether the campaign of the
    // landlord's Caf is open, outside which a rent declaration is refused. Real software
    // would declare the rent of its own books for July; the lease's is the fallback here.
    let mut submissions = Vec::new();
    for tenant in &tenants {
        let detail = client.get_tenant(tenant.id).await?;
        if detail.open_rent_campaign_year.is_none() {
            println!("{}: no rent campaign open", detail.beneficiary_number);
            continue;
        }
        submissions.push(SubmitDeclarations {
            tenant_id: detail.id,
            declarations: vec![DeclarationFields::Rent {
                rent_cents: detail.rent_cents,
                charges_cents: detail.charges_cents,
            }],
        });
    }

    for chunk in submissions.chunks(MAX_BATCH_ITEMS) {
        // A key of our own, so that a rerun after a crash could send the same batch under it
        // (software would store it beside the batch before sending).
        let key = new_idempotency_key();
        let body = SubmitBatch {
            items: chunk.to_vec(),
        };
        let (batch, replayed) = client.submit_batch_with_key(&key, &body).await?;
        println!("batch {} ({replayed:?} replayed):", batch.id);
        for declaration in batch.items.iter().flat_map(|item| &item.items) {
            println!(
                "  {} {} {}",
                declaration.reference, declaration.beneficiary_number, declaration.tenant_name
            );
        }
    }

    // From the beginning; software keeps `next_cursor` and passes it as `after` next time.
    let changes = client
        .list_declaration_changes(&ChangeQuery::default())
        .await?;
    for change in &changes.items {
        println!(
            "{} is {} since {}",
            change.reference,
            change.status.as_str(),
            change.at
        );
    }
    println!("next cursor: {}", changes.next_cursor);
    Ok(())
}

async fn all_tenants(client: &Client) -> Result<Vec<TenantSummary>, Box<dyn Error + Send + Sync>> {
    let mut tenants = Vec::new();
    for number in 1.. {
        let page = client
            .list_tenants(&TenantQuery {
                q: None,
                page: Some(PageNumber::try_from(number)?),
            })
            .await?;
        let last = page.items.is_empty() || page.page * page.page_size >= page.total;
        tenants.extend(page.items);
        if last {
            break;
        }
    }
    Ok(tenants)
}

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name} (see docs/api.md)"))
}
