//! Images: the one rule for which files count as a photo (by their first
//! bytes, never by name or claimed type), and the pure geometry of the
//! avatar's square crop and downscale. The browser and the server both
//! call [`sniff`], so they refuse the same files.

/// A photo format the app and the server accept. SVG (a document that can
/// carry script) and everything else are refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageKind {
    Jpeg,
    Png,
    Webp,
    Gif,
}

impl ImageKind {
    /// The file extension the server stores it under.
    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "jpg",
            ImageKind::Png => "png",
            ImageKind::Webp => "webp",
            ImageKind::Gif => "gif",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Png => "image/png",
            ImageKind::Webp => "image/webp",
            ImageKind::Gif => "image/gif",
        }
    }
}

/// How many leading bytes [`sniff`] needs to decide.
pub const SNIFF_LEN: usize = 12;

/// The image kind from the file's magic bytes: JPEG, PNG, WebP and GIF
/// only, like a Pillow-backed `ImageField` restricted to web formats.
pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageKind::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageKind::Png)
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(ImageKind::Webp)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(ImageKind::Gif)
    } else {
        None
    }
}

/// The largest side of an uploaded avatar, in pixels.
pub const AVATAR_MAX_SIDE: u32 = 512;
/// Zoom 1 shows the largest square that fits the image.
pub const MIN_ZOOM: f64 = 1.0;
pub const MAX_ZOOM: f64 = 4.0;

/// A square part of an image, in the image's pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CropRect {
    pub x: f64,
    pub y: f64,
    pub side: f64,
}

/// Where the image sits inside the square viewport that shows the crop, in
/// percent of the viewport's side (CSS `left`, `top`, `width`, `height`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

/// The square crop the person moves and zooms over a `width`×`height`
/// image. Every constructor keeps it valid: zoom within
/// [`MIN_ZOOM`]..=[`MAX_ZOOM`] and the square wholly inside the image.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Crop {
    width: u32,
    height: u32,
    zoom: f64,
    /// Centre of the square, in image pixels.
    center_x: f64,
    center_y: f64,
}

impl Crop {
    /// The largest centred square (zoom 1). Sizes of 0 count as 1.
    pub fn centered(width: u32, height: u32) -> Crop {
        let (width, height) = (width.max(1), height.max(1));
        Crop { width, height, zoom: MIN_ZOOM, center_x: width as f64 / 2.0, center_y: height as f64 / 2.0 }
    }

