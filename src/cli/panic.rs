//! A panic is a bug: it is reported briefly, with the version and where to report it,
//! and the process exits with status 101 (never a partial result with status 0).
use std::io::Write;
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::process::ExitCode;

/// The exit status after a panic (as Rust's own).
pub const PANIC_EXIT: u8 = 101;

/// With this variable set, milepost panics on purpose (to test this module end to end).
pub const TEST_PANIC_VAR: &str = "MILEPOST_TEST_PANIC";

/// Runs `run` with the bug-report hook installed; a panic becomes exit status 101.
pub fn guard(run: impl FnOnce() -> ExitCode) -> ExitCode {
    panic::set_hook(Box::new(hook));
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        if std::env::var_os(TEST_PANIC_VAR).is_some_and(|v| !v.is_empty()) {
            panic!("a deliberate panic: {TEST_PANIC_VAR} is set");
        }
        run()
    }));
    result.unwrap_or(ExitCode::from(PANIC_EXIT))
}

fn hook(info: &PanicHookInfo<'_>) {
    let payload = info.payload();
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an unknown panic".into());
    let at = info
        .location()
        .map(|l| format!("{}:{}", l.file(), l.line()))
        .unwrap_or_default();
    let mut text = message(&what, &at);
    if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0") {
        text.push_str(&format!(
            "\n{}\n",
            std::backtrace::Backtrace::force_capture()
        ));
    }
    // stderr may be closed too; there is nothing more to do then.
    let _ = std::io::stderr().write_all(text.as_bytes());
}

/// The report for a panic with message `what` at `at` (file:line).
pub fn message(what: &str, at: &str) -> String {
    let tracker = match option_env!("CARGO_PKG_REPOSITORY") {
        Some(repo) if !repo.is_empty() => format!("{}/issues", repo.trim_end_matches('/')),
        _ => "the milepost issue tracker".into(),
    };
    format!(
        "error: milepost {} hit an internal error; this is a bug in milepost, not in your program.\n  \
         {what} (at {at})\n  \
         Please report it at {tracker} with the command you ran and, if you can, the files it read.\n  \
         (Output files are written whole or not at all.) Set RUST_BACKTRACE=1 for a backtrace.\n",
        env!("CARGO_PKG_VERSION")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_says_bug_version_and_where_to_report() {
        let text = message("index out of bounds", "src/x.rs:3");
        assert!(text.contains("this is a bug"), "{text}");
        assert!(text.contains(env!("CARGO_PKG_VERSION")));
        assert!(text.contains("index out of bounds (at src/x.rs:3)"));
        assert!(text.contains("Please report it at"));
    }
}
