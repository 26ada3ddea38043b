//! The benchmarks of linked accounts (R-LINK-4, R-AUTH-2): a shared-password change on a group
//! of 10,000 accounts against the same change on a single account, and the account search of
//! the selection page in that group.
use bailleur_api_types::{AccountRole, PartnerKind, UserStatus};
use bailleur_core::Clock;
use bailleur_entity::{account, caf_office, credential, email_address, partner};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set, TransactionTrait};
use std::time::Instant;

struct Group {
    credential_id: i32,
    email_id: i32,
}

async fn group(
    db: &DatabaseConnection,
    size: usize,
    tag: &str,
    now: time::OffsetDateTime,
) -> anyhow::Result<Group> {
    let caf = caf_office::Entity::find()
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("seed the demo first: no Caf office"))?;
    let txn = db.begin().await?;
    let credential = credential::ActiveModel {
        password_hash: Set(bailleur_core::hashing::hash_password(
            "Bench-Linking-2026!",
        )?),
        provisional: Set(false),
        version: Set(1),
        changed_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let email = email_address::ActiveModel {
        address: Set(format!("groupe-{tag}@bench.example")),
        last_otp_validated_at: Set(Some(now)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for chunk in (0..size).collect::<Vec<_>>().chunks(500) {
        let partners = chunk.iter().map(|n| partner::ActiveModel {
            kind: Set(PartnerKind::Moral),
            name: Set(format!("Résidence {tag} {n:05}")),
            siret: Set(None),
            nir: Set(None),
            // Above the demo's numbers, one range per group.
            tiers_number: Set(Some(format!(
                "{}{:07}",
                caf.number,
                if tag == "large" { 5_000_000 } else { 6_000_000 } + n
            ))),
            caf_id: Set(caf.id),
            address_line1: Set(format!("{n} rue du Banc d'Essai")),
            address_line2: Set(None),
            postal_code: Set("44000".to_owned()),
            city: Set("NANTES".to_owned()),
            iban: Set(None),
            bic: Set(None),
            direct_payment: Set(true),
            created_at: Set(now),
            ..Default::default()
        });
        partner::Entity::insert_many(partners)
            .exec_without_returning(&txn)
            .await?;
    }
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    let partner_ids: Vec<bailleur_api_types::PartnerId> = partner::Entity::find()
        .filter(partner::Column::Name.starts_with(format!("Résidence {tag} ")))
        .order_by_asc(partner::Column::Id)
        .all(&txn)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    for (chunk_index, chunk) in partner_ids.chunks(500).enumerate() {
        let accounts = chunk.iter().enumerate().map(|(i, partner_id)| {
            let n = chunk_index * 500 + i;
            account::ActiveModel {
                partner_id: Set(*partner_id),
                identifier: Set(format!("{}{n:08}", &tag[..2].to_uppercase())),
                user_number: Set(format!(
                    "{}{n:012}",
                    if tag == "large" { "91" } else { "92" }
                )),
                email_id: Set(Some(email.id)),
                credential_id: Set(credential.id),
                role: Set(AccountRole::Administrator),
                status: Set(UserStatus::Active),
                first_name: Set("Banc".to_owned()),
                last_name: Set("Essai".to_owned()),
                phone: Set(None),
                mobile_phone: Set(None),
                created_at: Set(now),
                last_sign_in_at: Set(None),
                ..Default::default()
            }
        });
        account::Entity::insert_many(accounts)
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(Group {
        credential_id: credential.id,
        email_id: email.id,
    })
}

/// Median time of `runs` shared-password changes on `credential_id`, in ms.
async fn password_change_ms(
    db: &DatabaseConnection,
    credential_id: i32,
    runs: usize,
    clock: &impl Clock,
) -> anyhow::Result<f64> {
    let hash = bailleur_core::hashing::hash_password("Bench-Change-2026!")?;
    let mut times = Vec::with_capacity(runs);
    let recent = bailleur_core::auth::recent_checks::RecentChecks::default();
    for _ in 0..runs {
        let start = Instant::now();
        let txn = db.begin().await?;
        bailleur_core::auth::password::store(
            &recent,
            &txn,
            clock.now(),
            credential_id,
            hash.clone(),
            bailleur_core::auth::password::Keep::default(),
        )
        .await?;
        txn.commit().await?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok(times[times.len() / 2])
}

pub async fn linking(db: &DatabaseConnection, size: usize) -> anyhow::Result<String> {
    let clock = bailleur_core::SystemClock;
    let now = clock.now();
    let large = group(db, size, "large", now).await?;
    let single = group(db, 1, "single", now).await?;
    // Warm the caches of both before timing.
    password_change_ms(db, large.credential_id, 3, &clock).await?;
    password_change_ms(db, single.credential_id, 3, &clock).await?;
    let group_ms = password_change_ms(db, large.credential_id, 30, &clock).await?;
    let single_ms = password_change_ms(db, single.credential_id, 30, &clock).await?;
    let queries = [
        "",
        "LA00004",
        "00123",
        "Résidence large 09",
        "441",
        "LA0000999",
    ];
    let mut search = Vec::new();
    for round in 0..40 {
        for (i, query) in queries.iter().enumerate() {
            let page = 1 + ((round + i) % 5) as u64;
            let start = Instant::now();
            let found = bailleur_core::accounts::group_page(
                db,
                bailleur_core::linking::Group {
                    email_id: large.email_id,
                    credential_id: large.credential_id,
                }
                .members(),
                Some(query),
                page,
            )
            .await?;
            search.push(start.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(found);
        }
    }
    search.sort_by(f64::total_cmp);
    let p95 = search[(search.len() * 95) / 100];
    Ok(serde_json::json!({
        "group_size": size,
        "group_change_ms": group_ms,
        "single_change_ms": single_ms,
        "select_search_p95_ms": p95,
        "select_search_median_ms": search[search.len() / 2],
        "searches": search.len(),
    })
    .to_string())
}
