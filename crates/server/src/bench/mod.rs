//! Baselines and measurements run by `make bench` (bench/run.py) through hidden subcommands.
pub mod linking;
pub mod raw_declarations;
pub mod space;
pub mod verify;
