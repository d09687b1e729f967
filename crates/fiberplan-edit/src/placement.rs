//! Where a part may be put: the rack units or the slot a catalog part or a placed part
//! needs, whether that place is free, and the edit that moves a part there. The window asks
//! these rules while a part is dragged and shows the refusal's reason; it decides none of it.

use fiberplan_engine::catalog::PartTemplate;
use fiberplan_model::placement::{format_fits, mounted_parts, slot_exists, UnitSpan};
use fiberplan_model::{Design, Id, Mount, PartKind, SlotRef};

use crate::Edit;

/// What kind of place a part needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// Rack units: this many, from the unit it is dropped on up.
    Units(u8),
    /// An enclosure slot of this format.
    Slot(String),
    /// Anywhere on the canvas (racks and cables).
    Anywhere,
}

impl Need {
    /// The place a part made from `template` needs.
    pub fn of_template(template: &PartTemplate) -> Need {
        match template {
            PartTemplate::Enclosure(s) => Need::Units(s.height_u),
            PartTemplate::Equipment(s) => Need::Units(s.height_u),
            PartTemplate::Module(s) => Need::Slot(s.slot_format.clone()),
            PartTemplate::Rack { .. } | PartTemplate::Cable(_) => Need::Anywhere,
        }
    }

    /// The place the placed part `id` needs to be moved; `None` for parts that do not move
    /// into units or slots (racks, cables) and for ids not in `design`.
    pub fn of_part(design: &Design, id: &Id) -> Option<Need> {
        match design.kind_of(id)? {
            PartKind::Enclosure => design
                .enclosures
                .iter()
                .find(|e| &e.id == id)
                .map(|e| Need::Units(e.spec.height_u)),
            PartKind::Equipment => design
                .equipment
                .iter()
                .find(|e| &e.id == id)
                .map(|e| Need::Units(e.spec.height_u)),
            PartKind::Module => design
                .modules
                .iter()
                .find(|m| &m.id == id)
                .map(|m| Need::Slot(m.spec.slot_format.clone())),
            _ => None,
        }
    }
}

/// A place on the canvas a part can be put.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Mounted in `rack` from unit `u` up.
    Units {
        /// The rack.
        rack: Id,
        /// Lowest unit.
        u: u8,
    },
    /// In `slot` of `enclosure`.
    Slot {
        /// The enclosure.
        enclosure: Id,
        /// Slot number, from 1.
        slot: u8,
    },
    /// Not in a rack or slot.
    Loose,
}

/// Why a part cannot go where it was dropped. The text is what the canvas shows beside the
/// refused place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The rack is not in the design.
    #[error("rack {0} does not exist")]
    NoRack(Id),
    /// The part would reach above the rack's top unit.
    #[error("needs U{bottom}-U{top}, but {rack} has U1-U{height_u}")]
    OutsideRack {
        /// Lowest unit asked for.
        bottom: u32,
        /// Highest unit asked for.
        top: u32,
        /// The rack's label.
        rack: String,
        /// The rack's height.
        height_u: u8,
    },
    /// Another part holds some of the units.
    #[error("U{bottom}-U{top} overlaps {other} (U{other_bottom}-U{other_top})")]
    UnitsTaken {
        /// Lowest unit asked for.
        bottom: u32,
        /// Highest unit asked for.
        top: u32,
        /// The label of the part in the way.
        other: String,
        /// Its lowest unit.
        other_bottom: u32,
        /// Its highest unit.
        other_top: u32,
    },
    /// The enclosure is not in the design.
    #[error("enclosure {0} does not exist")]
    NoEnclosure(Id),
    /// The enclosure has no slot of that number.
    #[error("{enclosure} has slots 1-{slots}, not slot {slot}")]
    NoSlot {
        /// The enclosure's label.
        enclosure: String,
        /// Slot asked for.
        slot: u8,
        /// The enclosure's slot count.
        slots: u8,
    },
    /// The module is of another slot format than the enclosure takes.
    #[error("{enclosure} takes {takes} modules; this one is {format}")]
    WrongFormat {
        /// The enclosure's label.
        enclosure: String,
        /// The format its slots take.
        takes: String,
        /// The module's format.
        format: String,
    },
    /// Another module is in the slot.
    #[error("slot {slot} of {enclosure} holds {holder}")]
    SlotTaken {
        /// Slot asked for.
        slot: u8,
        /// The enclosure's label.
        enclosure: String,
        /// The label of the module in it.
        holder: String,
    },
}

/// Whether units `u` to `u + height_u - 1` of `rack` are inside it and free of every
/// mounted part but `except` (the part being moved).
pub fn units_free(
    design: &Design,
    rack: &Id,
    u: u8,
    height_u: u8,
    except: Option<&Id>,
) -> Result<(), Refusal> {
    let Some(r) = design.racks.iter().find(|r| &r.id == rack) else {
        return Err(Refusal::NoRack(rack.clone()));
    };
    let span = UnitSpan::new(u, height_u);
    if !span.inside(r.height_u) {
        return Err(Refusal::OutsideRack {
            bottom: span.bottom,
            top: span.top,
            rack: r.label.clone(),
            height_u: r.height_u,
        });
    }
    let in_the_way = mounted_parts(design)
        .find(|p| Some(p.id) != except && &p.mount.rack == rack && p.span.overlaps(span));
    match in_the_way {
        Some(p) => Err(Refusal::UnitsTaken {
            bottom: span.bottom,
            top: span.top,
            other: p.label.to_owned(),
            other_bottom: p.span.bottom,
            other_top: p.span.top,
        }),
        None => Ok(()),
    }
}

