//! The findings list: every finding of the last check, errors first; clicking one selects
//! and centres the parts involved.

use crate::action::Action;
use egui::{Color32, Ui};
use fiberplan_edit::blame::{Blame, BudgetOptions, Fix};
use fiberplan_edit::Edit;
use fiberplan_engine::trace::{Finding, PlugSite, Report, Rule, Severity};
use fiberplan_model::PortRef;

/// Colour of a severity.
pub fn severity_color(s: Severity) -> Color32 {
    match s {
        Severity::Error => Color32::from_rgb(225, 55, 55),
        Severity::Warning => Color32::from_rgb(240, 165, 30),
    }
}

/// What the findings list shows: which severities, and findings whose rule, message or
/// parts contain a text.
#[derive(Debug, Clone)]
pub struct FindingsFilter {
    /// Show errors.
    pub errors: bool,
    /// Show warnings.
    pub warnings: bool,
    /// Show only findings containing this (any case).
    pub text: String,
}

impl Default for FindingsFilter {
    fn default() -> Self {
        FindingsFilter {
            errors: true,
            warnings: true,
            text: String::new(),
        }
    }
}

impl FindingsFilter {
    fn shows(&self, f: &Finding) -> bool {
        let severity = match f.severity {
            Severity::Error => self.errors,
            Severity::Warning => self.warnings,
        };
        let q = self.text.trim().to_lowercase();
        severity
            && (q.is_empty()
                || f.rule.name().contains(&q)
                || f.message.to_lowercase().contains(&q)
                || f.parts
                    .iter()
                    .any(|p| p.as_str().to_lowercase().contains(&q)))
    }
}

/// Draws the findings grouped by rule, with counts, errors first, filtered by `filter`; a
/// click on one selects its parts and zooms to them. Under the first finding of each
/// channel that `blame` has a fix for: **Fix: change CP2 to an A-to-B cord**, which applies
/// it as one undoable step, and where other channels have the same fix, **Fix all N like
/// this**. Under the first finding of a channel over its budget: its largest contributors and
/// the options that would fit, those that change parts as **Use: …** buttons (not fixes: no
/// part is at fault).
pub fn findings_ui(
    ui: &mut Ui,
    report: &Report,
    blame: &Blame,
    filter: &mut FindingsFilter,
) -> Vec<Action> {
    let fixes = blame.fixes.as_slice();
    let mut shown = vec![false; fixes.len()];
    let mut shown_options = vec![false; blame.options.len()];
    let mut clicked = Vec::new();
    let findings = report.findings();
    let (errors, warnings) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
    );
    ui.horizontal(|ui| {
        ui.strong("Findings");
        ui.toggle_value(&mut filter.errors, format!("{errors} errors"))
            .on_hover_text("Show errors");
        ui.toggle_value(&mut filter.warnings, format!("{warnings} warnings"))
            .on_hover_text("Show warnings");
        ui.separator();
        let l = ui.label("Filter");
        ui.add(
            egui::TextEdit::singleline(&mut filter.text)
                .hint_text("rule, part or text")
                .desired_width(220.0),
        )
        .labelled_by(l.id);
    });
    if findings.is_empty() {
        ui.label("No findings: every traced fiber reaches a receiver within its budget.");
        return clicked;
    }
    // By rule, in the order rules are listed (the fiber rules first), errors before
    // warnings within a rule.
    let mut by_rule: std::collections::BTreeMap<Rule, Vec<usize>> = Default::default();
    for (i, f) in findings.iter().enumerate() {
        if filter.shows(f) {
            by_rule.entry(f.rule).or_default().push(i);
        }
    }
    if by_rule.is_empty() {
        ui.weak("No finding matches the filter.");
        return clicked;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (rule, mut list) in by_rule {
                list.sort_by_key(|&i| std::cmp::Reverse(findings[i].severity));
                let e = list
                    .iter()
                    .filter(|&&i| findings[i].severity == Severity::Error)
                    .count();
                let w = list.len() - e;
                let mut title = format!("{rule}: {}", rule.summary());
                if e > 0 {
                    title += &format!(" — {e} error{}", if e == 1 { "" } else { "s" });
                }
                if w > 0 {
                    title += &format!(" — {w} warning{}", if w == 1 { "" } else { "s" });
                }
                egui::CollapsingHeader::new(title)
                    .id_salt(("findings-rule", rule))
                    .default_open(true)
                    .show(ui, |ui| {
                        for i in list {
                            let Some(f) = findings.get(i) else { continue };
                            finding_ui(ui, f, &mut clicked);
                            for (k, fix) in fixes.iter().enumerate() {
                                let about = is_about(f, &fix.a, fix.b.as_ref());
                                if shown[k] || !about || fix.changes.is_empty() {
                                    continue;
                                }
                                shown[k] = true;
                                fix_ui(ui, fix, fixes, &mut clicked);
                            }
                            for (k, o) in blame.options.iter().enumerate() {
                                let about = is_about(f, &o.a, o.b.as_ref());
                                if shown_options[k] || !about {
                                    continue;
                                }
                                shown_options[k] = true;
                                if let Some((text, edit)) = options_ui(ui, o, 24.0) {
                                    clicked.push(Action::edit(text, edit));
                                }
                            }
                        }
                    });
            }
        });
    clicked
}

