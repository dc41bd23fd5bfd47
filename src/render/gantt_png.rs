//! The Gantt chart as PNG, rendered in-process (resvg) with the Lato fonts shipped in
//! the binary, so text renders the same on a machine with no fonts installed.
use resvg::{tiny_skia, usvg};

const LATO: &[u8] = include_bytes!("../../assets/fonts/Lato-Regular.ttf");
const LATO_BOLD: &[u8] = include_bytes!("../../assets/fonts/Lato-Bold.ttf");

/// Renders `svg` at `scale` (2 for high-DPI slides) to PNG bytes.
pub fn png(svg: &str, scale: f32) -> Result<Vec<u8>, String> {
    let mut options = usvg::Options {
        font_family: "Lato".into(),
        ..usvg::Options::default()
    };
    let fonts = options.fontdb_mut();
    fonts.load_font_data(LATO.to_vec());
    fonts.load_font_data(LATO_BOLD.to_vec());
    fonts.set_sans_serif_family("Lato");
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| format!("the chart's SVG: {e}"))?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or_else(|| format!("cannot scale the chart by {scale}"))?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| format!("a {}×{} picture is too large", size.width(), size.height()))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("PNG encoding: {e}"))
}
