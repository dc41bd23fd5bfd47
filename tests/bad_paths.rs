//! Paths in the bad-input corpus (docs/reliability.md): links out of the program and
//! link loops are reported and never followed, special files are skipped, unreadable
//! files and non-UTF-8 names are errors naming them.
mod common;
#[path = "support/bad_input.rs"]
mod support;

use support::{PLAN, TOML, check, expected, program};

#[cfg(unix)]
#[test]
fn links_out_of_the_program_and_link_loops_are_reported_and_not_followed() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(outside.path().join("secret.yaml"), "token: hunter2\n").expect("write");
    std::fs::create_dir(outside.path().join("shared")).expect("mkdir");
    let dir = program(
        TOML,
        &[("plan.yaml", PLAN.as_bytes()), ("in/real.yml", b"")],
    );
    let p = dir.path();
    symlink(outside.path().join("secret.yaml"), p.join("leak.yaml")).expect("link");
    symlink(outside.path().join("shared"), p.join("shared")).expect("link");
    symlink(p.join("loop-b.yaml"), p.join("loop-a.yaml")).expect("link");
    symlink(p.join("loop-a.yaml"), p.join("loop-b.yaml")).expect("link");
    symlink(p.join("in"), p.join("again")).expect("link");
    symlink(p.join("in/real.yml"), p.join("alias.yml")).expect("link");
    let stderr = check(
        "links",
        p,
        &[],
        0,
        &[
            expected("a symbolic link out of the program directory", "leak.yaml"),
            expected("a symbolic link out of the program directory", "shared"),
            expected("a symbolic link loop", "loop-a.yaml"),
            expected("a symbolic link loop", "loop-b.yaml"),
        ],
    );
    assert!(
        !stderr.contains("hunter2"),
        "a file outside the program was read"
    );
    assert!(
        !stderr.contains("again"),
        "a link to a directory inside is skipped quietly"
    );
    // milepost.toml itself may not lead out of the program either.
    std::fs::remove_file(p.join("milepost.toml")).expect("rm");
    std::fs::write(outside.path().join("milepost.toml"), TOML).expect("write");
    symlink(
        outside.path().join("milepost.toml"),
        p.join("milepost.toml"),
    )
    .expect("link");
    let stderr = check("config link", p, &[], 2, &[]);
    assert!(
        stderr.contains("milepost.toml: a symbolic link out of the program directory"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn special_files_are_skipped_and_unreadable_files_are_errors() {
    use std::os::unix::fs::PermissionsExt;
    let dir = program(
        TOML,
        &[
            ("plan.yaml", PLAN.as_bytes()),
            ("locked.yaml", b"risks: []\n"),
        ],
    );
    let p = dir.path();
    let fifo = std::process::Command::new("mkfifo")
        .arg(p.join("pipe.yaml"))
        .status()
        .is_ok_and(|s| s.success());
    let sock = std::os::unix::net::UnixListener::bind(p.join("sock.yaml")).ok();
    let locked = p.join("locked.yaml");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    // root reads anything: the unreadable half of the case needs an ordinary user.
    let unreadable = std::fs::read(&locked).is_err();
    let mut diags = Vec::new();
    if fifo {
        diags.push(expected(
            "not a regular file (a fifo); skipped",
            "pipe.yaml",
        ));
    }
    if sock.is_some() {
        diags.push(expected(
            "not a regular file (a socket); skipped",
            "sock.yaml",
        ));
    }
    if unreadable {
        diags.push(expected(
            "cannot read this file: Permission denied",
            "locked.yaml",
        ));
    }
    check("special", p, &[], if unreadable { 2 } else { 0 }, &diags);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).expect("chmod");
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_name_that_is_not_utf8_is_an_error_naming_it() {
    use std::os::unix::ffi::OsStrExt;
    let dir = program(TOML, &[("plan.yaml", PLAN.as_bytes())]);
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.yaml");
    std::fs::write(dir.path().join(name), PLAN).expect("write");
    check(
        "file name",
        dir.path(),
        &[],
        2,
        &[expected(
            "the file name is not valid UTF-8",
            "caf\u{FFFD}.yaml",
        )],
    );
}

/// A source whose one file fails to read (as an unreadable file does for an ordinary
/// user; the corpus may run as root, which reads everything).
struct Failing(milepost::source::Memory);

impl milepost::source::Source for Failing {
    fn program_files(
        &self,
        exclude: &[String],
    ) -> Result<milepost::source::Listing, milepost::source::SourceError> {
        self.0.program_files(exclude)
    }
    fn size(&self, rel: &str) -> Result<u64, milepost::source::SourceError> {
        self.0.size(rel)
    }
    fn read(&self, rel: &str, limit: u64) -> Result<Vec<u8>, milepost::source::SourceError> {
        if rel == "locked.yaml" {
            return Err(milepost::source::SourceError::Io {
                path: rel.into(),
                error: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
            });
        }
        self.0.read(rel, limit)
    }
    fn display_name(&self, rel: &str) -> String {
        self.0.display_name(rel)
    }
}

#[test]
fn a_file_that_cannot_be_read_is_an_error_naming_it_and_the_rest_is_read() {
    let source = Failing(
        milepost::source::Memory::new()
            .with("milepost.toml", TOML)
            .with("locked.yaml", PLAN)
            .with("plan.yaml", "milestones:\n  - {id: b, duraton: 1}\n"),
    );
    let loaded = milepost::load::load(&source).expect("load");
    let messages: Vec<String> = loaded
        .diags
        .iter()
        .map(|d| {
            let file = loaded
                .files
                .get(d.loc.as_ref().expect("loc").file())
                .expect("file");
            format!("{}: {} ({})", file.name, d.message, d.code)
        })
        .collect();
    assert!(
        messages.contains(
            &"locked.yaml: cannot read this file: permission denied (unreadable)".to_string()
        ),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("plan.yaml: unknown key `duraton`")),
        "{messages:?}"
    );
}
