//! Design comparison: parts and cables added, removed and changed, and channels whose
//! verdict changed.

use fiberplan_engine::trace::{Report, Verdict};
use fiberplan_model::Design;
use serde::Serialize;
use std::collections::BTreeMap;

/// One part that differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartChange {
    /// Kind of part.
    pub kind: &'static str,
    /// Id.
    pub id: String,
    /// What changed (top-level fields) for a changed part; empty for added/removed.
    pub fields: Vec<String>,
}

/// A channel whose verdict differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerdictChange {
    /// The channel's ends.
    pub channel: String,
    /// Verdict before (`None`: the channel did not exist).
    pub old: Option<Verdict>,
    /// Verdict after (`None`: the channel no longer exists).
    pub new: Option<Verdict>,
}

/// Everything that differs between two designs.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct DesignDiff {
    /// Parts only in the new design.
    pub added: Vec<PartChange>,
    /// Parts only in the old design.
    pub removed: Vec<PartChange>,
    /// Parts in both with different parameters or connections.
    pub changed: Vec<PartChange>,
    /// Channels whose verdict changed, appeared or disappeared.
    pub verdicts: Vec<VerdictChange>,
    /// Reviewer notes added or removed (count difference).
    pub notes: i64,
}

impl DesignDiff {
    /// True when nothing differs.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.verdicts.is_empty()
            && self.notes == 0
    }
}

/// Every part of a design as (kind, id) -> its fields as JSON values.
fn parts(
    d: &Design,
) -> BTreeMap<(&'static str, String), serde_json::Map<String, serde_json::Value>> {
    let mut out = BTreeMap::new();
    let mut add = |kind: &'static str, id: &str, v: serde_json::Result<serde_json::Value>| {
        if let Ok(serde_json::Value::Object(map)) = v {
            out.insert((kind, id.to_owned()), map);
        }
    };
    for p in &d.racks {
        add("rack", p.id.as_str(), serde_json::to_value(p));
    }
    for p in &d.enclosures {
        add("enclosure", p.id.as_str(), serde_json::to_value(p));
    }
    for p in &d.modules {
        add("module", p.id.as_str(), serde_json::to_value(p));
    }
    for p in &d.equipment {
        add("equipment", p.id.as_str(), serde_json::to_value(p));
    }
    for p in &d.cables {
        add("cable", p.id.as_str(), serde_json::to_value(p));
    }
    out
}

fn verdicts(r: &Report) -> BTreeMap<String, Verdict> {
    r.channels()
        .iter()
        .map(|c| {
            let key = match &c.b {
                Some(b) => format!("{} <-> {b}", c.a),
                None => format!("{} (open)", c.a),
            };
            (key, c.verdict)
        })
        .collect()
}

/// Compares `old` and `new` (with their reports).
pub fn diff(old: &Design, old_report: &Report, new: &Design, new_report: &Report) -> DesignDiff {
    let (a, b) = (parts(old), parts(new));
    let mut out = DesignDiff::default();
    for (key, fields) in &b {
        match a.get(key) {
            None => out.added.push(PartChange {
                kind: key.0,
                id: key.1.clone(),
                fields: Vec::new(),
            }),
            Some(old_fields) if old_fields != fields => {
                let mut names: Vec<String> = fields
                    .keys()
                    .chain(old_fields.keys())
                    .filter(|k| fields.get(*k) != old_fields.get(*k))
                    .cloned()
                    .collect();
                names.sort();
                names.dedup();
                out.changed.push(PartChange {
                    kind: key.0,
                    id: key.1.clone(),
                    fields: names,
                });
            }
            Some(_) => {}
        }
    }
    for key in a.keys().filter(|k| !b.contains_key(*k)) {
        out.removed.push(PartChange {
            kind: key.0,
            id: key.1.clone(),
            fields: Vec::new(),
        });
    }
    let (va, vb) = (verdicts(old_report), verdicts(new_report));
    for (k, v) in &vb {
        if va.get(k) != Some(v) {
            out.verdicts.push(VerdictChange {
                channel: k.clone(),
                old: va.get(k).copied(),
                new: Some(*v),
            });
        }
    }
    for (k, v) in &va {
        if !vb.contains_key(k) {
            out.verdicts.push(VerdictChange {
                channel: k.clone(),
                old: Some(*v),
                new: None,
            });
        }
    }
    out.notes = new.notes.len() as i64 - old.notes.len() as i64;
    out
}

/// The diff as plain text.
pub fn diff_text(d: &DesignDiff) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    if d.is_empty() {
        s.push_str("No differences.\n");
        return s;
    }
    for p in &d.added {
        let _ = writeln!(s, "+ {} {}", p.kind, p.id);
    }
    for p in &d.removed {
        let _ = writeln!(s, "- {} {}", p.kind, p.id);
    }
    for p in &d.changed {
        let _ = writeln!(s, "~ {} {}: {}", p.kind, p.id, p.fields.join(", "));
    }
    let v = |x: Option<Verdict>| x.map(|v| v.to_string()).unwrap_or_else(|| "absent".into());
    for c in &d.verdicts {
        let _ = writeln!(s, "! channel {}: {} -> {}", c.channel, v(c.old), v(c.new));
    }
    if d.notes != 0 {
        let _ = writeln!(s, "notes: {:+}", d.notes);
    }
    s
}
