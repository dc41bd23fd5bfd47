//! The `milepost` binary: a thin shell over [`milepost::cli`].
fn main() -> std::process::ExitCode {
    milepost::cli::main()
}
