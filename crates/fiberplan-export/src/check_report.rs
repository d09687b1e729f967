//! Reports of a check as `fiberplan check` prints them: plain text for people, JSON for machines.

use fiberplan_edit::blame::{Blame, BudgetOptions, Fix};
use fiberplan_engine::trace::{Channel, Finding, Report, Severity, Verdict};
use fiberplan_model::Design;
use serde::Serialize;
use std::fmt::Write as _;

/// Totals over a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Channels traced.
    pub channels: usize,
    /// Channels with no finding.
    pub passing: usize,
    /// Channels with warnings only.
    pub warning: usize,
    /// Channels with an error.
    pub failing: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
}

impl Summary {
    /// Counts channels by verdict and findings by severity.
    pub fn of(report: &Report) -> Self {
        let by = |v| report.channels().iter().filter(|c| c.verdict == v).count();
        Summary {
            channels: report.channels().len(),
            passing: by(Verdict::Pass),
            warning: by(Verdict::Warning),
            failing: by(Verdict::Fail),
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
        }
    }
}

fn end_name(port: &fiberplan_model::PortRef, name: &str) -> String {
    format!("{port} {name}")
}

/// One line describing a channel: ends, application, hops, length, loss against budget.
pub fn channel_line(c: &Channel) -> String {
    let b = match (&c.b, &c.b_name) {
        (Some(b), Some(n)) => end_name(b, n),
        _ => "(no far transceiver)".to_owned(),
    };
    let mut line = format!(
        "{:<4}  {} <-> {}  {}  hops {}  length {:.1} m",
        c.verdict,
        end_name(&c.a, &c.a_name),
        b,
        c.applications.join("/"),
        c.hops,
        c.length_m
    );
    if let Some(budget) = &c.budget {
        let _ = write!(
            line,
            "  loss {:.3} dB of {:.2} dB (margin {:.3} dB, {} on {}, reach {:.0} m)",
            budget.loss_db,
            budget.max_loss_db,
            budget.margin_db(),
            budget.application,
            budget.fiber,
            budget.reach_m
        );
    }
    line
}

fn finding_lines(f: &Finding, out: &mut impl std::fmt::Write, indent: &str) -> std::fmt::Result {
    writeln!(out, "{indent}{} {}: {}", f.severity, f.rule, f.message)?;
    if !f.path.is_empty() {
        let hops: Vec<String> = f.path.iter().map(|h| h.to_string()).collect();
        writeln!(out, "{indent}  path: {}", hops.join(" -> "))?;
    }
    Ok(())
}

/// The whole report as plain text, with a `fix:` line under each channel that `blame` has a
/// fix for (or says no single or double change fixes it), and under each channel over its
/// budget the largest contributors (`largest:`) and the options that would fit (`option:`).
pub fn text_report(design: &Design, source: &str, report: &Report, blame: &Blame) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = write_text_report(&mut out, design, source, report, blame);
    out
}

/// [`text_report`] written into `out` as it is made, so a report of a data hall is never
/// held whole in memory; stops at the first error of `out`.
pub fn write_text_report(
    out: &mut impl std::fmt::Write,
    design: &Design,
    source: &str,
    report: &Report,
    blame: &Blame,
) -> std::fmt::Result {
    writeln!(out, "Fiberplan check: {} ({source})", design.name)?;
    writeln!(out)?;
    writeln!(out, "Channels:")?;
    let blame = blame.by_channel();
    for c in &report.channels() {
        writeln!(out, "  {}", channel_line(c))?;
        for f in report.channel_findings(c) {
            finding_lines(f, out, "      ")?;
        }
        if let Some(fix) = blame.fix_for(&c.a, c.b.as_ref()) {
            writeln!(out, "      fix: {}", fix.text())?;
        }
        if let Some(o) = blame.options_for(&c.a, c.b.as_ref()) {
            writeln!(out, "      largest: {}", o.contributors_text())?;
            if o.choices.is_empty() {
                writeln!(
                    out,
                    "      option: none: no lower-loss catalog part or other application in the table fits"
                )?;
            }
            for choice in &o.choices {
                writeln!(out, "      option: {}", choice.text)?;
            }
        }
    }
    let others: Vec<&Finding> = report.loose_findings().collect();
    if !others.is_empty() {
        writeln!(out)?;
        writeln!(out, "Other findings:")?;
        for f in others {
            finding_lines(f, out, "  ")?;
        }
    }
    let s = Summary::of(report);
    writeln!(out)?;
    writeln!(
        out,
        "Summary: {} channels: {} pass, {} warn, {} fail; {} errors, {} warnings",
        s.channels, s.passing, s.warning, s.failing, s.errors, s.warnings
    )
}

#[derive(Serialize)]
struct JsonReport<'a> {
    design: &'a str,
    file: &'a str,
    summary: Summary,
    channels: Vec<JsonChannel<'a>>,
    findings: Vec<&'a Finding>,
}

/// A channel with its findings as indices into the report's `findings`.
#[derive(Serialize)]
struct JsonChannel<'a> {
    #[serde(flatten)]
    channel: &'a Channel,
    findings: Vec<usize>,
    /// The fix found for it: each change's part, field, old and new value, catalog part
    /// number, and words.
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<&'a Fix>,
    /// For a channel over its budget: the largest contributors and the options that fit.
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<&'a BudgetOptions>,
}

/// The whole report as JSON (channels refer to findings by index), with the fix or the
/// budget options `blame` has for each channel.
pub fn json_report(
    design: &Design,
    source: &str,
    report: &Report,
    blame: &Blame,
) -> Result<String, serde_json::Error> {
    let mut out = Vec::new();
    write_json_report(&mut out, design, source, report, blame)?;
    // serde_json writes UTF-8 only.
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// [`json_report`] written into `out` as it is made, so a report of a data hall is never
/// held whole in memory.
pub fn write_json_report(
    out: impl std::io::Write,
    design: &Design,
    source: &str,
    report: &Report,
    blame: &Blame,
) -> Result<(), serde_json::Error> {
    let blame = blame.by_channel();
    serde_json::to_writer_pretty(
        out,
        &JsonReport {
            design: &design.name,
            file: source,
            summary: Summary::of(report),
            channels: report
                .channels()
                .iter()
                .zip(report.channel_finding_positions())
                .map(|(channel, findings)| JsonChannel {
                    channel,
                    findings,
                    fix: blame.fix_for(&channel.a, channel.b.as_ref()),
                    options: blame.options_for(&channel.a, channel.b.as_ref()),
                })
                .collect(),
            findings: report.findings().iter().collect(),
        },
    )
}
