//! Black-box tests of the HTTP API: one binary, each test with its own server and database.
// Tests fail loudly: unwrap and expect are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod cafs;
mod demo;
mod health;
mod helpers;
mod openapi;
mod schema;
mod spa;
