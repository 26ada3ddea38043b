//! `/declarations`: what the landlord declares about a tenant (R-SPACE-5), in bulk
//! (`/declaration-batches`) and followed by software (`/declarations/changes`, R-API-2).
pub mod get_batch;
pub mod get_declaration;
pub mod list_changes;
pub mod list_declarations;
pub mod submit_batch;
pub mod submit_declarations;
