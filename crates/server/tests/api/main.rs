//! Black-box tests of the HTTP API: one binary, each test with its own server and database.
mod cafs;
mod demo;
mod health;
mod helpers;
mod openapi;
mod schema;
mod spa;
