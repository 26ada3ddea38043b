//! The landlord's tenants receiving housing aid (scope `tenants:read`).
use crate::client::{Access, Client};
use crate::error::ClientError;
use bailleur_api_types::TenantId;
use bailleur_api_types::tenants::{TenantDetail, TenantPage, TenantQuery};

impl Client {
    /// `GET /tenants?q=&page=`: one page; ask for the next while `page × page_size < total`.
    pub async fn list_tenants(&self, query: &TenantQuery) -> Result<TenantPage, ClientError> {
        self.get("/tenants", Some(query), Access::Token).await
    }

    /// `GET /tenants/{id}`: the lease too (rent, charges, the open rent campaign).
    pub async fn get_tenant(&self, id: TenantId) -> Result<TenantDetail, ClientError> {
        self.get::<_, ()>(&format!("/tenants/{id}"), None, Access::Token)
            .await
    }
}
