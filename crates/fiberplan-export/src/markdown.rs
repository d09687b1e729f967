//! The channel report as Markdown: channels with verdicts and losses, findings, and notes.

use fiberplan_engine::trace::Report;
use fiberplan_model::{Design, NoteTarget};
use std::fmt::Write as _;

/// The channel report of `design` as Markdown.
pub fn channel_report_md(design: &Design, report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Channel report: {}\n", design.name);
    let s = crate::check_report::Summary::of(report);
    let _ = writeln!(
        out,
        "{} channels: {} pass, {} warn, {} fail. {} errors, {} warnings.\n",
        s.channels, s.passing, s.warning, s.failing, s.errors, s.warnings
    );
    let _ = writeln!(
        out,
        "| # | End A | End B | Application | Hops | Length (m) | Loss (dB) | Budget (dB) | Margin (dB) | Verdict |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|---|---|");
    for (i, c) in report.channels().iter().enumerate() {
        let b = match (&c.b, &c.b_name) {
            (Some(b), Some(n)) => format!("{b} {n}"),
            _ => "open".to_owned(),
        };
        let (loss, budget, margin) = match &c.budget {
            Some(x) => (
                format!("{:.3}", x.loss_db),
                format!("{:.2}", x.max_loss_db),
                format!("{:.3}", x.margin_db()),
            ),
            None => ("-".into(), "-".into(), "-".into()),
        };
        let _ = writeln!(
            out,
            "| {} | {} {} | {b} | {} | {} | {:.1} | {loss} | {budget} | {margin} | {} |",
            i + 1,
            c.a,
            c.a_name,
            c.applications.join("/"),
            c.hops,
            c.length_m,
            c.verdict
        );
    }
    let _ = writeln!(out, "\n## Findings\n");
    if report.findings().is_empty() {
        let _ = writeln!(out, "None.");
    }
    for f in &report.findings() {
        let parts: Vec<String> = f.parts.iter().map(|p| p.to_string()).collect();
        let _ = writeln!(
            out,
            "- **{}** `{}`: {} (parts: {}; rule: {})",
            f.severity,
            f.rule,
            f.message,
            parts.join(", "),
            f.rule.citation()
        );
    }
    if !design.notes.is_empty() {
        let _ = writeln!(out, "\n## Reviewer notes\n");
        for n in &design.notes {
            let target = match &n.target {
                NoteTarget::Part(id) => format!("part {id}"),
                NoteTarget::Channel { a, b } => match b {
                    Some(b) => format!("channel {a} <-> {b}"),
                    None => format!("channel {a}"),
                },
            };
            let by = if n.author.is_empty() {
                String::new()
            } else {
                format!(" ({})", n.author)
            };
            let _ = writeln!(out, "- {target}{by}: {}", n.text);
        }
    }
    out
}
