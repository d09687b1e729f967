//! Where parts sit: the rack units a mounted part spans and the module slots of an
//! enclosure. These are the geometric rules only; the check (`fiberplan-engine`) turns a
//! broken one into a finding, the loader (`fiberplan-io`) opens such a part unplaced, and
//! the edit layer (`fiberplan-edit`) refuses a drop that would break one.

use crate::{Design, Id, Mount};

/// The rack units a part occupies, 1-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct UnitSpan {
    /// Lowest unit.
    pub bottom: u32,
    /// Highest unit.
    pub top: u32,
}

impl UnitSpan {
    /// The units of a part `height_u` tall mounted at unit `u`. A part of height 0 still
    /// takes its one unit, so it can be seen and moved.
    pub fn new(u: u8, height_u: u8) -> Self {
        let bottom = u32::from(u);
        UnitSpan {
            bottom,
            top: bottom + u32::from(height_u.max(1)) - 1,
        }
    }

    /// Whether the span lies inside a rack of `rack_height_u` units (U1 to U`rack_height_u`).
    pub fn inside(self, rack_height_u: u8) -> bool {
        self.bottom >= 1 && self.top <= u32::from(rack_height_u)
    }

    /// Whether the two spans share a unit.
    pub fn overlaps(self, other: UnitSpan) -> bool {
        self.bottom <= other.top && other.bottom <= self.top
    }
}

/// A part mounted in a rack: an enclosure or a piece of equipment.
#[derive(Debug, Clone, Copy)]
pub struct Mounted<'a> {
    /// The part.
    pub id: &'a Id,
    /// Its label.
    pub label: &'a str,
    /// Where it is mounted.
    pub mount: &'a Mount,
    /// The units it takes.
    pub span: UnitSpan,
}

/// Every rack-mounted part of `design`: enclosures first, then equipment, in file order.
pub fn mounted_parts(design: &Design) -> impl Iterator<Item = Mounted<'_>> {
    let enclosures = design.enclosures.iter().filter_map(|e| {
        e.mount.as_ref().map(|m| Mounted {
            id: &e.id,
            label: &e.label,
            mount: m,
            span: UnitSpan::new(m.u, e.spec.height_u),
        })
    });
    let equipment = design.equipment.iter().filter_map(|e| {
        e.mount.as_ref().map(|m| Mounted {
            id: &e.id,
            label: &e.label,
            mount: m,
            span: UnitSpan::new(m.u, e.spec.height_u),
        })
    });
    enclosures.chain(equipment)
}

/// Whether `slot` is one of an enclosure's `slots` (numbered from 1).
pub fn slot_exists(slot: u8, slots: u8) -> bool {
    (1..=slots).contains(&slot)
}

/// Whether a module of `module_format` fits an enclosure whose slots take `slot_format`.
/// Slot formats are names (such as `LGX`, `MTP-HD`): a module fits only its own format.
pub fn format_fits(module_format: &str, slot_format: &str) -> bool {
    module_format == slot_format
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_covers_its_height_and_a_zero_height_takes_one_unit() {
        assert_eq!(
            UnitSpan::new(40, 4),
            UnitSpan {
                bottom: 40,
                top: 43
            }
        );
        assert_eq!(UnitSpan::new(7, 0), UnitSpan { bottom: 7, top: 7 });
    }

    #[test]
    fn a_span_is_inside_its_rack_only_from_u1_to_the_top() {
        assert!(UnitSpan::new(1, 42).inside(42));
        assert!(!UnitSpan::new(40, 4).inside(42));
        assert!(!UnitSpan::new(0, 1).inside(42));
    }

    #[test]
    fn spans_overlap_when_they_share_a_unit() {
        let a = UnitSpan::new(10, 2);
        assert!(a.overlaps(UnitSpan::new(11, 1)));
        assert!(a.overlaps(UnitSpan::new(8, 3)));
        assert!(!a.overlaps(UnitSpan::new(12, 4)));
        assert!(!a.overlaps(UnitSpan::new(8, 2)));
    }

    #[test]
    fn slots_count_from_one() {
        assert!(slot_exists(1, 4) && slot_exists(4, 4));
        assert!(!slot_exists(0, 4) && !slot_exists(5, 4));
    }
}
