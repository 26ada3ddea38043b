pub mod healthz;
pub mod readyz;
