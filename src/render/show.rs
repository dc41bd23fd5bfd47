//! How `show` looks: one `field  value` line per field that has a value.
use super::markdown;
use super::view::{Block, Medium, View};
use crate::analysis::show::ShowView;

impl View for ShowView<'_> {
    fn blocks(&self, medium: Medium) -> Vec<Block> {
        vec![Block::Text(listing(self, medium == Medium::Markdown))]
    }

    fn csv(&self) -> Option<Result<String, String>> {
        None
    }
}

fn listing(v: &ShowView<'_>, md: bool) -> String {
    let value = serde_json::to_value(v).unwrap_or_default();
    let mut rows: Vec<(String, String)> = Vec::new();
    if let serde_json::Value::Object(map) = value {
        for (k, val) in map {
            let text = match val {
                serde_json::Value::Null => continue,
                serde_json::Value::String(s) => s,
                // `due dfw1-h200-handover 2027-01-08`, `finish_by 2027-06-30`.
                serde_json::Value::Object(o) => ["kind", "id", "date"]
                    .iter()
                    .filter_map(|k| o.get(*k).and_then(|v| v.as_str()))
                    .collect::<Vec<_>>()
                    .join(" "),
                serde_json::Value::Array(items) if items.is_empty() => continue,
                serde_json::Value::Array(items) => items
                    .iter()
                    .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))
                    .collect::<Vec<_>>()
                    .join(if k.ends_with("_chain") { " → " } else { ", " }),
                other => other.to_string(),
            };
            rows.push((k, text));
        }
    }
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    if md {
        let mut out = String::from("| field | value |\n| --- | --- |\n");
        for (k, t) in rows {
            out.push_str(&format!("| {} | {} |\n", k, markdown::escape(&t)));
        }
        out
    } else {
        rows.iter()
            .map(|(k, t)| format!("{k:>width$}  {t}\n"))
            .collect()
    }
}
