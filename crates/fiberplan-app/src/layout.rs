//! Where everything sits on the canvas, in scene coordinates: each row of racks as a front
//! elevation of the row and, to its right, a rear elevation of the row (so a patch cord stays
//! among the fronts and a trunk between rear ports among the rears); enclosures and equipment
//! at their rack units, each with a label area on its left; modules in slots, ports in grids
//! numbered as the devices print them, and parts that are not placed yet in a column to the
//! right.

use super::spatial::Grid;
use egui::{pos2, vec2, Pos2, Rect};
use fiberplan_model::{Connector, Design, Id, Mount, PartKind, PortRef, Side};
use std::collections::HashMap;

/// Height of one rack unit.
pub const U_H: f32 = 18.0;
/// Inner width of a rack face.
pub const RACK_W: f32 = 300.0;
/// Width of the rail that carries the U numbers.
pub const RAIL: f32 = 22.0;
/// Space between the front elevation of a row and its rear elevation.
const FACES_GAP: f32 = 70.0;
const RACK_GAP: f32 = 34.0;
/// Width of the label area at the left of an enclosure.
pub const ENCLOSURE_LABEL_W: f32 = 56.0;
/// Width of the label area at the left of a piece of equipment.
pub const EQUIPMENT_LABEL_W: f32 = 72.0;
/// Space above a rack for its label.
pub const HEADER: f32 = 30.0;
const UNPLACED_GAP: f32 = 12.0;

/// Which face of a rack an item is drawn on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    /// Front elevation.
    Front,
    /// Rear elevation.
    Rear,
}

/// Which faces of the racks the canvas shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Faces {
    /// The front elevation of each row, and its rear elevation to the right.
    #[default]
    Both,
    /// Front elevations only.
    Front,
    /// Rear elevations only.
    Rear,
}

impl Faces {
    /// Whether `face` is shown.
    pub fn shows(self, face: Face) -> bool {
        match self {
            Faces::Both => true,
            Faces::Front => face == Face::Front,
            Faces::Rear => face == Face::Rear,
        }
    }
}

/// A rack's two elevations.
#[derive(Debug, Clone)]
pub struct RackBox {
    /// Rack id.
    pub id: Id,
    /// Label.
    pub label: String,
    /// Height in units.
    pub height_u: u8,
    /// Front elevation (unit area only); [`Rect::NOTHING`] when fronts are not shown.
    pub front: Rect,
    /// Rear elevation (unit area only); [`Rect::NOTHING`] when rears are not shown.
    pub rear: Rect,
}

impl RackBox {
    /// The rect of units `u..u+height` on `face`.
    pub fn units(&self, face: Face, u: u8, height: u8) -> Rect {
        let area = match face {
            Face::Front => self.front,
            Face::Rear => self.rear,
        };
        if !area.is_positive() {
            return Rect::NOTHING;
        }
        let top_u = f32::from(u) + f32::from(height.max(1)) - 1.0;
        let y0 = area.top() + (f32::from(self.height_u) - top_u) * U_H;
        Rect::from_min_size(
            pos2(area.left(), y0),
            vec2(area.width(), f32::from(height.max(1)) * U_H),
        )
    }

    /// The unit under scene point `p` on either face, with the face.
    pub fn unit_at(&self, p: Pos2) -> Option<(Face, u8)> {
        for (face, area) in [(Face::Front, self.front), (Face::Rear, self.rear)] {
            if area.is_positive() && area.contains(p) {
                let from_top = ((p.y - area.top()) / U_H).floor() as i32;
                let u = i32::from(self.height_u) - from_top;
                return u8::try_from(u).ok().filter(|&u| u >= 1).map(|u| (face, u));
            }
        }
        None
    }
}

/// A drawn part (enclosure, module, equipment) on one face.
#[derive(Debug, Clone)]
pub struct ItemBox {
    /// Part id.
    pub id: Id,
    /// Part kind.
    pub kind: PartKind,
    /// Face.
    pub face: Face,
    /// Rect.
    pub rect: Rect,
}

/// An enclosure slot on one face.
#[derive(Debug, Clone)]
pub struct SlotBox {
    /// Enclosure id.
    pub enclosure: Id,
    /// Slot number, from 1.
    pub slot: u8,
    /// Face.
    pub face: Face,
    /// Rect.
    pub rect: Rect,
}

