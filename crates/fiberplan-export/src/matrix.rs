//! The application matrix written out: `upgrade-matrix.csv`, one line per link (or trunk)
//! and application, and the Markdown section of `channels.md`.

use fiberplan_edit::matrix::{Carry, Row};

/// The matrix as CSV: one line per row and application, today and after a change of the
/// patching layer, each with its verdict, loss margin and reason.
pub fn matrix_csv(rows: &[Row]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "link",
        "via",
        "application",
        "today",
        "today_margin_db",
        "today_reason",
        "after_change",
        "after_margin_db",
        "after_reason",
    ])?;
    let margin = |c: &Carry| c.margin_db.map(|m| format!("{m:.2}")).unwrap_or_default();
    for r in rows {
        for c in &r.cells {
            w.write_record([
                r.name.as_str(),
                r.via.as_str(),
                c.application.as_str(),
                &c.today.verdict.to_string(),
                &margin(&c.today),
                c.today.why.as_deref().unwrap_or(""),
                &c.after.verdict.to_string(),
                &margin(&c.after),
                c.after.why.as_deref().unwrap_or(""),
            ])?;
        }
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The matrix as a Markdown section: per link, the applications it carries today and those
/// a change of the patching layer would let it carry, with margins; the reasons are in the
/// CSV.
pub fn matrix_md(rows: &[Row]) -> String {
    use std::fmt::Write as _;
    let mut md = String::from("## Application matrix\n\n");
    md += "What each link (and each trunk, through the first link on it) carries today and \
           after a change of its patching layer, with the loss margin in dB. The reasons a \
           link cannot carry an application are in `upgrade-matrix.csv`.\n\n";
    md += "| Link | Today | After a patching change |\n|---|---|---|\n";
    let list = |r: &Row, today: bool| -> String {
        let v: Vec<String> = r
            .cells
            .iter()
            .filter_map(|c| {
                let carry = if today { &c.today } else { &c.after };
                carry.carries().then(|| match carry.margin_db {
                    Some(m) => format!("{} ({m:+.2})", c.application),
                    None => c.application.clone(),
                })
            })
            .collect();
        if v.is_empty() {
            "none".to_owned()
        } else {
            v.join(", ")
        }
    };
    for r in rows {
        let name = if r.via.is_empty() {
            r.name.clone()
        } else {
            format!("{} (via {})", r.name, r.via)
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} |",
            name.replace('|', "\\|"),
            list(r, true),
            list(r, false)
        );
    }
    md
}
