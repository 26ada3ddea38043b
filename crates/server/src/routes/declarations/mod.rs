//! `/declarations`: what the landlord declares about a tenant (R-SPACE-5).
pub mod get_declaration;
pub mod list_declarations;
pub mod submit_declarations;
