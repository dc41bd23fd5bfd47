//! A plan as CSV → a milepost program. One documented column set (header names in any
//! letter case, in any order; only `id` is required):
//! `id,name,duration,depends_on,due,start_no_earlier,status,started,finished,owner,
//! vendor,kind,cluster,site`. `depends_on` holds ids separated by `;`, `,` or spaces,
//! each `id` (finish-to-start) or `id:TYPE±LAG` (`po:SS+2`, `rack:FF-1`, `po:+3`).
//! A UTF-8 byte order mark and CRLF line ends are fine. Every bad row is reported with
//! its line number, all at once.
use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Imported, is_id};
use crate::load::raw::{Dependency, Relation};

/// The columns, in the documented order.
pub const COLUMNS: [&str; 14] = [
    "id",
    "name",
    "duration",
    "depends_on",
    "due",
    "start_no_earlier",
    "status",
    "started",
    "finished",
    "owner",
    "vendor",
    "kind",
    "cluster",
    "site",
];

/// Parses one `depends_on` entry: `id`, or `id:TYPE±LAG` with the type and lag optional.
pub fn dependency(entry: &str) -> Result<Dependency, String> {
    let (id, rest) = entry.split_once(':').unwrap_or((entry, ""));
    if !is_id(id) {
        return Err(format!("`{id}` in depends_on is not a milepost id"));
    }
    let split = rest.find(['+', '-']).unwrap_or(rest.len());
    let (kind, lag) = rest.split_at(split);
    let relation = if kind.is_empty() {
        Relation::Fs
    } else {
        Relation::parse(kind).ok_or_else(|| {
            format!("`{entry}`: unknown relation type `{kind}`; expected FS, SS, FF or SF")
        })?
    };
    let lag = match lag {
        "" => 0,
        text => text
            .strip_prefix('+')
            .unwrap_or(text)
            .parse::<i64>()
            .map_err(|_| format!("`{entry}`: the lag `{text}` is not a whole number of days"))?,
    };
    Ok(Dependency {
        id: id.to_string(),
        relation,
        lag,
    })
}

/// Reads a CSV plan. `start` (else the earliest date in the file, or today if earlier)
/// is the program start; `stem` names the program.
pub fn read(
    bytes: &[u8],
    stem: &str,
    start: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Imported, Vec<String>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| vec![format!("line 1: {e}")])?
        .clone();
    let mut errors = Vec::new();
    let mut columns: HashMap<&'static str, usize> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        let name = h.trim().to_ascii_lowercase();
        match COLUMNS.iter().find(|c| **c == name) {
            Some(c) if columns.insert(c, i).is_some() => {
                errors.push(format!("line 1: column `{c}` appears twice"))
            }
            Some(_) => {}
            None => errors.push(format!(
                "line 1: unknown column `{}`; the columns are {}",
                h.trim(),
                COLUMNS.join(", ")
            )),
        }
    }
    if !columns.contains_key("id") {
        errors.push("line 1: no `id` column".into());
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line());
                if r.iter().any(|v| !v.trim().is_empty()) {
                    rows.push((line, r));
                }
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(format!("line {line}: {e}"));
            }
        }
    }
    super::csv_rows::build(&rows, &columns, stem, start, today, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependency_forms() {
        let parse = |text: &str| dependency(text).map(|d| (d.id, d.relation, d.lag));
        assert_eq!(parse("po"), Ok(("po".into(), Relation::Fs, 0)));
        assert_eq!(parse("po:SS+2"), Ok(("po".into(), Relation::Ss, 2)));
        assert_eq!(parse("rack:ff-1"), Ok(("rack".into(), Relation::Ff, -1)));
        assert_eq!(parse("po:+3"), Ok(("po".into(), Relation::Fs, 3)));
        assert_eq!(parse("a-b.c:sf"), Ok(("a-b.c".into(), Relation::Sf, 0)));
        assert!(parse("po:XX").is_err());
        assert!(parse("Po").is_err());
        assert!(parse("po:SS+x").is_err());
    }
}
