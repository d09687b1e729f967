//! The inspector's "Applications" section: for the selected port's link, or the first link
//! on a selected trunk, every application of the table with what it gives today and after a
//! change of the patching layer (`fiberplan_edit::matrix`). Worked out when the section is
//! opened, and kept until the design or the selection changes.

use super::*;
use fiberplan_edit::matrix::{channel_row, Row};
use fiberplan_edit::upgrade::channel_parts;
use fiberplan_model::CableKind;

/// The last matrix row shown: the revision and what it was for, and the row.
pub type MatrixCache = Option<((u64, String), Option<Row>)>;

impl FiberplanApp {
    /// The link the section is about: the selected port's, or the first on a selected trunk.
    fn matrix_subject(&self) -> Option<(String, usize)> {
        let report = self.doc.report();
        if let Some(port) = &self.selected_port {
            let i = report
                .channels()
                .iter()
                .position(|c| (&c.a == port || c.b.as_ref() == Some(port)) && c.b.is_some())?;
            return Some((format!("port {port}"), i));
        }
        let [id] = self.selection.as_slice() else {
            return None;
        };
        let cable = self.doc.design().cables.iter().find(|c| &c.id == id)?;
        if !matches!(cable.spec.kind, CableKind::Trunk { .. }) {
            return None;
        }
        let i = report
            .channels()
            .iter()
            .position(|c| c.b.is_some() && channel_parts(report, c).contains(id))?;
        Some((format!("trunk {id}"), i))
    }

    /// The section, below the inspector.
    pub(super) fn applications_panel_ui(&mut self, ui: &mut Ui) {
        let Some((subject, channel)) = self.matrix_subject() else {
            return;
        };
        let key = (self.doc.revision(), subject);
        egui::CollapsingHeader::new("Applications this link can carry")
            .id_salt("applications-matrix")
            .default_open(false)
            .show(ui, |ui| {
                if self.matrix.as_ref().map(|(k, _)| k) != Some(&key) {
                    let report = self.doc.report();
                    let row = report.channels().get(channel).and_then(|c| {
                        channel_row(self.doc.design(), report, &self.catalog, &self.apps, c)
                    });
                    self.matrix = Some((key.clone(), row));
                }
                let Some((_, Some(row))) = &self.matrix else {
                    ui.label("This link has no far end to try applications on.");
                    return;
                };
                ui.label(format!(
                    "{}: today as patched, and after the patching change an upgrade would make.",
                    row.name
                ));
                egui::Grid::new("applications-grid")
                    .striped(true)
                    .show(ui, |ui| {
                        for h in ["Application", "Today", "After a change"] {
                            ui.strong(h);
                        }
                        ui.end_row();
                        for c in &row.cells {
                            ui.label(&c.application);
                            for carry in [&c.today, &c.after] {
                                let text = match (carry.carries(), carry.margin_db) {
                                    (true, Some(m)) => format!("{} {m:+.2} dB", carry.verdict),
                                    (true, None) => carry.verdict.to_string(),
                                    (false, _) => "cannot".to_owned(),
                                };
                                let r = if carry.carries() {
                                    ui.label(text)
                                } else {
                                    ui.colored_label(ui.visuals().weak_text_color(), text)
                                };
                                if let Some(why) = &carry.why {
                                    r.on_hover_text(why);
                                }
                            }
                            ui.end_row();
                        }
                    });
            });
    }

    /// The whole design's matrix while review mode shows its Applications tab, worked out
    /// once per revision.
    pub(super) fn update_review_matrix(&mut self) {
        if self.review_state.tab != crate::review::ReviewTab::Applications {
            return;
        }
        let revision = self.doc.revision();
        if self.design_matrix.as_ref().map(|(r, _)| *r) != Some(revision) {
            let rows = fiberplan_edit::matrix::design_matrix(
                self.doc.design(),
                self.doc.report(),
                &self.catalog,
                &self.apps,
            );
            self.design_matrix = Some((revision, rows));
        }
    }
}
