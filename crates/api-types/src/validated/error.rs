use serde::{Deserialize, Serialize};

/// Why a value was refused. `code()` is stable for clients; `message_fr()` is shown to people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum FormatError {
    #[error("the value is empty")]
    Empty,
    #[error("the length must be between {min} and {max} characters")]
    Length { min: usize, max: usize },
    #[error("the value contains characters that are not allowed")]
    Characters,
    #[error("the check digits do not match")]
    Checksum,
    #[error("the value is not in the expected form")]
    Format,
}

impl FormatError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "required",
            Self::Length { .. } => "length",
            Self::Characters => "characters",
            Self::Checksum => "checksum",
            Self::Format => "format",
        }
    }

    pub fn message_fr(&self) -> String {
        match self {
            Self::Empty => "Ce champ est obligatoire.".to_owned(),
            Self::Length { min, max } if min == max => {
                format!("La valeur doit comporter exactement {min} caractères.")
            }
            Self::Length { min, max } => {
                format!("La valeur doit comporter de {min} à {max} caractères.")
            }
            Self::Characters => "La valeur contient des caractères non autorisés.".to_owned(),
            Self::Checksum => {
                "La clé de contrôle ne correspond pas : vérifiez la saisie.".to_owned()
            }
            Self::Format => "La valeur n'a pas le format attendu.".to_owned(),
        }
    }
}
