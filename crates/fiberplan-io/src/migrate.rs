//! Format migrations: a design saved by an older Fiberplan is brought up to
//! [`FORMAT_VERSION`] step by step when it is read, and saved in the new format.
//!
//! Each step names what changed, so the app can tell the user what an upgrade did. A step
//! whose change is only in spelling is done by the reader of that type (see
//! [`fiberplan_model::PortRef`]), and the step here records it.

use fiberplan_model::{Design, FORMAT_VERSION};

/// One step from `from` to `from + 1`.
pub struct Migration {
    /// The version it reads.
    pub from: u32,
    /// What changed, for the user.
    pub change: &'static str,
    /// Rewrites a design read from a `from` file into the `from + 1` model.
    pub apply: fn(&mut Design),
}

/// Every step, oldest first; `MIGRATIONS[i].from == i + 1`.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        from: 1,
        change: "ports are written \"C1/R1\" instead of (part: \"C1\", side: Rear, port: 1)",
        apply: |_| {
            // PortRef's reader takes the format-1 struct, so the model is already right.
        },
    },
    Migration {
        from: 2,
        change: "each part spec is written once, in a specs table that parts name, instead of in full on every part",
        apply: |_| {
            // A format-2 file is read straight into the model, which holds each part's
            // full spec; the table exists only in the file (see `format3`).
        },
    },
];

/// Brings a design read from a file of version `from` up to [`FORMAT_VERSION`]. Returns the
/// changes made, oldest first (empty when the file was current).
pub fn upgrade(design: &mut Design, from: u32) -> Vec<&'static str> {
    let mut changes = Vec::new();
    for m in MIGRATIONS.iter().filter(|m| m.from >= from) {
        (m.apply)(design);
        changes.push(m.change);
    }
    design.format_version = FORMAT_VERSION;
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_is_one_step_per_older_version_in_order() {
        let froms: Vec<u32> = MIGRATIONS.iter().map(|m| m.from).collect();
        let want: Vec<u32> = (1..FORMAT_VERSION).collect();
        assert_eq!(froms, want);
    }
}
