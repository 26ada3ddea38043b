//! The housing aid paid to the landlord (scope `payments:read`).
use crate::client::{Access, Client};
use crate::error::ClientError;
use bailleur_api_types::payments::{PaymentPage, PaymentQuery};

impl Client {
    /// `GET /payments?from=&to=&tenant=&page=`: by month, the last 12 months by default;
    /// `total_cents` covers the whole period.
    pub async fn list_payments(&self, query: &PaymentQuery) -> Result<PaymentPage, ClientError> {
        self.get("/payments", Some(query), Access::Token).await
    }
}
