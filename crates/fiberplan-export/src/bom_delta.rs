//! What an upgrade costs: the BOM lines whose quantity changes between two designs, with every
//! buying parameter of the part, and the fibers each touched trunk lights before and after.

use crate::bom::BomLine;
use fiberplan_edit::upgrade::Upgrade;
use serde::Serialize;

/// One part whose quantity changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeltaLine {
    /// How many are added (negative: removed).
    pub change: i64,
    /// How many before.
    pub before: usize,
    /// How many after.
    pub after: usize,
    /// The part and its buying parameters; its quantity is the size of the change.
    pub line: BomLine,
}

/// The buying parameters of a line: everything but how many and which.
fn key(l: &BomLine) -> BomLine {
    BomLine {
        quantity: 0,
        ids: String::new(),
        labeling: String::new(),
        ..l.clone()
    }
}

/// The lines whose quantity differs between `before` and `after`, removals first.
pub fn bom_delta(before: &[BomLine], after: &[BomLine]) -> Vec<DeltaLine> {
    let mut out: Vec<DeltaLine> = Vec::new();
    for (l, side) in before
        .iter()
        .map(|l| (l, 0))
        .chain(after.iter().map(|l| (l, 1)))
    {
        let k = key(l);
        let at = match out.iter().position(|d| key(&d.line) == k) {
            Some(i) => i,
            None => {
                out.push(DeltaLine {
                    change: 0,
                    before: 0,
                    after: 0,
                    line: k,
                });
                out.len() - 1
            }
        };
        let d = &mut out[at];
        if side == 0 {
            d.before += l.quantity;
        } else {
            d.after += l.quantity;
        }
    }
    out.retain(|d| d.before != d.after);
    for d in &mut out {
        d.change = d.after as i64 - d.before as i64;
        d.line.quantity = d.change.unsigned_abs() as usize;
    }
    out.sort_by_key(|d| {
        (
            d.change > 0,
            d.line.category.clone(),
            d.line.part_number.clone(),
        )
    });
    out
}

/// The BOM delta as CSV.
pub fn bom_delta_csv(lines: &[DeltaLine]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "change",
        "before",
        "after",
        "category",
        "part_number",
        "description",
        "fiber_type",
        "fiber_count",
        "front_connector",
        "rear_connector",
        "polarity_type",
        "mpo_gender",
        "polish",
        "insertion_loss_db",
        "slot_format",
        "length_m",
    ])?;
    for d in lines {
        let l = &d.line;
        w.write_record([
            format!("{:+}", d.change),
            d.before.to_string(),
            d.after.to_string(),
            l.category.clone(),
            l.part_number.clone(),
            l.description.clone(),
            l.fiber_type.clone(),
            l.fiber_count.clone(),
            l.front_connector.clone(),
            l.rear_connector.clone(),
            l.polarity_type.clone(),
            l.mpo_gender.clone(),
            l.polish.clone(),
            l.insertion_loss_db.clone(),
            l.slot_format.clone(),
            l.length_m.clone(),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Text for a Markdown table cell: a `|` in it would end the cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The summary of an upgrade for people: links moved and their margins, links that cannot
/// move and why, the BOM delta and each trunk's fibers lit before and after, as Markdown.
pub fn upgrade_markdown(u: &Upgrade, delta: &[DeltaLine]) -> String {
    use std::fmt::Write as _;
    let mut md = String::new();
    let _ = writeln!(md, "# Upgrade to {}\n", u.application);
    let _ = writeln!(
        md,
        "{} links move, {} of them pass; {} cannot move.\n",
        u.moved.len(),
        u.passing(),
        u.stuck.len()
    );
    if !u.moved.is_empty() {
        let _ = writeln!(md, "## Links that move\n\n| Link | Through | Verdict | Margin (dB) | Problem |\n|---|---|---|---|---|");
        for m in &u.moved {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} |",
                cell(&m.name),
                cell(m.trunk.as_deref().unwrap_or("(optics only)")),
                m.verdict,
                m.margin_db.map(|x| format!("{x:.2}")).unwrap_or_default(),
                cell(m.problem.as_deref().unwrap_or(""))
            );
        }
        md.push('\n');
    }
    if !u.stuck.is_empty() {
        let _ = writeln!(md, "## Links that cannot move\n\n| Link | Why |\n|---|---|");
        for s in &u.stuck {
            let _ = writeln!(md, "| {} | {} |", cell(&s.name), cell(&s.why));
        }
        md.push('\n');
    }
    let _ = writeln!(md, "## Parts\n\n| Change | Part number | Description | Fiber | Connectors | Polarity | Gender | Polish | Loss (dB) | Slot format | Length (m) |\n|---|---|---|---|---|---|---|---|---|---|---|");
    for d in delta {
        let l = &d.line;
        let _ = writeln!(
            md,
            "| {:+} | {} | {} | {} | {} / {} | {} | {} | {} | {} | {} | {} |",
            d.change,
            l.part_number,
            l.description,
            l.fiber_type,
            l.front_connector,
            l.rear_connector,
            l.polarity_type,
            l.mpo_gender,
            l.polish,
            l.insertion_loss_db,
            l.slot_format,
            l.length_m
        );
    }
    if !u.utilization.is_empty() {
        let _ = writeln!(
            md,
            "\n## Trunk fibers lit\n\n| Trunk | Fibers | Before | After |\n|---|---|---|---|"
        );
        for t in &u.utilization {
            let _ = writeln!(
                md,
                "| {} | {} | {} of {} | {} of {} |",
                t.trunk, t.fibers, t.lit_before, t.fibers, t.lit_after, t.fibers
            );
        }
    }
    md
}
