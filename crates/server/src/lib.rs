//! The `bailleur` server: HTTP API, the built web app, the contract, and operator commands.

pub mod agency_commands;
pub mod allowed_methods;
pub mod assets;
pub mod bench;
pub mod cli;
pub mod client_address;
pub mod config;
pub mod demo;
pub mod error;
pub mod extractors;
pub mod import_command;
pub mod openapi;
pub mod rate_limit;
pub mod routes;
pub mod security_headers;
pub mod startup;
pub mod state;
pub mod telemetry;
