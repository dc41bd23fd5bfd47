//! The `milepost` binary: a thin shell over [`milepost::cli`].
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
fn main() -> std::process::ExitCode {
    milepost::cli::main()
}
