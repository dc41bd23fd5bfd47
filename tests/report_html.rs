//! `milepost report --format html`: one self-contained file with the markdown report's
//! sections in the same order, the Gantt chart inline, an S-curve per commitment, no
//! script and no external resource; names from program files escaped; `--sections`,
//! `--since`, `--baseline` and `-o` as for markdown. When `chromium` is installed it
//! opens the page headless: a screenshot that is not blank, the DOM with every cluster
//! and the chart, a PDF with the expected page count, and no console message.
mod common;

use common::chromium::Chromium;
use common::repo::Repo;
use common::{Milepost, TestProgram};
use resvg::tiny_skia::Pixmap;

const TODAY: &str = "2026-12-14";

fn example(args: &[&str]) -> String {
    Milepost::example()
        .args(["--today", TODAY, "report", "--format", "html"])
        .args(args)
        .run()
        .success()
        .stdout
}

/// The example's cluster ids.
fn example_clusters() -> Vec<String> {
    let out = Milepost::example()
        .args(["--today", TODAY, "clusters", "--format", "json"])
        .run()
        .success();
    let json = out.json();
    let rows = json["clusters"]
        .as_array()
        .or_else(|| json.as_array())
        .expect("clusters")
        .clone();
    let ids: Vec<String> = rows
        .iter()
        .map(|c| c["id"].as_str().expect("id").to_string())
        .collect();
    assert!(ids.len() >= 3, "{json}");
    ids
}

