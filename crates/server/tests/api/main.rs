//! Black-box tests of the HTTP API: one binary, each test with its own server and database.
// Tests fail loudly: unwrap and expect are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod cafs;
mod concurrency;
mod declarations;
mod demo;
mod first_connection;
mod flows;
mod health;
mod helpers;
mod imports;
mod openapi;
mod otp;
mod partner_data;
mod partner_users;
mod payments;
mod processing;
mod profile;
mod recovery;
mod schema;
mod sessions;
mod sign_in;
mod smtp;
mod spa;
mod switching;
mod tenants;
mod throttling;