/// A port a cable end can plug into.
#[derive(Debug, Clone)]
pub struct PortBox {
    /// The port.
    pub port: PortRef,
    /// Rect.
    pub rect: Rect,
    /// Connector of the port.
    pub connector: Connector,
    /// Name shown and read out (e.g. `Eth3`, `F3`, `R1`).
    pub name: String,
}

/// The whole canvas layout.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Racks, in design order.
    pub racks: Vec<RackBox>,
    /// Enclosures, modules and equipment, in drawing order.
    pub items: Vec<ItemBox>,
    /// Enclosure slots.
    pub slots: Vec<SlotBox>,
    /// Ports.
    pub ports: Vec<PortBox>,
    /// Port -> index in `ports`.
    pub port_index: HashMap<PortRef, usize>,
    /// Everything drawn.
    pub bounds: Rect,
    /// The faces shown.
    pub faces: Faces,
    /// Per cable of the design, in design order: where each end is drawn (`None` where it
    /// is loose or its port is not drawn) and the box its drawing stays within.
    pub cables: Vec<CableBox>,
    /// `items` by grid cell, for hit testing.
    item_grid: Grid,
    /// `ports` by grid cell, for hit testing.
    port_grid: Grid,
}

/// Where a cable is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct CableBox {
    /// Centre of the port each end is in, by end.
    pub ends: Vec<Option<Pos2>>,
    /// Everything its drawing covers (curves sag below their ends); `NOTHING` if it has no
    /// drawn end.
    pub bounds: Rect,
}

/// How far a cable between `a` and `b` hangs below them, scene units.
pub fn cable_sag(a: Pos2, b: Pos2) -> f32 {
    30.0 + (a.distance(b) * 0.15).min(120.0)
}

/// Space between rows of racks, scene units (room for the cables that hang below).
const ROW_GAP: f32 = 200.0;

/// Grid cell size, scene units: about a rack face wide and a few units tall.
const GRID_CELL: f32 = 96.0;

/// Rects for `n` ports laid out in rows inside `rect`.
fn port_grid(rect: Rect, n: usize, mpo: bool) -> Vec<Rect> {
    if n == 0 {
        return Vec::new();
    }
    let pad = 3.0;
    let inner = rect.shrink(pad);
    let (pw, ph) = if mpo { (16.0, 7.0) } else { (9.0, 9.0) };
    let per_row = ((inner.width() / (pw + 2.0)).floor() as usize).max(1);
    let rows = n.div_ceil(per_row);
    let row_h = (inner.height() / rows as f32).min(ph + 3.0);
    let cell_w = inner.width() / per_row.min(n) as f32;
    let size = vec2(pw.min(cell_w - 1.0).max(3.0), ph.min(row_h - 1.0).max(3.0));
    (0..n)
        .map(|i| {
            let (r, c) = (i / per_row, i % per_row);
            let center = pos2(
                inner.left() + (c as f32 + 0.5) * cell_w,
                inner.top() + (r as f32 + 0.5) * row_h,
            );
            Rect::from_center_size(center, size)
        })
        .collect()
}

/// Rects for `n` ports of a switch or server faceplate inside `rect`, in port order. Ports
/// that fit in one row are numbered left to right; more go in pairs, 1 over 2, 3 over 4, odd
/// on top, as switch vendors print them, in as many two-row banks as the width needs.
fn faceplate_grid(rect: Rect, n: usize, mpo: bool) -> Vec<Rect> {
    let inner = rect.shrink(3.0);
    let (pw, ph): (f32, f32) = if mpo { (16.0, 7.0) } else { (9.0, 9.0) };
    let per_row = ((inner.width() / (pw + 2.0)).floor() as usize).max(1);
    if n <= per_row || inner.height() < 2.0 * 5.0 {
        return port_grid(rect, n, mpo);
    }
    let columns = n.div_ceil(2);
    let banks = columns.div_ceil(per_row);
    let per_bank = columns.div_ceil(banks);
    let rows = 2 * banks;
    let row_h = inner.height() / rows as f32;
    let cell_w = inner.width() / per_bank as f32;
    let size = vec2(pw.min(cell_w - 1.5).max(3.0), ph.min(row_h - 1.0).max(3.0));
    (0..n)
        .map(|i| {
            let column = i / 2;
            let (bank, c) = (column / per_bank, column % per_bank);
            let r = 2 * bank + i % 2;
            let center = pos2(
                inner.left() + (c as f32 + 0.5) * cell_w,
                inner.top() + (r as f32 + 0.5) * row_h,
            );
            Rect::from_center_size(center, size)
        })
        .collect()
}

