//! Text on the canvas. The scene collects its labels in scene coordinates; they are drawn
//! afterwards in screen space, on a layer above the scene, at a size a person reads (never
//! under [`MIN_PX`]) and crisp at any zoom. A label is drawn only where it fits, in its full
//! form or a shorter one, never squeezed; labels that give way (cable labels) are left out
//! where they would cover one already drawn.

use egui::emath::TSTransform;
use egui::{Align2, Color32, CornerRadius, FontId, Painter, Rect};

/// The smallest text the canvas draws, in screen points.
pub const MIN_PX: f32 = 11.0;
/// Rack names.
pub const RACK_PX: f32 = 14.0;
/// Part labels.
pub const PART_PX: f32 = 13.0;

/// One label the scene asks for.
#[derive(Debug, Clone)]
pub struct Label {
    /// Where it goes, in scene coordinates.
    pub rect: Rect,
    /// Whether it must fit inside `rect` (part labels) or is only placed by it (a cable's).
    pub contain: bool,
    /// The text, then shorter forms to try where it does not fit.
    pub texts: Vec<String>,
    /// Size in screen points.
    pub px: f32,
    /// Where in `rect` it sits.
    pub align: Align2,
    /// Colour.
    pub color: Color32,
    /// A backing behind the text, where it sits over drawn ports.
    pub backing: Option<Color32>,
    /// Whether it is left out where it would cover a label already drawn.
    pub yields: bool,
    /// Where to try instead when no form of the text fits here.
    pub fallback: Option<Box<Label>>,
}

impl Label {
    /// A label that must fit inside `rect`, with no shorter forms.
    pub fn inside(rect: Rect, text: impl Into<String>, px: f32, color: Color32) -> Self {
        Label {
            rect,
            contain: true,
            texts: vec![text.into()],
            px,
            align: Align2::CENTER_CENTER,
            color,
            backing: None,
            yields: false,
            fallback: None,
        }
    }

    /// Left out where it would cover a label already drawn.
    pub fn yielding(mut self) -> Self {
        self.yields = true;
        self
    }

    /// Where to try when no form of the text fits in this label's rect.
    pub fn or_else(mut self, other: Label) -> Self {
        self.fallback = Some(Box::new(other));
        self
    }

    /// Where it sits in its rect.
    pub fn align(mut self, align: Align2) -> Self {
        self.align = align;
        self
    }

    /// Shorter forms to try after the full text.
    pub fn or(mut self, shorter: impl IntoIterator<Item = String>) -> Self {
        self.texts.extend(shorter);
        self
    }
}

/// The shorter forms of a TIA-606 style identifier, dropping one leading segment at a time:
/// `A01-U40-S1`, then `U40-S1`, then `S1` (the part's place within what holds it, which is
/// labelled next to it).
pub fn shorter_forms(label: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = label;
    while let Some((_, tail)) = rest.split_once('-') {
        if tail.is_empty() {
            break;
        }
        out.push(tail.to_owned());
        rest = tail;
    }
    out
}

/// The labels of one frame, in the order they are drawn: the first asked for wins a place.
#[derive(Debug, Default)]
pub struct Labels {
    items: Vec<Label>,
    /// Draw each glyph twice, half a point apart: dark text on a light ground is otherwise
    /// a hairline in the thin interface font.
    pub embolden: bool,
}

impl Labels {
    /// Asks for a label.
    pub fn add(&mut self, label: Label) {
        self.items.push(label);
    }

    /// Moves these labels to the end of `into`, last asked for first.
    pub fn reverse_into(self, into: &mut Labels) {
        into.items.extend(self.items.into_iter().rev());
    }

    /// Draws every label that fits with `painter` (a screen-space layer clipped to the
    /// canvas), placing scene rects with `to_screen`; returns the texts drawn.
    pub fn paint(self, painter: &Painter, to_screen: TSTransform) -> Vec<String> {
        let mut placed: Vec<Rect> = Vec::new();
        let mut drawn = Vec::new();
        for label in self.items {
            let mut next = Some(label);
            while let Some(label) = next.take() {
                match place(painter, &label, to_screen, &placed, self.embolden) {
                    Placed::Here(rect, text) => {
                        placed.push(rect);
                        drawn.push(text);
                    }
                    Placed::Nowhere => next = label.fallback.map(|b| *b),
                    Placed::Hidden => {}
                }
            }
        }
        drawn
    }
}

enum Placed {
    /// Drawn there, with this text.
    Here(Rect, String),
    /// No form of the text fits its rect.
    Nowhere,
    /// Off screen, or giving way to a label already drawn.
    Hidden,
}

fn place(
    painter: &Painter,
    label: &Label,
    to_screen: TSTransform,
    placed: &[Rect],
    embolden: bool,
) -> Placed {
    let area = to_screen * label.rect;
    if !area.intersects(painter.clip_rect()) {
        return Placed::Hidden;
    }
    let font = FontId::proportional(label.px.max(MIN_PX));
    for text in &label.texts {
        let galley = painter.layout_no_wrap(text.clone(), font.clone(), label.color);
        let size = galley.size();
        // A line of text may reach a point past its row: glyphs have air above.
        if label.contain && (size.x > area.width() - 2.0 || size.y > area.height() + 2.0) {
            continue;
        }
        let at = label.align.align_size_within_rect(size, area);
        if label.yields && placed.iter().any(|p| p.intersects(at)) {
            return Placed::Hidden;
        }
        if let Some(fill) = label.backing {
            painter.rect_filled(at.expand(1.5), CornerRadius::same(2), fill);
        }
        if embolden {
            painter.galley(at.min + egui::vec2(0.5, 0.0), galley.clone(), label.color);
        }
        painter.galley(at.min, galley, label.color);
        return Placed::Here(at, text.clone());
    }
    Placed::Nowhere
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_identifier_shortens_one_segment_at_a_time() {
        assert_eq!(shorter_forms("A01-U40-S1"), ["U40-S1", "S1"]);
        assert_eq!(shorter_forms("LEAF1"), Vec::<String>::new());
    }
}
