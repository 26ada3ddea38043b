//! The operator's CSV imports (R-OPS-1). Every row is checked first, against the file and the
//! database; one bad row and nothing is written, each refusal named by its line and column.
//! Then every row goes in, in one transaction, by batches.
use bailleur_api_types::format_fr::parse_euros;
use bailleur_api_types::{FormatError, PostalCode};
use sea_orm::DbErr;
use std::collections::HashMap;
use std::io::Read;
use time::Date;

pub mod accounts;
pub mod cafs;
pub mod partners;
pub mod payments;
pub mod tenants;

/// Rows per INSERT: well under SQLite's 32,766 bound variables for the widest table.
pub const BATCH: usize = 1_000;

/// One refused value, by its place in the file (the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub column: String,
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "ligne {}, colonne « {} » : {}",
            self.line, self.column, self.message
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{} valeur(s) refusée(s), rien n'a été importé", .0.len())]
    Rows(Vec<RowError>),
    #[error("fichier illisible : {0}")]
    Unreadable(String),
    #[error(transparent)]
    Password(#[from] crate::hashing::PasswordServiceError),
    #[error(transparent)]
    Mail(#[from] crate::mail::MailError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// Told as the work goes: the stage ("contrôle", "import"), rows done, rows in all.
pub trait Progress: Sync {
    fn advance(&self, stage: &'static str, done: u64, total: u64);
}

/// For callers that show nothing.
pub struct Silent;

impl Progress for Silent {
    fn advance(&self, _: &'static str, _: u64, _: u64) {}
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    pub rows: u64,
}

/// A CSV file read whole: `;` or `,` separated (whichever the header uses), its header names
/// the columns.
pub struct Sheet {
    columns: HashMap<String, usize>,
    records: Vec<csv::StringRecord>,
}

impl Sheet {
    pub fn read(mut input: impl Read, required: &[&str]) -> Result<Sheet, ImportError> {
        let mut text = String::new();
        input
            .read_to_string(&mut text)
            .map_err(|error| ImportError::Unreadable(error.to_string()))?;
        let text = text.trim_start_matches('\u{feff}');
        let header = text.lines().next().unwrap_or_default();
        let delimiter = if header.contains(';') { b';' } else { b',' };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let columns: HashMap<String, usize> = reader
            .headers()
            .map_err(|error| ImportError::Unreadable(error.to_string()))?
            .iter()
            .enumerate()
            .map(|(index, name)| (name.to_lowercase(), index))
            .collect();
        let missing: Vec<RowError> = required
            .iter()
            .filter(|name| !columns.contains_key(**name))
            .map(|name| RowError {
                line: 1,
                column: (*name).to_owned(),
                message: "colonne absente de l'en-tête".to_owned(),
            })
            .collect();
        if !missing.is_empty() {
            return Err(ImportError::Rows(missing));
        }
        let records = reader
            .records()
            .collect::<Result<Vec<_>, _>>()
            .map_err(|error| ImportError::Unreadable(error.to_string()))?;
        Ok(Sheet { columns, records })
    }

    pub fn len(&self) -> u64 {
        self.records.len() as u64
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The rows with the line of the file each starts on (the header is line 1): a quoted value
    /// may span lines, so the reader's own count is taken, not the row's index.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.records.iter().enumerate().map(|(index, record)| Row {
            sheet: self,
            record,
            line: record
                .position()
                .map_or(index as u64 + 2, |position| position.line()),
        })
    }
}

/// One line of a sheet; its getters record what they refuse in `errors`.
pub struct Row<'a> {
    sheet: &'a Sheet,
    record: &'a csv::StringRecord,
    pub line: u64,
}

impl Row<'_> {
    pub fn raw(&self, column: &str) -> &str {
        self.sheet
            .columns
            .get(column)
            .and_then(|index| self.record.get(*index))
            .unwrap_or_default()
    }

    pub fn refuse(&self, errors: &mut Vec<RowError>, column: &str, message: impl Into<String>) {
        errors.push(RowError {
            line: self.line,
            column: column.to_owned(),
            message: message.into(),
        });
    }

    pub fn text(&self, errors: &mut Vec<RowError>, column: &str, max: usize) -> String {
        let value = self.raw(column);
        if value.is_empty() {
            self.refuse(errors, column, FormatError::Empty.message_fr());
        } else if value.chars().count() > max {
            self.refuse(
                errors,
                column,
                FormatError::Length { min: 1, max }.message_fr(),
            );
        }
        value.to_owned()
    }

    pub fn optional(&self, errors: &mut Vec<RowError>, column: &str, max: usize) -> Option<String> {
        Some(self.raw(column))
            .filter(|value| !value.is_empty())
            .map(|_| self.text(errors, column, max))
    }

    pub fn parsed<T>(
        &self,
        errors: &mut Vec<RowError>,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, FormatError>,
    ) -> Option<T> {
        parse(self.raw(column))
            .map_err(|error| self.refuse(errors, column, error.message_fr()))
            .ok()
    }

    pub fn postal_code(&self, errors: &mut Vec<RowError>, column: &str) -> String {
        self.parsed(errors, column, PostalCode::parse)
            .map(String::from)
            .unwrap_or_default()
    }

    /// `oui`/`non` (or `1`/`0`, `true`/`false`).
    pub fn yes_no(&self, errors: &mut Vec<RowError>, column: &str) -> bool {
        match self.raw(column).to_lowercase().as_str() {
            "oui" | "o" | "1" | "true" => true,
            "non" | "n" | "0" | "false" => false,
            _ => {
                self.refuse(errors, column, "Saisissez « oui » ou « non ».");
                false
            }
        }
    }

    /// `2021-10-24` or `24/10/2021`.
    pub fn date(&self, errors: &mut Vec<RowError>, column: &str) -> Option<Date> {
        let raw = self.raw(column);
        let parsed = Date::parse(
            raw,
            time::macros::format_description!("[year]-[month]-[day]"),
        )
        .or_else(|_| {
            Date::parse(
                raw,
                time::macros::format_description!("[day]/[month]/[year]"),
            )
        });
        parsed
            .map_err(|_| {
                self.refuse(
                    errors,
                    column,
                    "Saisissez une date au format AAAA-MM-JJ ou JJ/MM/AAAA.",
                )
            })
            .ok()
    }

    /// In euros (`525,00`), as cents.
    pub fn euros(&self, errors: &mut Vec<RowError>, column: &str) -> i64 {
        parse_euros(self.raw(column)).unwrap_or_else(|| {
            self.refuse(
                errors,
                column,
                "Saisissez un montant en euros, par exemple 525,00.",
            );
            0
        })
    }

    pub fn integer(&self, errors: &mut Vec<RowError>, column: &str, min: i32, max: i32) -> i32 {
        match self.raw(column).parse::<i32>() {
            Ok(value) if (min..=max).contains(&value) => value,
            _ => {
                self.refuse(
                    errors,
                    column,
                    format!("Saisissez un nombre entier de {min} à {max}."),
                );
                min
            }
        }
    }
}

