//! `milepost risk` (SPEC §5) against independent expectations: analytic cases worked
//! by hand, properties on generated programs, and a plain sequential simulation
//! written separately here.
mod common;
#[path = "risk/analytic.rs"]
mod analytic;
#[path = "risk/cli.rs"]
mod cli;
#[path = "risk/properties.rs"]
mod properties;
#[path = "risk/sequential.rs"]
mod sequential;
