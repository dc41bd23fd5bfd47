//! `milepost gantt`: the SVG parses as XML and renders with an independent renderer
//! (rsvg-convert) to a picture that is not blank; the PNG has the size asked for and
//! text drawn with the fonts in the binary; names are escaped; the same input gives the
//! same bytes; large programs are drawn by phase.
mod common;

use common::{Milepost, TestProgram};
use milepost::analysis::gantt::{self, GanttOptions};
use milepost::render::gantt::{SvgOptions, svg};
use milepost::render::gantt_png::png;
use resvg::tiny_skia::Pixmap;

const TODAY: &str = "2026-12-14";

/// The bundled example, scheduled as of [`TODAY`].
fn example_plan() -> milepost::analysis::Plan {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/gpu-buildout");
    let tree = milepost::source::WorkTree::new(dir).unwrap();
    let today = common::date(TODAY);
    let v = milepost::validate::validate(milepost::load::load(&tree).unwrap(), today);
    milepost::analysis::Plan::new(v.program.unwrap(), today).unwrap()
}

fn example(args: &[&str]) -> Vec<u8> {
    let out = Milepost::example()
        .today(TODAY)
        .arg("gantt")
        .args(args)
        .command()
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn example_svg(args: &[&str]) -> String {
    String::from_utf8(example(args)).unwrap()
}

/// The texts of every `<text>` element.
fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}"));
    doc.descendants()
        .filter(|n| n.has_tag_name("text") || n.has_tag_name("title"))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

#[test]
fn the_svg_is_xml_with_every_lane_the_legend_and_the_data_date() {
    let svg = example_svg(&[]);
    let texts = texts(&svg);
    for lane in [
        "dfw1 · dfw1-a100",
        "dfw1 · dfw1-gb200",
        "dfw1 · dfw1-h200",
        "tpe1 · tpe1-h200",
        "dfw1 · site work",
        "program",
    ] {
        assert!(texts.iter().any(|t| t == lane), "no lane {lane}");
    }
    assert!(texts.iter().any(|t| t == "2027 GPU build-out"));
    assert!(texts.iter().any(|t| t.contains("data date 2026-12-14")));
    assert!(texts.iter().any(|t| t == "today 2026-12-14"));
    assert!(
        texts.iter().any(|t| t == "+4 wd"),
        "the handover's gap: {texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("dfw1-h200-cabling — InfiniBand cabling")),
        "tooltips"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("the dependency that drives each bar"))
    );
}

#[test]
fn the_same_program_gives_the_same_bytes() {
    assert_eq!(example(&[]), example(&[]));
    assert_eq!(example(&["--format", "png"]), example(&["--format", "png"]));
}