/// Runs `check` on every row, telling progress; all refusals, or every checked row.
pub fn check_all<T>(
    sheet: &Sheet,
    progress: &dyn Progress,
    mut check: impl FnMut(&Row<'_>, &mut Vec<RowError>) -> Option<T>,
) -> Result<Vec<T>, ImportError> {
    let total = sheet.len();
    let mut errors = Vec::new();
    let mut checked = Vec::with_capacity(sheet.records.len());
    for (index, row) in sheet.rows().enumerate() {
        let before = errors.len();
        let value = check(&row, &mut errors);
        if let Some(value) = value.filter(|_| errors.len() == before) {
            checked.push(value);
        }
        if index % 1_000 == 0 {
            progress.advance("contrôle", index as u64, total);
        }
    }
    progress.advance("contrôle", total, total);
    if errors.is_empty() {
        Ok(checked)
    } else {
        Err(ImportError::Rows(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_named_by_their_line_in_the_file() {
        let text = "nom;age\n\"Dupont\nJean\";30\nMartin;abc\n";
        let sheet = Sheet::read(text.as_bytes(), &["nom", "age"]).unwrap();
        assert_eq!(sheet.len(), 2);
        let lines: Vec<u64> = sheet.rows().map(|row| row.line).collect();
        assert_eq!(lines, [2, 4]);
        let refused = check_all(&sheet, &Silent, |row, errors| {
            Some(row.integer(errors, "age", 0, 150))
        });
        let Err(ImportError::Rows(errors)) = refused else {
            panic!("the second row is refused: {refused:?}");
        };
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 4);
        assert_eq!(errors[0].column, "age");
    }
}
