//! Messages that mislead or miss the fix (issue #16, item 6): each test is one message
//! that used to point the wrong way, and now names the problem and what to do.
mod common;

use common::TestProgram;

const TODAY: &str = "2026-11-16";

/// Runs `args` in `p` and returns stderr, checking the exit status.
fn stderr(p: &TestProgram, args: &[&str], code: i32) -> String {
    let out = p.cmd(TODAY).args(args).run();
    assert_eq!(out.code, code, "exit status:\n{}", out.stderr);
    out.stderr
}

#[test]
fn a_hint_offers_only_valid_ids() {
    let p = TestProgram::simple().file(
        "plan.yaml",
        "milestones:\n  - {id: fabric_Up}\n  - {id: b, depends_on: [fabric-up]}\n",
    );
    let err = stderr(&p, &["validate"], 2);
    assert!(err.contains("milestone id `fabric_Up` must match"), "{err}");
    assert!(err.contains("unknown milestone `fabric-up`"), "{err}");
    assert!(!err.contains("did you mean `fabric_Up`"), "{err}");
}
