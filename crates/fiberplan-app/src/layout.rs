//! Where everything sits on the canvas, in scene coordinates: racks as front and rear
//! elevations side by side, enclosures and equipment at their rack units, modules in slots,
//! ports in grids, and parts that are not placed yet in a column to the right.

use super::spatial::Grid;
use egui::{pos2, vec2, Pos2, Rect};
use fiberplan_model::{Connector, Design, Id, Mount, PartKind, PortRef, Side};
use std::collections::HashMap;

/// Height of one rack unit.
pub const U_H: f32 = 18.0;
/// Inner width of a rack face.
pub const RACK_W: f32 = 300.0;
/// Width of the rail that carries the U numbers.
pub const RAIL: f32 = 26.0;
const FACE_GAP: f32 = 40.0;
const RACK_GAP: f32 = 90.0;
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

/// A rack's two elevations.
#[derive(Debug, Clone)]
pub struct RackBox {
    /// Rack id.
    pub id: Id,
    /// Label.
    pub label: String,
    /// Height in units.
    pub height_u: u8,
    /// Front elevation (unit area only).
    pub front: Rect,
    /// Rear elevation (unit area only).
    pub rear: Rect,
}

impl RackBox {
    /// The rect of units `u..u+height` on `face`.
    pub fn units(&self, face: Face, u: u8, height: u8) -> Rect {
        let area = match face {
            Face::Front => self.front,
            Face::Rear => self.rear,
        };
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
            if area.contains(p) {
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
        let mut l = Layout {
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

    /// Racks of one row side by side, rows stacked top to bottom in the order they first
    /// appear, as on a floor plan. Returns the right edge of the widest row.
    fn place_racks(&mut self, design: &Design) -> f32 {
        let mut rows: Vec<&str> = Vec::new();
        for r in &design.racks {
            if !rows.contains(&r.row.as_str()) {
                rows.push(&r.row);
            }
        }
        let tallest = design.racks.iter().map(|r| r.height_u).max().unwrap_or(0);
        let row_pitch = f32::from(tallest) * U_H + HEADER + ROW_GAP;
        let mut row_x = vec![0.0f32; rows.len()];
        let mut x: f32 = 0.0;
        for r in &design.racks {
            let row = rows.iter().position(|n| *n == r.row).unwrap_or(0);
            let top = HEADER + row as f32 * row_pitch;
            let h = f32::from(r.height_u) * U_H;
            let front = Rect::from_min_size(pos2(row_x[row] + RAIL, top), vec2(RACK_W, h));
            let rear =
                Rect::from_min_size(pos2(front.right() + FACE_GAP + RAIL, top), vec2(RACK_W, h));
            self.racks.push(RackBox {
                id: r.id.clone(),
                label: r.label.clone(),
                height_u: r.height_u,
                front,
                rear,
            });
            row_x[row] = rear.right() + RACK_GAP;
            x = x.max(row_x[row]);
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
                self.items.push(ItemBox {
                    id: e.id.clone(),
                    kind: PartKind::Enclosure,
                    face,
                    rect,
                });
                let n = e.spec.slots.max(1);
                let w = rect.width() / f32::from(n);
                for s in 1..=e.spec.slots {
                    let sr = Rect::from_min_size(
                        pos2(rect.left() + f32::from(s - 1) * w, rect.top()),
                        vec2(w, rect.height()),
                    )
                    .shrink(1.5);
                    self.slots.push(SlotBox {
                        enclosure: e.id.clone(),
                        slot: s,
                        face,
                        rect: sr,
                    });
                    let entry = slot_rects.entry((&e.id, s)).or_insert((sr, sr));
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
                self.items.push(ItemBox {
                    id: m.id.clone(),
                    kind: PartKind::Module,
                    face,
                    rect,
                });
            }
            let (front_ports, rear_ports) = (m.spec.ports(Side::Front), m.spec.ports(Side::Rear));
            for (side, rect, ports) in [
                (Side::Front, front, front_ports),
                (Side::Rear, rear, rear_ports),
            ] {
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
            self.items.push(ItemBox {
                id: e.id.clone(),
                kind: PartKind::Equipment,
                face: Face::Front,
                rect: front,
            });
            if rear.is_positive() {
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
            let label_w = 46.0;
            let port_area =
                Rect::from_min_max(pos2(front.left() + label_w, front.top()), front.max);
            for (i, r) in port_grid(
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

    /// What the view fits on open and on "zoom to fit": the racks' headers down to just
    /// below the lowest part, so a design at the top of tall racks is readable.
    pub fn fit_bounds(&self) -> Rect {
        let mut used = Rect::NOTHING;
        for i in &self.items {
            used = used.union(i.rect);
        }
        if !used.is_positive() {
            return self.bounds;
        }
        let mut r = used;
        for rack in &self.racks {
            r = r
                .union(
                    rack.front
                        .with_max_y(rack.front.top())
                        .expand2(vec2(RAIL, HEADER)),
                )
                .union(
                    rack.rear
                        .with_max_y(rack.rear.top())
                        .expand2(vec2(RAIL, HEADER)),
                );
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

    /// The bounding box of the parts with these ids.
    pub fn bbox_of(&self, ids: &[Id]) -> Option<Rect> {
        let mut r = Rect::NOTHING;
        for i in self.items.iter().filter(|i| ids.contains(&i.id)) {
            r = r.union(i.rect);
        }
        for rack in self.racks.iter().filter(|x| ids.contains(&x.id)) {
            r = r.union(rack.front).union(rack.rear);
        }
        r.is_positive().then_some(r)
    }
}
