//! The markdown of the report's header and sections as HTML, for the HTML report: parsed
//! as CommonMark with GFM tables, with raw HTML turned into text and links and images
//! into their text (nothing from a program file becomes markup), then health and
//! status badges drawn as coloured pills in the Gantt chart's palette.
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::gantt::colour;
use crate::analysis::Health;

/// Markdown to HTML.
pub(super) fn html(md: &str) -> String {
    let events = Parser::new_ext(md, Options::ENABLE_TABLES).map(|event| match event {
        Event::Html(text) | Event::InlineHtml(text) => Event::Text(text),
        Event::Start(Tag::Link { .. } | Tag::Image { .. })
        | Event::End(TagEnd::Link | TagEnd::Image) => Event::Text("".into()),
        other => other,
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    let mut out = out
        .replace("<table>", "<div class=\"table\"><table>")
        .replace("</table>", "</table></div>")
        .replace(
            "⚠️",
            "<span class=\"warn\" title=\"threatens a commitment\">⚠</span>",
        );
    for (badge, pill) in badges() {
        out = out.replace(&badge, &pill);
    }
    unbroken_dates(&out)
}

/// `2026-12-14` in text (not in tags) kept on one line: a table squeezes a date column
/// at its hyphens otherwise.
fn unbroken_dates(html: &str) -> String {
    let bytes = html.as_bytes();
    let is_date = |at: usize| {
        bytes.get(at..at + 10).is_some_and(|b| {
            b.iter().enumerate().all(|(k, c)| match k {
                4 | 7 => *c == b'-',
                _ => c.is_ascii_digit(),
            })
        }) && !bytes
            .get(at + 10)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-')
            && (at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'-'))
    };
    let mut out = String::with_capacity(html.len() + 64);
    let (mut at, mut from, mut in_tag) = (0, 0, false);
    while at < bytes.len() {
        match bytes[at] {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            _ if !in_tag && is_date(at) => {
                out.push_str(&html[from..at]);
                out.push_str("<span class=\"nw\">");
                out.push_str(&html[at..at + 10]);
                out.push_str("</span>");
                at += 10;
                from = at;
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    out.push_str(&html[from..]);
    out
}

/// The markdown report's badges (`🟡 at_risk`, `🔴 Red`) and the pills that replace them.
fn badges() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Health::ALL
        .iter()
        .map(|&h| {
            (
                super::report::health_badge(h),
                format!("<span class=\"pill h-{h}\">{}</span>", h.words()),
            )
        })
        .collect();
    for (badge, class, name) in [
        ("🟢 Green", "on_track", "Green"),
        ("🟡 Amber", "at_risk", "Amber"),
        ("🔴 Red", "slipping", "Red"),
    ] {
        out.push((
            badge.to_string(),
            format!("<span class=\"pill rag h-{class}\">{name}</span>"),
        ));
    }
    out
}

/// The CSS of the pills: each health in its colour, with dark or white text for contrast.
pub(super) fn pill_css() -> String {
    Health::ALL
        .iter()
        .map(|&h| {
            let ink = match h {
                Health::OnTrack | Health::Slipping => "#ffffff",
                Health::Done | Health::AtRisk | Health::Overdue => "#111111",
            };
            format!(".h-{h}{{background:{};color:{ink}}}\n", colour(h))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn program_text_never_becomes_markup() {
        let out = html("A <script>alert(1)</script> & [x](javascript:alert(1)) `c`\n");
        assert!(!out.contains("<script"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
        assert!(!out.contains("<a "), "{out}");
        assert!(out.contains("<code>c</code>"), "{out}");
    }

    #[test]
    fn badges_become_pills() {
        let out = html("| health |\n| --- |\n| 🟡 at_risk |\n");
        assert!(
            out.contains("<span class=\"pill h-at_risk\">at risk</span>"),
            "{out}"
        );
        assert!(out.contains("<div class=\"table\"><table>"), "{out}");
    }

    #[test]
    fn dates_stay_on_one_line() {
        assert_eq!(
            unbroken_dates("<p a=\"2026-01-02\">due 2026-12-14, x-2026-12-14 é 2027-01-01</p>"),
            "<p a=\"2026-01-02\">due <span class=\"nw\">2026-12-14</span>, x-2026-12-14 é <span class=\"nw\">2027-01-01</span></p>"
        );
    }
}
