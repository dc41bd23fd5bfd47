//! Graphviz DOT of the dependency graph: sites and their clusters as nested boxes
//! (`subgraph cluster_…`), every id quoted, critical items and the edges between them
//! in red, done items grey, milestone events as diamonds-in-name (`◆`).
use crate::analysis::Plan;
use crate::model::{Relation, Status};

/// A DOT quoted string: `"` and `\` escaped, line breaks as spaces.
pub fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn node(plan: &Plan, i: usize, indent: &str) -> String {
    let m = &plan.program.milestones[i];
    let it = &plan.schedule.items[i];
    let a = &plan.assessments[i];
    let dates = if m.is_event() {
        it.finish.to_string()
    } else {
        format!("{} → {}", it.start, it.finish)
    };
    let float = it
        .total_float
        .map(|f| format!(" · float {f}"))
        .unwrap_or_default();
    let mark = if m.is_event() { "◆ " } else { "" };
    // `\n` inside a DOT string is a centred line break.
    let label = format!(
        "{}\\n{}\\n{dates}{float}",
        quote(&format!("{mark}{}", m.name)).trim_matches('"'),
        quote(&m.id).trim_matches('"'),
    );
    let mut attrs = vec![format!("label=\"{label}\"")];
    if a.critical {
        attrs.push("color=\"#c62828\", penwidth=2, fillcolor=\"#fdecea\"".into());
    } else if m.status == Status::Done {
        attrs.push("color=\"#9e9e9e\", fontcolor=\"#757575\", fillcolor=\"#f0f0f0\"".into());
    }
    if let Some(link) = m.links.first() {
        attrs.push(format!("URL={}", quote(link)));
    }
    format!("{indent}{} [{}];\n", quote(&m.id), attrs.join(", "))
}

fn relation(r: Relation, lag: i64) -> Option<String> {
    let name = r.as_str();
    match (r, lag) {
        (Relation::Fs, 0) => None,
        (_, 0) => Some(name.to_string()),
        _ => Some(format!("{name} {lag:+}")),
    }
}

/// The graph of `items` (in order); edges between two shown items only.
pub fn render(plan: &Plan, items: &[usize]) -> String {
    let p = &plan.program;
    let mut shown = vec![false; p.milestones.len()];
    for &i in items {
        shown[i] = true;
    }
    let mut out = format!("digraph {} {{\n", quote(&p.config.name));
    out.push_str(&format!(
        "  graph [rankdir=LR, fontname=\"Helvetica\", labelloc=t, label={}];\n",
        quote(&format!(
            "{} · as of {} · red: critical",
            p.config.name, plan.schedule.today
        ))
    ));
    out.push_str("  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\", fontsize=10];\n");
    out.push_str("  edge [color=\"#9e9e9e\", fontname=\"Helvetica\", fontsize=9];\n");
    let mut by_cluster: Vec<Vec<usize>> = vec![Vec::new(); p.clusters.len()];
    let mut by_site: Vec<Vec<usize>> = vec![Vec::new(); p.sites.len()];
    let mut loose = Vec::new();
    for &i in items {
        let m = &p.milestones[i];
        match (m.cluster, m.site) {
            (Some(c), _) => by_cluster[c].push(i),
            (None, Some(s)) => by_site[s].push(i),
            (None, None) => loose.push(i),
        }
    }
    for (s, site) in p.sites.iter().enumerate() {
        let clusters: Vec<usize> = (0..p.clusters.len())
            .filter(|&c| p.clusters[c].site == s && !by_cluster[c].is_empty())
            .collect();
        if by_site[s].is_empty() && clusters.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "  subgraph {} {{\n    label={};\n    style=rounded;\n    color=\"#607d8b\";\n",
            quote(&format!("cluster_site_{}", site.id)),
            quote(&format!("site {} · {}", site.id, site.name))
        ));
        for c in clusters {
            out.push_str(&format!(
                "    subgraph {} {{\n      label={};\n      style=dashed;\n      color=\"#90a4ae\";\n",
                quote(&format!("cluster_{}", p.clusters[c].id)),
                quote(&format!("cluster {}", p.clusters[c].id))
            ));
            for &i in &by_cluster[c] {
                out.push_str(&node(plan, i, "      "));
            }
            out.push_str("    }\n");
        }
        for &i in &by_site[s] {
            out.push_str(&node(plan, i, "    "));
        }
        out.push_str("  }\n");
    }
    for &i in &loose {
        out.push_str(&node(plan, i, "  "));
    }
    for &i in items {
        for d in &p.milestones[i].deps {
            if !shown[d.pred] {
                continue;
            }
            let mut attrs = Vec::new();
            if plan.assessments[i].critical && plan.assessments[d.pred].critical {
                attrs.push("color=\"#c62828\", penwidth=2".to_string());
            }
            if let Some(label) = relation(d.relation, d.lag) {
                attrs.push(format!("label={}", quote(&label)));
            }
            let attrs = if attrs.is_empty() {
                String::new()
            } else {
                format!(" [{}]", attrs.join(", "))
            };
            out.push_str(&format!(
                "  {} -> {}{attrs};\n",
                quote(&p.milestones[d.pred].id),
                quote(&p.milestones[i].id)
            ));
        }
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_quotes_and_backslashes() {
        assert_eq!(quote("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c d\"");
    }

    #[test]
    fn relations_label_only_what_is_not_plain_finish_to_start() {
        assert_eq!(relation(Relation::Fs, 0), None);
        assert_eq!(relation(Relation::Ss, 2).as_deref(), Some("SS +2"));
        assert_eq!(relation(Relation::Fs, -1).as_deref(), Some("FS -1"));
        assert_eq!(relation(Relation::Ff, 0).as_deref(), Some("FF"));
    }
}
