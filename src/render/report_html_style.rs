//! The HTML report's stylesheet: readable type and tables on screen, and a print
//! stylesheet for A4 or Letter landscape (no break inside a row, a chart or a curve;
//! headings kept with what follows). System fonts only: the page loads nothing.
use super::report_html_md::pill_css;

const SCREEN: &str = r#":root { --ink: #1f2328; --muted: #59636e; --rule: #d8dee4; --band: #f3f5f7; --accent: #0b5cad; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif; font-size: 15px; line-height: 1.5; color: var(--ink); background: #ffffff; }
body { margin: 0 auto; max-width: 1280px; padding: 28px 40px 40px; }
.masthead { border-bottom: 3px solid var(--ink); padding-bottom: 10px; margin-bottom: 18px; }
h1 { font-size: 28px; line-height: 1.2; margin: 0 0 10px; }
h2 { font-size: 20px; line-height: 1.3; margin: 34px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
.masthead ul { list-style: none; padding: 0; margin: 0; display: grid; gap: 2px; }
p, li { max-width: 78em; }
p { margin: 0 0 10px; }
ul { margin: 0 0 10px; padding-left: 22px; }
nav ul { list-style: none; padding: 0; margin: 0 0 8px; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 13px; }
nav a { color: var(--accent); text-decoration: none; }
nav a:hover { text-decoration: underline; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .88em; background: #eef1f4; padding: 1px 4px; border-radius: 4px; white-space: nowrap; }
.table { overflow-x: auto; margin: 4px 0 12px; }
table { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
th { background: var(--band); font-weight: 600; vertical-align: bottom; border-bottom: 2px solid #c4ccd4; }
tbody tr:nth-child(even) { background: #fafbfc; }
td:first-child { white-space: nowrap; }
.pill { display: inline-block; padding: 0 8px; border-radius: 999px; font-size: 12px; font-weight: 600; line-height: 1.6; white-space: nowrap; }
.pill.rag { font-size: 13px; padding: 0 10px; }
.nw { white-space: nowrap; }
.warn { color: #b45309; font-weight: 700; }
figure { margin: 0; }
figure.chart { overflow-x: auto; border: 1px solid var(--rule); border-radius: 6px; }
figure.chart svg { display: block; width: 100%; height: auto; }
.print-only { display: none; }
figure.part { margin-bottom: 8px; }
.curves { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 12px; margin: 12px 0; }
.curves figure { border: 1px solid var(--rule); border-radius: 6px; padding: 8px 10px 4px; }
.curves figcaption { font-size: 13px; margin-bottom: 2px; }
.curves figcaption span { display: block; color: var(--muted); font-size: 12px; }
.curves svg { display: block; width: 100%; height: auto; }
footer { margin-top: 36px; padding-top: 8px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12px; }
@page { size: A4 landscape; margin: 12mm 12mm 14mm; }
@media print {
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  nav { display: none; }
  h1 { font-size: 20pt; }
  h2 { font-size: 14pt; margin-top: 18pt; break-after: avoid; page-break-after: avoid; }
  h2 + p { break-before: avoid; page-break-before: avoid; }
  table { font-size: 8.5pt; }
  th, td { padding: 3px 6px; }
  thead { display: table-header-group; }
  tr, figure, .curves figure, .masthead { break-inside: avoid; page-break-inside: avoid; }
  .curves { grid-template-columns: repeat(4, 1fr); gap: 8px; }
  .table, figure.chart { overflow: visible; }
  .screen-only { display: none; }
  .print-only { display: block; }
  figure.chart { border: none; }
  figure.chart svg { max-height: 178mm; }
  code { background: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// The whole stylesheet.
pub(super) fn css() -> String {
    format!("{SCREEN}{}", pill_css())
}
