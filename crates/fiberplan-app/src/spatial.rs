//! A uniform grid over the scene, so finding what is under the pointer looks at one cell's
//! few boxes instead of every part of a data hall.

use egui::{Pos2, Rect};

/// Indices of boxes bucketed by the grid cells they overlap.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    origin: Pos2,
    cell: f32,
    cols: usize,
    rows: usize,
    cells: Vec<Vec<u32>>,
}

impl Grid {
    /// A grid of `cell`-sized squares over `bounds`, holding `rects` by index.
    pub fn new(bounds: Rect, cell: f32, rects: impl Iterator<Item = Rect>) -> Self {
        if !bounds.is_positive() {
            return Grid::default();
        }
        let cols = ((bounds.width() / cell).ceil() as usize).clamp(1, 4096);
        let rows = ((bounds.height() / cell).ceil() as usize).clamp(1, 4096);
        let mut g = Grid {
            origin: bounds.min,
            cell,
            cols,
            rows,
            cells: vec![Vec::new(); cols * rows],
        };
        for (i, r) in rects.enumerate() {
            let (c0, r0) = g.cell_of(r.min);
            let (c1, r1) = g.cell_of(r.max);
            for row in r0..=r1 {
                for col in c0..=c1 {
                    g.cells[row * cols + col].push(i as u32);
                }
            }
        }
        g
    }

    fn cell_of(&self, p: Pos2) -> (usize, usize) {
        let c = ((p.x - self.origin.x) / self.cell).floor().max(0.0) as usize;
        let r = ((p.y - self.origin.y) / self.cell).floor().max(0.0) as usize;
        (c.min(self.cols - 1), r.min(self.rows - 1))
    }

    /// Indices of the boxes whose cells include `p` (candidates: test their rects).
    pub fn at(&self, p: Pos2) -> &[u32] {
        if self.cells.is_empty() {
            return &[];
        }
        let (c, r) = self.cell_of(p);
        &self.cells[r * self.cols + c]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{pos2, vec2};

    #[test]
    fn a_point_finds_the_boxes_of_its_cell_only() {
        let rects = [
            Rect::from_min_size(pos2(0.0, 0.0), vec2(10.0, 10.0)),
            Rect::from_min_size(pos2(150.0, 0.0), vec2(10.0, 10.0)),
            Rect::from_min_size(pos2(0.0, 0.0), vec2(200.0, 10.0)),
        ];
        let g = Grid::new(
            Rect::from_min_size(Pos2::ZERO, vec2(200.0, 200.0)),
            64.0,
            rects.iter().copied(),
        );
        assert_eq!(g.at(pos2(5.0, 5.0)), &[0, 2]);
        assert_eq!(g.at(pos2(155.0, 5.0)), &[1, 2]);
        assert!(g.at(pos2(5.0, 150.0)).is_empty());
        // Outside the bounds clamps to the edge cells.
        assert_eq!(g.at(pos2(-50.0, -50.0)), &[0, 2]);
    }
}
