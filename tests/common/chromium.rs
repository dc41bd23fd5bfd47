//! Headless Chromium for the HTML report's checks (Debian `chromium`): a test that needs
//! it skips with a note when it is not installed.
use std::process::Command;

/// Headless Chromium, when installed (Debian `chromium`).
pub struct Chromium {
    dir: tempfile::TempDir,
}

impl Chromium {
    pub fn find() -> Option<Chromium> {
        let found = Command::new("chromium")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !found {
            eprintln!("note: chromium is not installed; the browser checks are skipped");
            return None;
        }
        Some(Chromium {
            dir: tempfile::tempdir().expect("tempdir"),
        })
    }

    /// Runs chromium on `html` with `args`; returns its stdout and stderr.
    pub fn run(&self, html: &str, args: &[&str]) -> (String, String) {
        let page = self.dir.path().join("report.html");
        std::fs::write(&page, html).expect("write");
        let out = Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--hide-scrollbars",
                "--enable-logging=stderr",
                "--v=0",
            ])
            .arg(format!(
                "--user-data-dir={}",
                self.dir.path().join("profile").display()
            ))
            .args(args)
            .arg(format!("file://{}", page.display()))
            .output()
            .expect("chromium");
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        );
        assert!(out.status.success(), "chromium failed: {stderr}");
        // The page has no script and loads nothing: any console message is a fault
        // (an uncaught error, a resource that failed to load).
        let console: Vec<&str> = stderr
            .lines()
            .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
            .collect();
        assert!(console.is_empty(), "console messages: {console:#?}");
        (stdout, stderr)
    }

    pub fn dom(&self, html: &str) -> String {
        self.run(html, &["--dump-dom"]).0
    }

    pub fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }
}
