//! CSV for spreadsheets, written with the csv crate: RFC 4180 quoting (a field with a
//! comma, quote or line break is quoted, quotes doubled); records end with `\n`.
use serde::Serialize;

use super::Grid;

/// Renders a grid as CSV: a header record, then one record per row.
pub fn render(grid: &Grid) -> Result<String, String> {
    let mut out = writer();
    out.write_record(&grid.headers).map_err(error)?;
    for row in &grid.rows {
        out.write_record(row.iter().map(|c| c.text.as_str()))
            .map_err(error)?;
    }
    finish(out)
}

/// Renders `rows` as CSV under `headers`, one record per row, each row serialized
/// field by field (absent values are empty fields). `headers` are written even when
/// there are no rows, so a filtered-out report still has its columns.
pub fn records<T: Serialize>(
    headers: &[&str],
    rows: impl IntoIterator<Item = T>,
) -> Result<String, String> {
    let mut out = writer();
    out.write_record(headers).map_err(error)?;
    for row in rows {
        out.serialize(row).map_err(error)?;
    }
    finish(out)
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new())
}

fn finish(out: csv::Writer<Vec<u8>>) -> Result<String, String> {
    let bytes = out.into_inner().map_err(|e| error(e.into_error()))?;
    String::from_utf8(bytes).map_err(error)
}

fn error(e: impl std::fmt::Display) -> String {
    format!("cannot write CSV: {e}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Cell;

    #[test]
    fn quotes_only_what_needs_it() {
        let grid = Grid {
            headers: vec!["id", "name"],
            rows: vec![
                vec![Cell::plain("a"), Cell::plain("Racks, power")],
                vec![Cell::plain("b"), Cell::plain("the \"big\" one")],
            ],
            numeric: vec![],
            flexible: vec![],
            drop_order: vec![],
        };
        assert_eq!(
            render(&grid).as_deref(),
            Ok("id,name\na,\"Racks, power\"\nb,\"the \"\"big\"\" one\"\n")
        );
    }

    #[test]
    fn records_keep_the_header_without_rows() {
        #[derive(Serialize)]
        struct Row {
            id: &'static str,
            n: Option<i64>,
            ok: bool,
        }
        let rows = vec![Row {
            id: "x",
            n: None,
            ok: true,
        }];
        assert_eq!(
            records(&["id", "n", "ok"], rows).as_deref(),
            Ok("id,n,ok\nx,,true\n")
        );
        assert_eq!(
            records(&["id", "n", "ok"], Vec::<Row>::new()).as_deref(),
            Ok("id,n,ok\n")
        );
    }
}