    pub fn image_size(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    pub fn zoom(&self) -> f64 {
        self.zoom
    }

    /// The same centre at another zoom (clamped), moved back inside the
    /// image if the larger square would stick out.
    pub fn with_zoom(self, zoom: f64) -> Crop {
        let zoom = if zoom.is_finite() { zoom.clamp(MIN_ZOOM, MAX_ZOOM) } else { self.zoom };
        Crop { zoom, ..self }.clamped()
    }

    /// Moves the square by `dx`, `dy` image pixels, stopping at the edges.
    pub fn moved_by(self, dx: f64, dy: f64) -> Crop {
        let dx = if dx.is_finite() { dx } else { 0.0 };
        let dy = if dy.is_finite() { dy } else { 0.0 };
        Crop { center_x: self.center_x + dx, center_y: self.center_y + dy, ..self }.clamped()
    }

    /// A drag of the picture by `dx`, `dy` screen pixels in a viewport
    /// `viewport` pixels wide: the picture follows the pointer, so the
    /// square moves the other way.
    pub fn dragged_by(self, dx: f64, dy: f64, viewport: f64) -> Crop {
        if viewport.is_nan() || viewport <= 0.0 {
            return self;
        }
        let scale = self.side() / viewport;
        self.moved_by(-dx * scale, -dy * scale)
    }

    /// Side of the square in image pixels.
    pub fn side(&self) -> f64 {
        self.width.min(self.height) as f64 / self.zoom
    }

    pub fn rect(&self) -> CropRect {
        let side = self.side();
        CropRect { x: self.center_x - side / 2.0, y: self.center_y - side / 2.0, side }
    }

    /// The side of the uploaded square: the crop's own pixels, at most
    /// `max_side` (only ever downscaled), at least 1.
    pub fn output_side(&self, max_side: u32) -> u32 {
        (self.side().round() as u32).clamp(1, max_side.max(1))
    }

    /// Where to draw the whole image so the viewport shows exactly the crop.
    pub fn placement(&self) -> Placement {
        let r = self.rect();
        let pct = 100.0 / r.side;
        Placement {
            left: -r.x * pct,
            top: -r.y * pct,
            width: self.width as f64 * pct,
            height: self.height as f64 * pct,
        }
    }

    fn clamped(self) -> Crop {
        let half = self.side() / 2.0;
        let clamp = |c: f64, len: u32| c.clamp(half, len as f64 - half);
        Crop { center_x: clamp(self.center_x, self.width), center_y: clamp(self.center_y, self.height), ..self }
    }
}

/// The sides of the canvases a square goes through from `from` pixels down
/// to `to`: each step at most halves it (so bilinear smoothing never skips
/// pixels), the last is `to`. Empty when there is nothing to shrink.
pub fn downscale_steps(from: f64, to: u32) -> Vec<u32> {
    let to = to.max(1);
    let mut steps = Vec::new();
    if from.is_nan() || from <= to as f64 {
        return steps;
    }
    let mut current = from;
    while current / 2.0 > to as f64 {
        current = (current / 2.0).ceil();
        steps.push(current as u32);
    }
    steps.push(to);
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sniffs_magic_bytes() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(ImageKind::Png));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(ImageKind::Jpeg));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(ImageKind::Webp));
        assert_eq!(sniff(b"GIF89a.."), Some(ImageKind::Gif));
        assert_eq!(sniff(b"GIF87a.."), Some(ImageKind::Gif));
    }

    #[test]
    fn refuses_svg_and_everything_else() {
        assert_eq!(sniff(b"<svg xmlns=...>"), None);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><svg>"), None);
        assert_eq!(sniff(b"not an image"), None);
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"RIFF\0\0\0\0WAVE"), None);
        assert_eq!(sniff(b"RIFF"), None);
        assert_eq!(sniff(&[0xFF, 0xD8]), None);
        assert_eq!(sniff(b"BM\0\0"), None, "BMP is not a web format");
    }

    #[test]
    fn kinds_name_their_extension_and_mime() {
        assert_eq!(ImageKind::Jpeg.extension(), "jpg");
        assert_eq!(ImageKind::Webp.mime(), "image/webp");
    }

    #[test]
    fn zoom_one_is_the_largest_centred_square() {
        let crop = Crop::centered(4000, 3000);
        assert_eq!(crop.rect(), CropRect { x: 500.0, y: 0.0, side: 3000.0 });
        assert_eq!(crop.output_side(AVATAR_MAX_SIDE), 512);
    }

    #[test]
    fn zoom_shrinks_the_square_around_its_centre() {
        let crop = Crop::centered(4000, 3000).with_zoom(2.0);
        assert_eq!(crop.rect(), CropRect { x: 1250.0, y: 750.0, side: 1500.0 });
        assert_eq!(Crop::centered(100, 100).with_zoom(99.0).zoom(), MAX_ZOOM);
        assert_eq!(Crop::centered(100, 100).with_zoom(0.1).zoom(), MIN_ZOOM);
        assert_eq!(Crop::centered(100, 100).with_zoom(f64::NAN).zoom(), MIN_ZOOM);
    }

    #[test]
    fn moving_stops_at_the_edges() {
        let crop = Crop::centered(4000, 3000).moved_by(-10_000.0, 50.0);
        assert_eq!(crop.rect(), CropRect { x: 0.0, y: 0.0, side: 3000.0 });
        let crop = Crop::centered(4000, 3000).moved_by(10_000.0, 0.0);
        assert_eq!(crop.rect().x, 1000.0);
    }

    #[test]
    fn zooming_out_near_an_edge_pulls_the_square_back_inside() {
        let crop = Crop::centered(1000, 1000).with_zoom(4.0).moved_by(1000.0, 1000.0);
        assert_eq!(crop.rect(), CropRect { x: 750.0, y: 750.0, side: 250.0 });
        assert_eq!(crop.with_zoom(1.0).rect(), CropRect { x: 0.0, y: 0.0, side: 1000.0 });
    }

    #[test]
    fn dragging_right_shows_more_of_the_left() {
        // 3000 image pixels in a 300 px viewport: one screen pixel is ten.
        let crop = Crop::centered(4000, 3000).dragged_by(30.0, 0.0, 300.0);
        assert_eq!(crop.rect().x, 200.0);
        assert_eq!(crop.dragged_by(5.0, 5.0, 0.0), crop);
    }

    #[test]
    fn small_images_are_never_upscaled() {
        assert_eq!(Crop::centered(300, 200).output_side(AVATAR_MAX_SIDE), 200);
        assert_eq!(Crop::centered(1, 1).with_zoom(4.0).output_side(AVATAR_MAX_SIDE), 1);
        assert_eq!(Crop::centered(0, 0).output_side(AVATAR_MAX_SIDE), 1);
    }

    #[test]
    fn placement_puts_the_crop_in_the_viewport() {
        let p = Crop::centered(4000, 3000).placement();
        assert!((p.left - -500.0 / 30.0).abs() < 1e-9);
        assert_eq!(p.top, 0.0);
        assert!((p.width - 400.0 / 3.0).abs() < 1e-9);
        assert_eq!(p.height, 100.0);
    }

    #[test]
    fn downscale_halves_then_lands_on_the_target() {
        assert_eq!(downscale_steps(3000.0, 512), vec![1500, 750, 512]);
        assert_eq!(downscale_steps(1000.0, 512), vec![512]);
        assert_eq!(downscale_steps(1024.0, 512), vec![512]);
        assert_eq!(downscale_steps(1025.0, 512), vec![513, 512]);
        assert_eq!(downscale_steps(512.0, 512), Vec::<u32>::new());
        assert_eq!(downscale_steps(200.0, 512), Vec::<u32>::new());
    }

    proptest! {
        #[test]
        fn the_crop_is_always_a_square_inside_the_image(
            w in 1u32..10_000, h in 1u32..10_000,
            zoom in -1.0f64..10.0,
            dx in -20_000.0f64..20_000.0, dy in -20_000.0f64..20_000.0,
        ) {
            let crop = Crop::centered(w, h).moved_by(dx, dy).with_zoom(zoom).moved_by(dy, dx);
            let r = crop.rect();
            let eps = 1e-6;
            prop_assert!(r.x >= -eps && r.y >= -eps);
            prop_assert!(r.x + r.side <= w as f64 + eps);
            prop_assert!(r.y + r.side <= h as f64 + eps);
            prop_assert!((MIN_ZOOM..=MAX_ZOOM).contains(&crop.zoom()));
            let out = crop.output_side(AVATAR_MAX_SIDE);
            prop_assert!((1..=AVATAR_MAX_SIDE).contains(&out));
            prop_assert!(out as f64 <= r.side.round().max(1.0));
        }

        #[test]
        fn each_downscale_step_at_most_halves(from in 1.0f64..20_000.0, to in 1u32..2000) {
            let steps = downscale_steps(from, to);
            let mut prev = from;
            for s in &steps {
                prop_assert!((*s as f64) < prev && *s as f64 * 2.0 >= prev);
                prev = *s as f64;
            }
            if from > to as f64 {
                prop_assert_eq!(steps.last().copied(), Some(to));
            } else {
                prop_assert!(steps.is_empty());
            }
        }
    }
}
