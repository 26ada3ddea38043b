//! Black-box tests of the HTTP API: one binary, each test with its own server and database.
// Tests fail loudly: unwrap and expect are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used)]
// Tests pick their own start instant (a `ManualClock` set from the system clock, unique names).
#![allow(clippy::disallowed_methods)]
mod assertions;
mod batches;
mod cafs;
mod concurrency;
mod crash;
mod declarations;
mod declaring;
mod demo;
mod first_connection;
mod flow_intent_migration;
mod flow_lifetime;
mod flows;
mod health;
mod helpers;
mod idempotency;
mod imports;
mod linking;
mod openapi;
mod otp;
mod partner_data;
mod partner_users;
mod payments;
mod processing;
mod profile;
mod recovery;
mod recovery_codes;
mod schema;
mod security;
mod sessions;
mod sign_in;
mod smtp;
mod software;
mod spa;
mod switching;
mod tenants;
mod throttling;
mod tokens;