/// The `id`s of the `<section>`s, in order.
fn section_ids(html: &str) -> Vec<String> {
    html.split("<section id=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or("").to_string())
        .collect()
}

/// Fails on anything the page would fetch or run.
fn assert_self_contained(html: &str) {
    for banned in ["<script", "<link", "<img", "<iframe", "@import", "src="] {
        assert!(!html.contains(banned), "the page has {banned}");
    }
    // `url(#arrow)`: a reference inside the page.
    for (at, m) in html.match_indices("url(") {
        assert!(
            html[at + m.len()..].starts_with('#'),
            "the page fetches {}",
            &html[at..at + 40]
        );
    }
    // A URL may appear only as a link someone clicks.
    for scheme in ["http://", "https://"] {
        for (at, _) in html.match_indices(scheme) {
            let before = &html[..at];
            assert!(
                before.ends_with("<a href=\""),
                "a {scheme} reference: {}",
                &html[at.saturating_sub(60)..at + 40]
            );
        }
    }
}

#[test]
fn the_example_has_every_section_cluster_the_chart_and_the_curves() {
    let html = example(&[]);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert_self_contained(&html);
    // The sections of the markdown report, in its order.
    let md = Milepost::example()
        .args(["--today", TODAY, "report"])
        .run()
        .success()
        .stdout;
    let titles: Vec<&str> = md.lines().filter_map(|l| l.strip_prefix("## ")).collect();
    assert_eq!(
        section_ids(&html),
        [
            "summary",
            "clusters",
            "gantt",
            "critical",
            "late",
            "stale",
            "upcoming",
            "risks",
            "confidence",
            "vendors",
            "kpis",
            "quality"
        ]
    );
    assert_eq!(html.matches("<h2>").count(), titles.len());
    for title in &titles {
        assert!(html.contains(&format!("<h2>{title}</h2>")), "{title}");
    }
    for id in example_clusters() {
        assert!(html.contains(&format!("<code>{id}</code>")), "{id}");
    }
    // The Gantt chart inline, without an XML namespace URL; real tables, health pills.
    // On screen one chart; in print the same cut into page-high parts between lanes.
    assert!(html.contains("<figure class=\"chart screen-only\">\n<svg width=\"1400\""));
    let parts = html.matches("<figure class=\"chart part\">").count();
    assert!((2..=6).contains(&parts), "{parts} printed parts");
    assert!(html.contains(&format!("<p>Printed in {parts} parts, a page each")));
    assert_eq!(
        html.matches("<svg").count(),
        1 + parts + html.matches("<figure><figcaption>").count()
    );
    assert!(html.matches("<table>").count() >= 8);
    assert!(html.contains("<span class=\"pill h-overdue\">overdue</span>"));
    assert!(html.contains("<span class=\"pill rag h-slipping\">Red</span>"));
    // An S-curve for the program finish and each cluster's ready_by in the table.
    let curves = html.matches("<figure><figcaption>").count();
    assert_eq!(curves, 1 + md.matches(" ready_by | ").count(), "{curves}");
    assert!(html.contains("committed 2027-06-30"));
    // Print: landscape pages, no break inside a row or a chart, headings with what follows.
    for rule in [
        "@page { size: A4 landscape;",
        "@media print",
        "break-inside: avoid",
        "break-after: avoid",
    ] {
        assert!(html.contains(rule), "{rule}");
    }
    // Deterministic.
    assert_eq!(html, example(&[]));
}

#[test]
fn sections_and_the_output_file_work_as_for_markdown() {
    let html = example(&["--sections", "kpis,summary"]);
    assert_eq!(section_ids(&html), ["summary", "kpis"]);
    assert!(!html.contains("<svg"), "no chart without the gantt section");
    let html = example(&["--sections", "gantt"]);
    assert_eq!(section_ids(&html), ["gantt"]);
    assert!(html.contains("<figure class=\"chart screen-only\">\n<svg"));
    // -o report.html picks HTML; --format markdown overrides it.
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("status.html");
    Milepost::example()
        .args(["--today", TODAY, "report", "-o"])
        .arg(&target)
        .run()
        .success();
    assert_eq!(
        std::fs::read_to_string(&target).expect("read"),
        example(&[])
    );
    Milepost::example()
        .args(["--today", TODAY, "report", "--format", "markdown", "-o"])
        .arg(&target)
        .run()
        .success();
    let md = std::fs::read_to_string(&target).expect("read");
    assert!(md.starts_with("# "), "{md}");
}

#[test]
fn a_cluster_report_charts_that_cluster() {
    let html = example(&["--cluster", "dfw1-h200"]);
    assert!(
        html.contains("<h1>2027 GPU build-out — cluster dfw1-h200: status report</h1>"),
        "{}",
        &html[..2000]
    );
    let chart = html
        .split("<figure class=\"chart\">")
        .nth(1)
        .expect("chart");
    let chart = chart.split("</figure>").next().expect("chart end");
    assert!(chart.contains("dfw1-h200"));
    assert!(
        !chart.contains("dfw1-gb200"),
        "another cluster in the chart"
    );
}

const TOML: &str = "[program]\nname = \"Demo\"\nstart = 2026-10-05\n";
const SITES: &str =
    "sites:\n  - {id: s1}\nclusters:\n  - {id: x, site: s1, gpus: 8, ready_by: 2026-10-16}\n";
const V1: &str = "milestones:
  - {id: a, name: A, cluster: x, duration: 3}
  - {id: b, name: B, cluster: x, duration: 2, depends_on: [a]}
  - {id: c, name: C, cluster: x, duration: 4, depends_on: [b], due: 2026-10-16}
";
const NOW: &str = "milestones:
  - {id: a, name: A, cluster: x, duration: 3, status: done, finished: 2026-10-07}
  - {id: b, name: B, cluster: x, duration: 2, depends_on: [a], status: in_progress, started: 2026-10-08, remaining: 2, as_of: 2026-10-14}
  - {id: c, name: C, cluster: x, duration: 4, depends_on: [b], due: 2026-10-16}
  - {id: d, name: D, cluster: x, status: done, finished: 2026-10-12}
";

#[test]
fn since_and_baseline_from_git() {
    let r = Repo::new();
    r.write("p/milepost.toml", TOML)
        .write("p/sites.yaml", SITES)
        .write("p/plan.yaml", V1);
    r.commit("2026-10-05", "Plan");
    r.git(&["tag", "v1"]);
    r.write("p/plan.yaml", NOW);
    let (code, html, err) = r
        .milepost("p")
        .args([
            "--today",
            "2026-10-14",
            "report",
            "--format",
            "html",
            "--since",
            "v1",
            "--baseline",
            "v1",
        ])
        .run()
        .parts();
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        section_ids(&html).last().map(String::as_str),
        Some("changes")
    );
    assert!(
        html.contains("<h2>Changes since <code>v1</code> ("),
        "{html}"
    );
    assert!(
        html.contains("<strong>Against baseline <code>v1</code>:</strong> finish <span class=\"nw\">2026-10-15</span> → <span class=\"nw\">2026-10-21</span> (+4 working days)"),
        "{html}"
    );
    assert!(html.contains("<td><code>c</code></td>"), "{html}");
    // The baseline's ghost bars in the chart.
    assert!(html.contains("baseline"), "{html}");
    assert_self_contained(&html);
}

const NAMES: [&str; 4] = [
    "<script>alert(1)</script>",
    "Tom & Jerry's \"rack\" > 5",
    "تركيب الخوادم",
    "機架安裝與佈線",
];

