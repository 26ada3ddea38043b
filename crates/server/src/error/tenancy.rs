//! How the tenants, Caf offices and declarations use cases answer.
use super::ApiError;
use bailleur_core::cafs::CafError;
use bailleur_core::declarations::DeclarationError;
use bailleur_core::tenants::TenantError;

impl From<TenantError> for ApiError {
    fn from(error: TenantError) -> Self {
        match error {
            TenantError::NotFound => {
                Self::NotFound("Aucun de vos locataires ne correspond à cette adresse.")
            }
            other @ TenantError::Database(_) => Self::Unexpected(other.into()),
        }
    }
}

impl From<CafError> for ApiError {
    fn from(error: CafError) -> Self {
        match error {
            CafError::NotFound => Self::NotFound("Aucune Caf ne porte ce numéro."),
            other @ (CafError::Corrupt(_) | CafError::Database(_)) => {
                Self::Unexpected(other.into())
            }
        }
    }
}

impl From<DeclarationError> for ApiError {
    fn from(error: DeclarationError) -> Self {
        match error {
            DeclarationError::NotFound => {
                Self::NotFound("Aucun de vos locataires ou de vos déclarations ne correspond.")
            }
            DeclarationError::Invalid(errors) => Self::Invalid(errors),
            other @ (DeclarationError::Corrupt(_) | DeclarationError::Database(_)) => {
                Self::Unexpected(other.into())
            }
        }
    }
}