#[test]
fn rsvg_convert_renders_it_to_a_picture_that_is_not_blank() {
    if std::process::Command::new("rsvg-convert")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("rsvg-convert not installed (Debian librsvg2-bin): skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let svg_path = dir.path().join("g.svg");
    std::fs::write(&svg_path, example(&[])).unwrap();
    let png_path = dir.path().join("g.png");
    let out = std::process::Command::new("rsvg-convert")
        .arg("-o")
        .arg(&png_path)
        .arg(&svg_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pixmap = Pixmap::load_png(&png_path).unwrap();
    assert_eq!(pixmap.width(), 1400);
    let coloured = pixmap
        .pixels()
        .iter()
        .filter(|p| p.alpha() > 0 && (p.red() != p.green() || p.green() != p.blue()))
        .count();
    assert!(coloured > 10_000, "only {coloured} coloured pixels");
}

/// Dark pixels (text, outlines) in a PNG.
fn dark(png: &[u8]) -> usize {
    let pixmap = Pixmap::decode_png(png).unwrap();
    pixmap
        .pixels()
        .iter()
        .filter(|p| u16::from(p.red()) + u16::from(p.green()) + u16::from(p.blue()) < 200)
        .count()
}

#[test]
fn the_png_has_its_size_and_text_drawn_with_the_fonts_in_the_binary() {
    let bytes = example(&["--format", "png", "--width", "1000", "--scale", "2"]);
    let pixmap = Pixmap::decode_png(&bytes).unwrap();
    assert_eq!(pixmap.width(), 2000);
    // With and without labels: the text is what differs (the fonts are embedded, so
    // this holds on a machine without fonts).
    let plan = example_plan();
    let items: Vec<usize> = (0..plan.program.milestones.len()).collect();
    let view = gantt::build(&plan, &items, &GanttOptions::default(), "x".into());
    let with = png(
        &svg(
            &view,
            &SvgOptions {
                width: 1000,
                labels: true,
            },
        ),
        1.0,
    )
    .unwrap();
    let without = png(
        &svg(
            &view,
            &SvgOptions {
                width: 1000,
                labels: false,
            },
        ),
        1.0,
    )
    .unwrap();
    let (a, b) = (dark(&with), dark(&without));
    assert!(a > b + 5_000, "text pixels: {a} with labels, {b} without");
}

#[test]
fn names_are_escaped_and_shown_as_text() {
    let names = [
        "<script>alert(1)</script>",
        "Tom & Jerry's \"rack\" > 5",
        "تركيب الخوادم",
        "機架安裝與佈線",
    ];
    let mut yaml = String::from("sites:\n  - {id: s1}\nmilestones:\n");
    for (i, name) in names.iter().enumerate() {
        let quoted = name.replace('\\', "\\\\").replace('"', "\\\"");
        yaml.push_str(&format!(
            "  - {{id: m{i}, site: s1, duration: 3, name: \"{quoted}\"}}\n"
        ));
    }
    let p = TestProgram::simple().file("m.yaml", &yaml);
    let out = p.cmd("2026-10-05").args(["gantt"]).run().success();
    let doc = roxmltree::Document::parse(&out.stdout).unwrap();
    assert!(!doc.descendants().any(|n| n.has_tag_name("script")));
    let texts = texts(&out.stdout);
    for name in names {
        assert!(texts.iter().any(|t| t == name), "{name} not shown as text");
    }
}

#[test]
fn the_slide_version_and_the_critical_view_keep_fewer_rows() {
    let rows = |args: &[&str]| {
        let v: serde_json::Value =
            serde_json::from_slice(&example(&[args, &["--format", "json"]].concat())).unwrap();
        v["items"].as_u64().unwrap()
    };
    let all = rows(&[]);
    let slide = rows(&["--milestones-only"]);
    let critical = rows(&["--critical"]);
    assert!(slide < all && critical < all, "{all} {slide} {critical}");
    let v: serde_json::Value =
        serde_json::from_slice(&example(&["--milestones-only", "--format", "json"])).unwrap();
    for lane in v["lanes"].as_array().unwrap() {
        for row in lane["rows"].as_array().unwrap() {
            assert!(row["event"] == true || !row["flag"].is_null(), "{row}");
        }
    }
    let v: serde_json::Value = serde_json::from_slice(&example(&[
        "--cluster",
        "dfw1-h200",
        "--from",
        "2026-12-01",
        "--to",
        "2027-01-31",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(v["lanes"].as_array().unwrap().len(), 1);
    assert_eq!(
        (v["from"].as_str(), v["to"].as_str()),
        (Some("2026-12-01"), Some("2027-01-31"))
    );
}

#[test]
fn more_than_300_items_are_drawn_by_phase_and_it_says_so() {
    let mut yaml =
        String::from("sites:\n  - {id: s1}\nclusters:\n  - {id: c1, site: s1}\nmilestones:\n");
    for i in 0..320 {
        let kind = ["procurement", "delivery", "deployment", "acceptance"][i % 4];
        let dep = if i > 0 {
            format!(", depends_on: [m{}]", i - 1)
        } else {
            String::new()
        };
        yaml.push_str(&format!(
            "  - {{id: m{i}, cluster: c1, kind: {kind}, duration: 1{dep}}}\n"
        ));
    }
    let p = TestProgram::simple().file("m.yaml", &yaml);
    let out = p.cmd("2026-10-05").args(["gantt"]).run().success();
    let texts = texts(&out.stdout);
    assert!(
        texts.iter().any(|t| t.contains("one bar per phase")),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t == "procurement (80 items)"));
}

#[test]
fn an_unknown_extension_is_a_usage_error() {
    let out = Milepost::example()
        .today(TODAY)
        .args(["gantt", "-o", "chart.jpg"])
        .run()
        .code(2);
    assert!(
        out.stderr.contains("cannot tell the format of a .jpg file"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_baseline_draws_a_grey_bar_ending_at_the_baseline_finish() {
    let repo = common::repo::Repo::new();
    let toml = "[program]\nname = \"p\"\nstart = 2026-10-05\n";
    let plan = |d: u32| {
        format!(
            "sites:\n  - {{id: s1}}\nmilestones:\n  - {{id: a, site: s1, duration: {d}}}\n  - {{id: b, site: s1, duration: 2, depends_on: [a]}}\n"
        )
    };
    repo.write("milepost.toml", toml)
        .write("plan.yaml", &plan(3));
    repo.commit("2026-10-01", "plan");
    repo.git(&["tag", "v1"]);
    repo.write("plan.yaml", &plan(5));
    let out = repo
        .milepost(".")
        .args([
            "--today",
            "2026-10-05",
            "gantt",
            "--baseline",
            "v1",
            "--format",
            "json",
        ])
        .run()
        .success();
    let v = out.json();
    assert_eq!(v["baseline"], "v1");
    let rows = v["lanes"][0]["rows"].as_array().unwrap();
    // b: 2026-10-12..13 now; at v1 it finished 2026-10-09 (two working days earlier).
    let b = rows.iter().find(|r| r["id"] == "b").unwrap();
    assert_eq!(
        (b["start"].as_str(), b["finish"].as_str()),
        (Some("2026-10-12"), Some("2026-10-13"))
    );
    assert_eq!(
        b["baseline"],
        serde_json::json!(["2026-10-08", "2026-10-09"])
    );
    let svg = repo
        .milepost(".")
        .args(["--today", "2026-10-05", "gantt", "--baseline", "v1"])
        .run()
        .success()
        .stdout;
    assert!(texts(&svg).iter().any(|t| t == "baseline"), "legend entry");
}

/// The golden chart of the example: a change to the drawing shows up in review as a
/// diff of this snapshot (`cargo insta review`).
#[test]
fn the_example_chart_is_the_golden_one() {
    insta::assert_snapshot!(
        "gantt_example_svg",
        example_svg(&["--cluster", "dfw1-h200"])
    );
}