/// Whether a module of `format` fits `slot` of `enclosure` and the slot is free of every
/// module but `except` (the module being moved).
pub fn slot_free(
    design: &Design,
    enclosure: &Id,
    slot: u8,
    format: &str,
    except: Option<&Id>,
) -> Result<(), Refusal> {
    let Some(e) = design.enclosures.iter().find(|e| &e.id == enclosure) else {
        return Err(Refusal::NoEnclosure(enclosure.clone()));
    };
    if !slot_exists(slot, e.spec.slots) {
        return Err(Refusal::NoSlot {
            enclosure: e.label.clone(),
            slot,
            slots: e.spec.slots,
        });
    }
    if !format_fits(format, &e.spec.slot_format) {
        return Err(Refusal::WrongFormat {
            enclosure: e.label.clone(),
            takes: e.spec.slot_format.clone(),
            format: format.to_owned(),
        });
    }
    let holder = design.modules.iter().find(|m| {
        Some(&m.id) != except
            && m.slot
                .as_ref()
                .is_some_and(|s| &s.enclosure == enclosure && s.slot == slot)
    });
    match holder {
        Some(m) => Err(Refusal::SlotTaken {
            slot,
            enclosure: e.label.clone(),
            holder: m.label.clone(),
        }),
        None => Ok(()),
    }
}

/// Whether a part that needs `need` may go to `place`; `except` is the part being moved.
/// A place of the wrong kind (units for a module, say) is never offered by the canvas and is
/// refused here only by leaving the part where it is: it returns `Ok`.
pub fn check_place(
    design: &Design,
    need: &Need,
    place: &Place,
    except: Option<&Id>,
) -> Result<(), Refusal> {
    match (need, place) {
        (Need::Units(h), Place::Units { rack, u }) => units_free(design, rack, *u, *h, except),
        (Need::Slot(format), Place::Slot { enclosure, slot }) => {
            slot_free(design, enclosure, *slot, format, except)
        }
        _ => Ok(()),
    }
}

/// The edit that moves the placed part `id` to `place`, with its undo label ("Move A01-U40"),
/// or why it cannot go there. `Ok(None)`: the place is not one this part moves to.
pub fn move_to(design: &Design, id: &Id, place: &Place) -> Result<Option<(String, Edit)>, Refusal> {
    let Some(need) = Need::of_part(design, id) else {
        return Ok(None);
    };
    check_place(design, &need, place, Some(id))?;
    let label = format!("Move {}", design.label_of(id));
    let edit = match (&need, place) {
        (Need::Units(_), Place::Units { rack, u }) => Edit::Mount {
            id: id.clone(),
            mount: Some(Mount {
                rack: rack.clone(),
                u: *u,
            }),
        },
        (Need::Slot(_), Place::Slot { enclosure, slot }) => Edit::Slot {
            id: id.clone(),
            slot: Some(SlotRef {
                enclosure: enclosure.clone(),
                slot: *slot,
            }),
        },
        _ => return Ok(None),
    };
    Ok(Some((label, edit)))
}

/// The edit that moves the rack-mounted parts `ids` together as `lead` moves to unit `u` of
/// `rack`: each by the same number of units, into `rack` from whichever rack it is in with
/// `lead`. Parts of the group may take each other's units; every new span must be inside the
/// rack and clear of every part not moving. Parts of `ids` not mounted where `lead` is are
/// left where they are.
pub fn move_group(
    design: &Design,
    ids: &[Id],
    lead: &Id,
    rack: &Id,
    u: u8,
) -> Result<Option<(String, Edit)>, Refusal> {
    let parts: Vec<_> = mounted_parts(design).collect();
    let Some(first) = parts.iter().find(|p| p.id == lead) else {
        return Ok(None);
    };
    let from_rack = first.mount.rack.clone();
    let delta = i32::from(u) - i32::from(first.mount.u);
    let moving: Vec<_> = parts
        .iter()
        .filter(|p| ids.contains(p.id) && p.mount.rack == from_rack)
        .collect();
    let Some(r) = design.racks.iter().find(|r| &r.id == rack) else {
        return Err(Refusal::NoRack(rack.clone()));
    };
    let mut edits = Vec::new();
    for p in &moving {
        let new_u = i32::from(p.mount.u) + delta;
        let height = u8::try_from(p.span.top - p.span.bottom + 1).unwrap_or(u8::MAX);
        let Ok(new_u) = u8::try_from(new_u) else {
            return Err(Refusal::OutsideRack {
                bottom: 0,
                top: u32::from(height),
                rack: r.label.clone(),
                height_u: r.height_u,
            });
        };
        let span = UnitSpan::new(new_u, height);
        if new_u < 1 || !span.inside(r.height_u) {
            return Err(Refusal::OutsideRack {
                bottom: span.bottom,
                top: span.top,
                rack: r.label.clone(),
                height_u: r.height_u,
            });
        }
        // Parts of the group may take each other's units; others may not be in the way.
        if let Some(other) = parts.iter().find(|o| {
            !moving.iter().any(|m| m.id == o.id) && &o.mount.rack == rack && o.span.overlaps(span)
        }) {
            return Err(Refusal::UnitsTaken {
                bottom: span.bottom,
                top: span.top,
                other: other.label.to_owned(),
                other_bottom: other.span.bottom,
                other_top: other.span.top,
            });
        }
        edits.push(Edit::Mount {
            id: p.id.clone(),
            mount: Some(Mount {
                rack: rack.clone(),
                u: new_u,
            }),
        });
    }
    if edits.is_empty() || (delta == 0 && &from_rack == rack) {
        return Ok(None);
    }
    Ok(Some((
        format!("Move {} parts", edits.len()),
        Edit::Batch(edits),
    )))
}