/// The column right of the racks where parts without a place are drawn, top to bottom.
struct Unplaced {
    x: f32,
    y: f32,
}

impl Unplaced {
    /// The next free rect `height` tall.
    fn next(&mut self, height: f32) -> Rect {
        let rect = Rect::from_min_size(pos2(self.x, self.y), vec2(RACK_W, height));
        self.y += height + UNPLACED_GAP;
        rect
    }
}

impl Layout {
    /// Lays out `design`: racks by row, then enclosures with their slots, modules, equipment
    /// with their ports, and the cables between ports. Parts without a place go in a column
    /// right of the racks.
    pub fn new(design: &Design) -> Layout {
        Layout::with_faces(design, Faces::Both)
    }

    /// Lays out `design` showing only `faces`: what is on a face not shown (its ports, the
    /// cable ends in them) is not drawn.
    pub fn with_faces(design: &Design, faces: Faces) -> Layout {
        let mut l = Layout {
            faces,
            racks: Vec::new(),
            items: Vec::new(),
            slots: Vec::new(),
            ports: Vec::new(),
            port_index: HashMap::new(),
            bounds: Rect::NOTHING,
            cables: Vec::new(),
            item_grid: Grid::default(),
            port_grid: Grid::default(),
        };
        let right = l.place_racks(design);
        let rack_of: HashMap<Id, usize> = l
            .racks
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        let mut unplaced = Unplaced {
            x: right,
            y: HEADER,
        };
        let slot_rects = l.place_enclosures(design, &rack_of, &mut unplaced);
        l.place_modules(design, &slot_rects, &mut unplaced);
        l.place_equipment(design, &rack_of, &mut unplaced);
        l.finish(design);
        l
    }

    /// Each row of racks as a front elevation of the row, racks side by side, then its rear
    /// elevation in the same order; rows stacked top to bottom in the order they first appear,
    /// as on a floor plan. Returns the right edge of the widest row.
    fn place_racks(&mut self, design: &Design) -> f32 {
        let mut rows: Vec<&str> = Vec::new();
        for r in &design.racks {
            if !rows.contains(&r.row.as_str()) {
                rows.push(&r.row);
            }
        }
        let tallest = design.racks.iter().map(|r| r.height_u).max().unwrap_or(0);
        let row_pitch = f32::from(tallest) * U_H + HEADER + ROW_GAP;
        let pitch = RAIL + RACK_W + RACK_GAP;
        let mut in_row = vec![0usize; rows.len()];
        let mut count = vec![0usize; rows.len()];
        for r in &design.racks {
            count[rows.iter().position(|n| *n == r.row).unwrap_or(0)] += 1;
        }
        let mut x: f32 = 0.0;
        for r in &design.racks {
            let row = rows.iter().position(|n| *n == r.row).unwrap_or(0);
            let top = HEADER + row as f32 * row_pitch;
            let h = f32::from(r.height_u) * U_H;
            let k = in_row[row] as f32;
            in_row[row] += 1;
            // The rear elevation of the row starts after the last front of that row.
            let fronts_w = count[row] as f32 * pitch - RACK_GAP;
            let (front_x, rear_x) = match self.faces {
                Faces::Both => (Some(0.0), Some(fronts_w + FACES_GAP)),
                Faces::Front => (Some(0.0), None),
                Faces::Rear => (None, Some(0.0)),
            };
            let face = |start: Option<f32>| match start {
                Some(x0) => Rect::from_min_size(pos2(x0 + k * pitch + RAIL, top), vec2(RACK_W, h)),
                None => Rect::NOTHING,
            };
            let (front, rear) = (face(front_x), face(rear_x));
            for f in [front, rear].into_iter().filter(|f| f.is_positive()) {
                x = x.max(f.right() + RACK_GAP);
            }
            self.racks.push(RackBox {
                id: r.id.clone(),
                label: r.label.clone(),
                height_u: r.height_u,
                front,
                rear,
            });
        }
        x
    }

