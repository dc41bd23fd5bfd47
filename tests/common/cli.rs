//! The one way tests run the milepost binary: a builder over a hermetic environment
//! (no colour, no inherited today, terminal width, CI or git configuration), and the
//! [`Outcome`] of a run with assertions that show stdout and stderr on a mismatch.
//!
//! ```ignore
//! let out = Milepost::new().dir(p).today("2026-10-14").args(["status"]).run().success();
//! let v = Milepost::example().args(["status", "--format", "json"]).run().success().json();
//! ```
use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

/// Variables of the developer's or CI's environment that change what milepost does.
const INHERITED: &[&str] = &[
    "MILEPOST_TODAY",
    "MILEPOST_TEST_PANIC",
    "COLUMNS",
    "RUST_BACKTRACE",
    "GITHUB_ACTIONS",
    "GITHUB_STEP_SUMMARY",
    "GITHUB_BASE_REF",
    "CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
];

/// A milepost command line being built; [`Milepost::run`] runs it.
pub struct Milepost {
    cmd: Command,
}

impl Milepost {
    /// The binary with `NO_COLOR=1`, git configuration ignored and [`INHERITED`]
    /// variables removed, run in the current directory.
    pub fn new() -> Milepost {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_milepost"));
        cmd.env("NO_COLOR", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1");
        for var in INHERITED {
            cmd.env_remove(var);
        }
        Milepost { cmd }
    }

    /// Run from the repository root on the bundled example (`-C examples/gpu-buildout`).
    pub fn example() -> Milepost {
        Milepost::new()
            .dir(env!("CARGO_MANIFEST_DIR"))
            .args(["-C", "examples/gpu-buildout"])
    }

    /// The working directory.
    pub fn dir(mut self, dir: impl AsRef<Path>) -> Milepost {
        self.cmd.current_dir(dir);
        self
    }

    /// The data date, through `MILEPOST_TODAY` (a `--today` argument wins over it).
    pub fn today(self, date: &str) -> Milepost {
        self.env("MILEPOST_TODAY", date)
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Milepost {
        self.cmd.arg(arg);
        self
    }

    pub fn args<S: AsRef<OsStr>>(mut self, args: impl IntoIterator<Item = S>) -> Milepost {
        self.cmd.args(args);
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Milepost {
        self.cmd.env(key, value);
        self
    }

    /// Sets each `(key, value)`.
    pub fn envs(mut self, vars: &[(&str, &str)]) -> Milepost {
        self.cmd.envs(vars.iter().copied());
        self
    }

    pub fn env_remove(mut self, key: &str) -> Milepost {
        self.cmd.env_remove(key);
        self
    }

    /// The command itself, for what [`Milepost::run`] does not cover (e.g. pipes).
    pub fn command(self) -> Command {
        self.cmd
    }

    /// Runs to the end, capturing stdout and stderr.
    pub fn run(mut self) -> Outcome {
        let out = self.cmd.output().expect("run milepost");
        Outcome {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// What a run did: its exit code (-1 when killed by a signal) and output as text.
#[derive(Debug)]
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Outcome {
    /// Asserts the exit code, showing both outputs if it differs.
    #[track_caller]
    pub fn code(self, expected: i32) -> Outcome {
        assert_eq!(
            self.code, expected,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts exit code 0.
    #[track_caller]
    pub fn success(self) -> Outcome {
        self.code(0)
    }

    /// stdout parsed as JSON.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    /// (code, stdout, stderr), for tests that look at all three.
    pub fn parts(self) -> (i32, String, String) {
        (self.code, self.stdout, self.stderr)
    }
}
