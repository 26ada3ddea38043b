//! Caf offices with their contact addresses (docs/imports.md).
use super::{ImportError, Imported, Progress, Sheet, check_all};
use bailleur_api_types::CafNumber;
use bailleur_entity::{caf_contact, caf_office};
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, EntityTrait, QuerySelect, Set, TransactionTrait,
};
use std::collections::{HashMap, HashSet};
use std::io::Read;

pub const COLUMNS: &[&str] = &["numero", "nom", "departement", "adresse"];

/// The optional contact columns: (column, kind, label).
const CONTACTS: [(&str, &str, &str); 3] = [
    ("mail_bailleurs", "email", "Bailleurs"),
    ("telephone", "phone", "Téléphone"),
    ("site", "web", "Site internet"),
];

struct Checked {
    number: String,
    name: String,
    department: String,
    address: String,
    contacts: Vec<(&'static str, &'static str, String)>,
}

pub async fn import(
    db: &DatabaseConnection,
    input: impl Read,
    progress: &dyn Progress,
) -> Result<Imported, ImportError> {
    let sheet = Sheet::read(input, COLUMNS)?;
    let known: HashSet<String> = caf_office::Entity::find()
        .select_only()
        .column(caf_office::Column::Number)
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut seen = HashMap::new();
    let rows = check_all(&sheet, progress, |row, errors| {
        let number = row
            .parsed(errors, "numero", CafNumber::parse)
            .map(String::from)?;
        if known.contains(&number) {
            row.refuse(errors, "numero", "cette Caf existe déjà");
        } else if let Some(first) = seen.insert(number.clone(), row.line) {
            row.refuse(
                errors,
                "numero",
                format!("cette Caf figure déjà ligne {first}"),
            );
        }
        Some(Checked {
            number,
            name: row.text(errors, "nom", 120),
            department: row.text(errors, "departement", 60),
            address: row.text(errors, "adresse", 200),
            contacts: CONTACTS
                .iter()
                .filter_map(|(column, kind, label)| {
                    row.optional(errors, column, 200)
                        .map(|value| (*kind, *label, value))
                })
                .collect(),
        })
    })?;
    let txn = db.begin().await?;
    for (index, row) in rows.iter().enumerate() {
        let office = caf_office::ActiveModel {
            number: Set(row.number.clone()),
            name: Set(row.name.clone()),
            department_name: Set(row.department.clone()),
            postal_address: Set(row.address.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for (position, (kind, label, value)) in row.contacts.iter().enumerate() {
            caf_contact::ActiveModel {
                caf_id: Set(office.id),
                kind: Set((*kind).to_owned()),
                label: Set((*label).to_owned()),
                value: Set(value.clone()),
                position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        progress.advance("import", index as u64 + 1, rows.len() as u64);
    }
    txn.commit().await?;
    Ok(Imported {
        rows: rows.len() as u64,
    })
}
