//! `milepost risk` (SPEC §5) against independent expectations: analytic cases worked
//! by hand, properties on generated programs, and a plain sequential simulation
//! written separately here.
#[path = "risk/analytic.rs"]
mod analytic;
#[path = "risk/cli.rs"]
mod cli;
mod common;
#[path = "risk/properties.rs"]
mod properties;
#[path = "risk/sequential.rs"]
mod sequential;