    /// The front and rear units of a part `height_u` tall at `mount`, when its rack is laid
    /// out.
    fn rack_faces(
        &self,
        rack_of: &HashMap<Id, usize>,
        mount: Option<&Mount>,
        height_u: u8,
    ) -> Option<(Rect, Rect)> {
        let m = mount?;
        let rack = &self.racks[*rack_of.get(&m.rack)?];
        Some((
            rack.units(Face::Front, m.u, height_u),
            rack.units(Face::Rear, m.u, height_u),
        ))
    }

    /// Enclosures, front and rear, with their slots; returns each slot's front and rear rect.
    fn place_enclosures<'d>(
        &mut self,
        design: &'d Design,
        rack_of: &HashMap<Id, usize>,
        unplaced: &mut Unplaced,
    ) -> HashMap<(&'d Id, u8), (Rect, Rect)> {
        let mut slot_rects: HashMap<(&Id, u8), (Rect, Rect)> = HashMap::new();
        for e in &design.enclosures {
            let faces = match self.rack_faces(rack_of, e.mount.as_ref(), e.spec.height_u) {
                Some(faces) => faces,
                None => {
                    let h = f32::from(e.spec.height_u.max(1)) * U_H;
                    let r = unplaced.next(h * 2.0 + 4.0);
                    (
                        Rect::from_min_size(r.min, vec2(r.width(), h)),
                        Rect::from_min_size(pos2(r.left(), r.top() + h + 4.0), vec2(r.width(), h)),
                    )
                }
            };
            for (face, rect) in [(Face::Front, faces.0), (Face::Rear, faces.1)] {
                if !self.faces.shows(face) || !rect.is_positive() {
                    continue;
                }
                self.items.push(ItemBox {
                    id: e.id.clone(),
                    kind: PartKind::Enclosure,
                    face,
                    rect,
                });
                // The enclosure's label area on the left, then its slots side by side.
                let n = e.spec.slots.max(1);
                let slots_left = rect.left() + ENCLOSURE_LABEL_W.min(rect.width() * 0.3);
                let w = (rect.right() - slots_left) / f32::from(n);
                for s in 1..=e.spec.slots {
                    let sr = Rect::from_min_size(
                        pos2(slots_left + f32::from(s - 1) * w, rect.top()),
                        vec2(w, rect.height()),
                    )
                    .shrink(1.0);
                    self.slots.push(SlotBox {
                        enclosure: e.id.clone(),
                        slot: s,
                        face,
                        rect: sr,
                    });
                    let entry = slot_rects
                        .entry((&e.id, s))
                        .or_insert((Rect::NOTHING, Rect::NOTHING));
                    match face {
                        Face::Front => entry.0 = sr,
                        Face::Rear => entry.1 = sr,
                    }
                }
            }
        }

        slot_rects
    }

    /// Modules in their slots (or unplaced), with their front and rear ports.
    fn place_modules(
        &mut self,
        design: &Design,
        slot_rects: &HashMap<(&Id, u8), (Rect, Rect)>,
        unplaced: &mut Unplaced,
    ) {
        for m in &design.modules {
            let placed = m
                .slot
                .as_ref()
                .and_then(|s| slot_rects.get(&(&s.enclosure, s.slot)).copied());
            let (front, rear) = placed.unwrap_or_else(|| {
                let r = unplaced.next(2.0 * U_H + 4.0);
                (
                    Rect::from_min_size(r.min, vec2(r.width(), U_H)),
                    Rect::from_min_size(pos2(r.left(), r.top() + U_H + 4.0), vec2(r.width(), U_H)),
                )
            });
            for (face, rect) in [(Face::Front, front), (Face::Rear, rear)] {
                if self.faces.shows(face) && rect.is_positive() {
                    self.items.push(ItemBox {
                        id: m.id.clone(),
                        kind: PartKind::Module,
                        face,
                        rect,
                    });
                }
            }
            let (front_ports, rear_ports) = (m.spec.ports(Side::Front), m.spec.ports(Side::Rear));
            for (side, rect, ports) in [
                (Side::Front, front, front_ports),
                (Side::Rear, rear, rear_ports),
            ] {
                let face = if side == Side::Front {
                    Face::Front
                } else {
                    Face::Rear
                };
                if !self.faces.shows(face) || !rect.is_positive() {
                    continue;
                }
                let mpo = ports.first().is_some_and(|p| p.1.is_mpo());
                for ((number, connector), r) in ports.iter().zip(port_grid(rect, ports.len(), mpo))
                {
                    let letter = if side == Side::Front { "F" } else { "R" };
                    self.push_port(PortBox {
                        port: PortRef {
                            part: m.id.clone(),
                            side,
                            port: *number,
                        },
                        rect: r,
                        connector: *connector,
                        name: format!("{letter}{number}"),
                    });
                }
            }
        }
    }

    /// Equipment in its rack units (or unplaced), with its ports on the front.
    fn place_equipment(
        &mut self,
        design: &Design,
        rack_of: &HashMap<Id, usize>,
        unplaced: &mut Unplaced,
    ) {
        for e in &design.equipment {
            let count = usize::try_from(e.spec.port_count()).unwrap_or(0);
            let (front, rear) = match self.rack_faces(rack_of, e.mount.as_ref(), e.spec.height_u) {
                Some(faces) => faces,
                None => {
                    let h = f32::from(e.spec.height_u.max(1)) * U_H;
                    let r = unplaced.next(h);
                    (r, Rect::NOTHING)
                }
            };
            let front = if self.faces.shows(Face::Front) {
                front
            } else {
                Rect::NOTHING
            };
            if front.is_positive() {
                self.items.push(ItemBox {
                    id: e.id.clone(),
                    kind: PartKind::Equipment,
                    face: Face::Front,
                    rect: front,
                });
            }
            if rear.is_positive() && self.faces.shows(Face::Rear) {
                self.items.push(ItemBox {
                    id: e.id.clone(),
                    kind: PartKind::Equipment,
                    face: Face::Rear,
                    rect: rear,
                });
            }
            let mpo = e
                .spec
                .ports
                .first()
                .is_some_and(|g| g.transceiver.connector.is_mpo());
            if !front.is_positive() {
                continue;
            }
            let label_w = EQUIPMENT_LABEL_W.min(front.width() * 0.3);
            let port_area =
                Rect::from_min_max(pos2(front.left() + label_w, front.top()), front.max);
            for (i, r) in faceplate_grid(
                port_area,
                count.min(usize::from(fiberplan_model::limits::MAX_PORTS)),
                mpo,
            )
            .into_iter()
            .enumerate()
            {
                let n = (i + 1) as u16;
                let Some((group, name)) = e.spec.port(n) else {
                    continue;
                };
                self.push_port(PortBox {
                    port: PortRef {
                        part: e.id.clone(),
                        side: Side::Front,
                        port: n,
                    },
                    rect: r,
                    connector: group.transceiver.connector,
                    name,
                });
            }
        }
    }

    /// The bounds of everything, the cables between placed ports, and the hit-test grids.
    fn finish(&mut self, design: &Design) {
        let mut bounds = Rect::NOTHING;
        for r in &self.racks {
            bounds = bounds
                .union(r.front.expand2(vec2(RAIL, HEADER)))
                .union(r.rear.expand2(vec2(RAIL, HEADER)));
        }
        for i in &self.items {
            bounds = bounds.union(i.rect);
        }
        if !bounds.is_positive() {
            bounds = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0));
        }
        self.bounds = bounds.expand(40.0);
        self.cables = design
            .cables
            .iter()
            .map(|c| {
                let ends: Vec<Option<Pos2>> = c
                    .ends
                    .iter()
                    .map(|e| e.as_ref().and_then(|p| self.port_center(p)))
                    .collect();
                let mut bounds = Rect::NOTHING;
                if let Some(Some(first)) = ends.first().copied() {
                    for end in ends.iter().skip(1).flatten() {
                        let sag = cable_sag(first, *end);
                        bounds = bounds.union(Rect::from_two_pos(first, *end)).union(
                            Rect::from_two_pos(first + vec2(0.0, sag), *end + vec2(0.0, sag)),
                        );
                    }
                }
                CableBox { ends, bounds }
            })
            .collect();
        self.item_grid = Grid::new(self.bounds, GRID_CELL, self.items.iter().map(|i| i.rect));
        self.port_grid = Grid::new(
            self.bounds,
            GRID_CELL,
            self.ports.iter().map(|p| p.rect.expand(2.0)),
        );
    }

    /// The topmost part at scene point `p` (a module or equipment over its enclosure).
    pub fn item_at(&self, p: Pos2) -> Option<&ItemBox> {
        self.item_grid
            .at(p)
            .iter()
            .map(|&i| &self.items[i as usize])
            .filter(|b| b.rect.contains(p))
            .max_by_key(|b| b.kind != PartKind::Enclosure)
    }

    /// What "zoom to fit" shows: the racks' headers down to just below the lowest part on
    /// every face, so a design at the top of tall racks is readable.
    pub fn fit_bounds(&self) -> Rect {
        self.used_bounds(|_| true)
    }

    /// What the view shows when a design opens: as [`Layout::fit_bounds`], but of the front
    /// elevations alone when both faces are laid out, so that the fronts, where most of the
    /// patching is, open at a size whose labels can be read; the rears are to their right.
    pub fn open_bounds(&self) -> Rect {
        match self.faces {
            Faces::Both => self.used_bounds(|f| f == Face::Front),
            _ => self.fit_bounds(),
        }
    }

    fn used_bounds(&self, on: impl Fn(Face) -> bool) -> Rect {
        let mut used = Rect::NOTHING;
        for i in self.items.iter().filter(|i| on(i.face)) {
            used = used.union(i.rect);
        }
        if !used.is_positive() {
            return self.bounds;
        }
        let mut r = used;
        for rack in &self.racks {
            for (face, area) in [(Face::Front, rack.front), (Face::Rear, rack.rear)] {
                if on(face) && area.is_positive() {
                    r = r.union(area.with_max_y(area.top()).expand2(vec2(RAIL, HEADER)));
                }
            }
        }
        // Room below for cables that hang between parts.
        r.with_max_y(r.bottom() + 120.0).expand(20.0)
    }

    fn push_port(&mut self, p: PortBox) {
        self.port_index.insert(p.port.clone(), self.ports.len());
        self.ports.push(p);
    }

    /// The port at scene point `p`.
    pub fn port_at(&self, p: Pos2) -> Option<&PortBox> {
        self.port_grid
            .at(p)
            .iter()
            .map(|&i| &self.ports[i as usize])
            .find(|b| b.rect.expand(2.0).contains(p))
    }

    /// The slot at scene point `p`.
    pub fn slot_at(&self, p: Pos2) -> Option<&SlotBox> {
        self.slots.iter().find(|s| s.rect.contains(p))
    }

    /// The rack and unit at scene point `p`.
    pub fn rack_unit_at(&self, p: Pos2) -> Option<(&RackBox, Face, u8)> {
        self.racks
            .iter()
            .find_map(|r| r.unit_at(p).map(|(f, u)| (r, f, u)))
    }

    /// The centre of a port, if drawn.
    pub fn port_center(&self, port: &PortRef) -> Option<Pos2> {
        self.port_index
            .get(port)
            .map(|&i| self.ports[i].rect.center())
    }

    /// The bounding box of the racks and parts with these ids, on the front elevations where
    /// they are drawn there (else the rear): what a zoom to them shows.
    pub fn bbox_of(&self, ids: &[Id]) -> Option<Rect> {
        let on = |face: Face| {
            let mut r = Rect::NOTHING;
            for i in self
                .items
                .iter()
                .filter(|i| i.face == face && ids.contains(&i.id))
            {
                r = r.union(i.rect);
            }
            for rack in self.racks.iter().filter(|x| ids.contains(&x.id)) {
                let area = match face {
                    Face::Front => rack.front,
                    Face::Rear => rack.rear,
                };
                if area.is_positive() {
                    r = r.union(area);
                }
            }
            r
        };
        let r = on(Face::Front);
        let r = if r.is_positive() { r } else { on(Face::Rear) };
        r.is_positive().then_some(r)
    }
}
