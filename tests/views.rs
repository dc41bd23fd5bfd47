//! One in-process snapshot per view × format: each reporting view built from the
//! bundled example (today = 2026-12-14, as in the README) and rendered through
//! `render::view` in every format it supports; the formats it does not support are
//! refused with `ErrorKind::Unsupported`. The `check` CI formats are snapshotted too.
//! The views are built as the commands in src/cli/ build them. views/widths.rs renders
//! every table at 60, 80, 100 and 120 columns.
mod views {
    pub mod build;
    mod widths;
}

use std::io::ErrorKind;

use milepost::render::Format;
use milepost::render::table::{FIXED_WIDTH, Style};
use milepost::render::view::{self, View};

use views::build::{
    check, clusters, critical, diff, example, history, kpi, lint, lint_ci, risk, show, status,
    vendors,
};

/// `view` in `format` as a plain, fixed-width terminal would get it.
fn render(view: &impl View, format: Format) -> String {
    let text = view::to_string(view, format, Style::default()).expect("renders");
    assert!(!text.trim().is_empty(), "empty {format:?} output");
    text
}

/// One snapshot test: `view` (a builder in views/build.rs) in `format`.
macro_rules! snapshot {
    ($test:ident: $view:ident, $format:ident, $name:literal) => {
        #[test]
        fn $test() {
            let plan = example();
            let text = render(&$view(&plan), Format::$format);
            insta::assert_snapshot!($name, text);
        }
    };
}

/// One test that `view` has no output in `format`.
macro_rules! unsupported {
    ($test:ident: $view:ident, $format:ident) => {
        #[test]
        fn $test() {
            let plan = example();
            let err = view::to_string(&$view(&plan), Format::$format, Style::default())
                .expect_err("no output in this format");
            assert_eq!(err.kind(), ErrorKind::Unsupported);
        }
    };
}

snapshot!(status_table: status, Table, "status__table");
snapshot!(status_json: status, Json, "status__json");
snapshot!(status_markdown: status, Markdown, "status__markdown");
snapshot!(status_csv: status, Csv, "status__csv");

snapshot!(show_table: show, Table, "show__table");
snapshot!(show_json: show, Json, "show__json");
snapshot!(show_markdown: show, Markdown, "show__markdown");
unsupported!(show_csv: show, Csv);

snapshot!(critical_table: critical, Table, "critical__table");
snapshot!(critical_json: critical, Json, "critical__json");
snapshot!(critical_markdown: critical, Markdown, "critical__markdown");
snapshot!(critical_csv: critical, Csv, "critical__csv");

snapshot!(risk_table: risk, Table, "risk__table");
snapshot!(risk_json: risk, Json, "risk__json");
snapshot!(risk_markdown: risk, Markdown, "risk__markdown");
snapshot!(risk_csv: risk, Csv, "risk__csv");

snapshot!(clusters_table: clusters, Table, "clusters__table");
snapshot!(clusters_json: clusters, Json, "clusters__json");
snapshot!(clusters_markdown: clusters, Markdown, "clusters__markdown");
snapshot!(clusters_csv: clusters, Csv, "clusters__csv");

snapshot!(kpi_table: kpi, Table, "kpi__table");
snapshot!(kpi_json: kpi, Json, "kpi__json");
snapshot!(kpi_markdown: kpi, Markdown, "kpi__markdown");
snapshot!(kpi_csv: kpi, Csv, "kpi__csv");

snapshot!(vendors_table: vendors, Table, "vendors__table");
snapshot!(vendors_json: vendors, Json, "vendors__json");
snapshot!(vendors_markdown: vendors, Markdown, "vendors__markdown");
snapshot!(vendors_csv: vendors, Csv, "vendors__csv");

snapshot!(diff_table: diff, Table, "diff__table");
snapshot!(diff_json: diff, Json, "diff__json");
snapshot!(diff_markdown: diff, Markdown, "diff__markdown");
unsupported!(diff_csv: diff, Csv);

snapshot!(history_table: history, Table, "history__table");
snapshot!(history_json: history, Json, "history__json");
snapshot!(history_markdown: history, Markdown, "history__markdown");
// HistoryView keeps the default `View::csv` (its grid), unlike show and diff, so it
// has CSV in process although `history --format csv` is a usage error.
unsupported!(history_csv: history, Csv);

snapshot!(lint_table: lint, Table, "lint__table");
snapshot!(lint_json: lint, Json, "lint__json");
snapshot!(lint_markdown: lint, Markdown, "lint__markdown");

/// One snapshot test of the example's `lint` findings in a CI format.
macro_rules! lint_snapshot {
    ($test:ident: $format:ident, $name:literal) => {
        #[test]
        fn $test() {
            let plan = example();
            let text = lint_ci(&plan, milepost::render::lint::LintFormat::$format);
            insta::assert_snapshot!($name, text);
        }
    };
}

lint_snapshot!(lint_github: Github, "lint__github");
lint_snapshot!(lint_gitlab: Gitlab, "lint__gitlab");
lint_snapshot!(lint_junit: Junit, "lint__junit");

/// One snapshot test of the example's `check` findings in a CI format.
macro_rules! check_snapshot {
    ($test:ident: $format:ident, $name:literal) => {
        #[test]
        fn $test() {
            use milepost::render::check::CheckFormat;
            let plan = example();
            let result = check(&plan, CheckFormat::$format);
            let text = milepost::render::check::render(&result, CheckFormat::$format);
            assert!(!text.trim().is_empty(), "empty check output");
            insta::assert_snapshot!($name, text);
        }
    };
}

check_snapshot!(check_text: Text, "check__text");
check_snapshot!(check_json: Json, "check__json");
check_snapshot!(check_github: Github, "check__github");
check_snapshot!(check_gitlab: Gitlab, "check__gitlab");
check_snapshot!(check_junit: Junit, "check__junit");

/// Every view's JSON parses, and its table fits the fixed width (except `show`: its
/// `driving_chain` line is one unwrapped line, 162 columns on the example).
#[test]
fn every_view_has_json_that_parses_and_a_table_within_the_fixed_width() {
    let plan = example();
    let mut too_wide = Vec::new();
    let mut visit = |name: &str, view: &dyn Fn(Format) -> String| {
        let fixed = name != "show";
        let json = view(Format::Json);
        if let Err(e) = serde_json::from_str::<serde_json::Value>(&json) {
            panic!("{name}: the JSON does not parse: {e}");
        }
        for line in view(Format::Table).lines() {
            let width = line.chars().count();
            if fixed && width > usize::from(FIXED_WIDTH) {
                too_wide.push(format!("{name} ({width} columns): {line}"));
            }
        }
    };
    visit("status", &|f| render(&status(&plan), f));
    visit("show", &|f| render(&show(&plan), f));
    visit("critical", &|f| render(&critical(&plan), f));
    visit("clusters", &|f| render(&clusters(&plan), f));
    visit("risk", &|f| render(&risk(&plan), f));
    visit("kpi", &|f| render(&kpi(&plan), f));
    visit("vendors", &|f| render(&vendors(&plan), f));
    visit("diff", &|f| render(&diff(&plan), f));
    visit("history", &|f| render(&history(&plan), f));
    visit("lint", &|f| render(&lint(&plan), f));
    assert!(
        too_wide.is_empty(),
        "lines wider than {FIXED_WIDTH}:\n{}",
        too_wide.join("\n")
    );
}
