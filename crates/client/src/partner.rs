//! The landlord the API client belongs to (scope `partner:read`).
use crate::client::{Access, Client};
use crate::error::ClientError;
use bailleur_api_types::partner::PartnerData;

impl Client {
    /// `GET /partner`: name, SIRET or Tiers number, Caf, address, masked bank details.
    pub async fn get_partner(&self) -> Result<PartnerData, ClientError> {
        self.get::<_, ()>("/partner", None, Access::Token).await
    }
}