/// A program whose milestone names (and program name) are [`NAMES`].
fn hostile() -> TestProgram {
    let mut yaml = String::from("sites:\n  - {id: s1}\nmilestones:\n");
    for (i, name) in NAMES.iter().enumerate() {
        let quoted = name.replace('\\', "\\\\").replace('"', "\\\"");
        yaml.push_str(&format!(
            "  - {{id: m{i}, site: s1, duration: 3, owner: \"{quoted}\", name: \"{quoted}\"}}\n"
        ));
    }
    TestProgram::new("[program]\nname = \"<b>Evil</b> & \\\"co\\\"\"\nstart = 2026-10-05\n")
        .file("m.yaml", &yaml)
}

#[test]
fn names_are_escaped_and_shown_as_text() {
    let p = hostile();
    let html = p
        .cmd("2026-10-05")
        .args(["report", "--format", "html"])
        .run()
        .success()
        .stdout;
    assert_self_contained(&html);
    assert!(!html.contains("<b>Evil"), "{html}");
    assert!(html.contains("&lt;b&gt;Evil&lt;/b&gt; &amp; "), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("Tom &amp; Jerry"));
    for name in &NAMES[2..] {
        assert!(html.contains(name), "{name}");
    }
    let Some(dom) = Chromium::find().map(|c| c.dom(&html)) else {
        return;
    };
    // The browser's DOM has no script element and every name as text.
    assert!(!dom.contains("<script"), "{dom}");
    for shown in [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "Tom &amp; Jerry's \"rack\" &gt; 5",
        NAMES[2],
        NAMES[3],
    ] {
        assert!(dom.contains(shown), "{shown} not in the DOM");
    }
}

/// Pixels of `png` within 40 of `rgb` on each channel.
fn pixels_near(png: &Pixmap, rgb: (u8, u8, u8)) -> usize {
    let near = |a: u8, b: u8| a.abs_diff(b) <= 40;
    png.pixels()
        .iter()
        .filter(|p| near(p.red(), rgb.0) && near(p.green(), rgb.1) && near(p.blue(), rgb.2))
        .count()
}

#[test]
fn chromium_shows_it_and_prints_it() {
    let Some(chromium) = Chromium::find() else {
        return;
    };
    let html = example(&[]);
    // The DOM: every cluster and the inline chart, and no script.
    let dom = chromium.dom(&html);
    for id in example_clusters() {
        assert!(dom.contains(&id), "{id} not in the DOM");
    }
    assert!(
        dom.contains("<figure class=\"chart screen-only\">\n<svg"),
        "no inline chart in the DOM"
    );
    assert!(!dom.contains("<script"));
    // A screenshot that is not blank, with the health colours.
    let shot = chromium.path("shot.png");
    chromium.run(
        &html,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1400,1000",
        ],
    );
    let png = Pixmap::load_png(&shot).expect("png");
    assert_eq!((png.width(), png.height()), (1400, 1000));
    let white = pixels_near(&png, (255, 255, 255));
    let total = (png.width() * png.height()) as usize;
    assert!(
        total - white > total / 20,
        "blank: {white} of {total} pixels white"
    );
    assert!(
        pixels_near(&png, (0xd5, 0x5e, 0x00)) > 200,
        "no Red status pill"
    );
    // Printed: A4 landscape pages; the example fills `PAGES`.
    let pdf = chromium.path("report.pdf");
    chromium.run(
        &html,
        &[
            &format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer",
        ],
    );
    let bytes = std::fs::read(&pdf).expect("pdf");
    let pages = count_pages(&bytes);
    let parts = html.matches("<figure class=\"chart part\">").count();
    assert!(
        pages > parts + 2,
        "{pages} pages for {parts} chart parts and the rest"
    );
    assert_eq!(pages, PAGES, "pages");
}

/// The example's printed pages, A4 landscape, as Chromium 156 lays them out: the header
/// with the summary and clusters, the Gantt chart's print parts (a page at most each, no
/// break inside one), the lists, Confidence with its curves, vendors, KPIs and quality.
/// A layout change moves it: look at the PDF before changing the number.
const PAGES: usize = 11;

/// `/Type /Page` objects (not `/Pages`).
fn count_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type /Page")
        .filter(|(at, m)| !text[at + m.len()..].starts_with('s'))
        .count()
}

#[test]
fn pages_are_counted_without_the_page_tree() {
    let pdf = b"<< /Type /Pages /Count 2 >> << /Type /Page >> << /Type /Page /Parent 1 0 R >>";
    assert_eq!(count_pages(pdf), 2);
}
