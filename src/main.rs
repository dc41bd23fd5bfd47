//! The `milepost` binary: a thin shell over [`milepost::cli`].
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

// mimalloc's `mi_option_set` and its option `mi_option_purge_delay` (index 15 of
// `mi_option_e` in mimalloc.h, v2 and v3 alike): libmimalloc-sys exports the function
// only with its `extended` feature, which pulls in another crate for one call.
unsafe extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

fn main() -> std::process::ExitCode {
    // A command runs for seconds at most: memory freed is kept for reuse rather than
    // returned to the system and faulted in (and zeroed) again. `history` frees and
    // allocates a schedule per revision; returning it cost a sixth of its time.
    // SAFETY: sets a plain integer option before any thread starts.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    milepost::cli::main()
}