/// One finding: its severity and message; a click selects its parts and zooms to them.
fn finding_ui(ui: &mut Ui, f: &Finding, clicked: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        ui.colored_label(severity_color(f.severity), f.severity.to_string());
        let text = format!("{}: {}", f.rule, f.message);
        if ui
            .selectable_label(false, text)
            .on_hover_text(f.rule.citation())
            .clicked()
        {
            clicked.push(Action::Focus(f.parts.clone()));
        }
    });
}

/// Whether finding `f` is about the channel between `a` and `b`: it names one of them, or
/// its fiber starts at one (a loss or reach finding names only its fiber).
fn is_about(f: &Finding, a: &PortRef, b: Option<&PortRef>) -> bool {
    let at = |p: &PortRef| p == a || b == Some(p);
    f.ports.iter().any(at)
        || matches!(
            f.path.first().map(|h| &h.plug),
            Some(PlugSite::Transceiver { port }) if at(port)
        )
}

/// The buttons of one fix: apply it, and apply it to every channel with the same fix.
fn fix_ui(ui: &mut Ui, fix: &Fix, fixes: &[Fix], actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        ui.add_space(24.0);
        let text = format!("Fix: {}", fix.text());
        if ui.button(&text).clicked() {
            actions.push(Action::edit(text, fix.edit()));
        }
        let alike: Vec<&Fix> = fixes.iter().filter(|other| same_kind(fix, other)).collect();
        // Offered once, with the first of them.
        let first = alike.first().is_some_and(|f| std::ptr::eq(*f, fix));
        if alike.len() > 1 && first {
            let label = format!("Fix all {} like this", alike.len());
            if ui.button(&label).clicked() {
                let mut edits: Vec<Edit> = Vec::new();
                for other in &alike {
                    for c in &other.changes {
                        if !edits.contains(&c.edit) {
                            edits.push(c.edit.clone());
                            edits.extend(c.record.clone());
                        }
                    }
                }
                actions.push(Action::edit(
                    format!("Fix {} channels: {}", alike.len(), fix.text()),
                    Edit::Batch(edits),
                ));
            }
        }
    });
}

/// Whether two fixes make the same kind of change (one change each, of the same field from
/// the same value to the same value).
fn same_kind(a: &Fix, b: &Fix) -> bool {
    match (a.changes.as_slice(), b.changes.as_slice()) {
        ([x], [y]) => x.field == y.field && x.old == y.old && x.new == y.new,
        _ => false,
    }
}

/// The largest contributors of a channel over budget and its options, indented by
/// `indent`; a catalog option is a **Use: …** button, and the one clicked is returned with
/// its edit.
pub(crate) fn options_ui(ui: &mut Ui, o: &BudgetOptions, indent: f32) -> Option<(String, Edit)> {
    let mut clicked = None;
    // Indented under a finding in the wide findings list; wrapped in the narrow inspector.
    let row = |ui: &mut Ui, add: &mut dyn FnMut(&mut Ui)| {
        if indent > 0.0 {
            ui.horizontal(|ui| {
                ui.add_space(indent);
                add(ui);
            });
        } else {
            add(ui);
        }
    };
    row(ui, &mut |ui| {
        ui.label(format!("Largest: {}", o.contributors_text()));
    });
    if o.choices.is_empty() {
        row(ui, &mut |ui| {
            ui.label("No lower-loss catalog part or other application in the table fits.");
        });
    }
    for choice in &o.choices {
        row(ui, &mut |ui| {
            if choice.changes.is_empty() {
                ui.label(format!("Option: {}", choice.text));
            } else {
                let text = format!("Use: {}", choice.text);
                let button = egui::Button::new(&text).wrap_mode(egui::TextWrapMode::Wrap);
                if ui.add(button).clicked() {
                    let edits = choice
                        .changes
                        .iter()
                        .flat_map(|c| std::iter::once(c.edit.clone()).chain(c.record.clone()))
                        .collect();
                    clicked = Some((text, Edit::Batch(edits)));
                }
            }
        });
    }
    clicked
}
