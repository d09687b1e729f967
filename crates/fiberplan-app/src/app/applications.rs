//! The application matrix in the window: the row of the selected port's link, or of the first
//! link on a selected trunk, worked out when the inspector's section is open and kept until
//! the design or the selection changes; and the whole design's matrix for review mode's
//! Applications tab, worked out once per revision (`fiberplan_edit::matrix`).

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

    /// Works out the matrix row of the inspector's link when its section is open and the
    /// design or the selection changed, and forgets a row that is no longer current. False
    /// when nothing selected has a link.
    pub(super) fn inspector_matrix(&mut self) -> bool {
        let Some((subject, channel)) = self.matrix_subject() else {
            self.matrix = None;
            return false;
        };
        let key = (self.doc.revision(), subject);
        if self.matrix.as_ref().map(|(k, _)| k) != Some(&key) {
            self.matrix = None;
        }
        if self.matrix_open && self.matrix.is_none() {
            let report = self.doc.report();
            let row = report
                .channels()
                .get(channel)
                .and_then(|c| channel_row(self.doc.design(), report, &self.catalog, &self.apps, c));
            self.matrix = Some((key, row));
        }
        true
    }

    /// The whole design's matrix while review mode shows its Applications tab: worked out
    /// once per revision on a worker thread (a hall takes seconds), shown when it answers.
    pub(super) fn update_review_matrix(&mut self, ctx: &egui::Context) {
        if let Some((revision, rx)) = &self.design_matrix_job {
            match rx.try_recv() {
                Ok(rows) => {
                    self.design_matrix = Some((*revision, rows));
                    self.design_matrix_job = None;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
                // The worker stopped without answering: an empty table, not a spinner for ever.
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    self.design_matrix = Some((*revision, Vec::new()));
                    self.design_matrix_job = None;
                }
            }
        }
        if self.review_state.tab != crate::review::ReviewTab::Applications {
            return;
        }
        let revision = self.doc.revision();
        let current = self.design_matrix.as_ref().map(|(r, _)| *r) == Some(revision);
        let running = self.design_matrix_job.as_ref().map(|(r, _)| *r) == Some(revision);
        if current || running {
            return;
        }
        let design = self.doc.design().clone();
        let report = self.doc.report().clone();
        let (catalog, apps) = (self.catalog.clone(), self.apps.clone());
        let (tx, rx) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let _ = tx.send(fiberplan_edit::matrix::design_matrix(
                &design, &report, &catalog, &apps,
            ));
            ctx.request_repaint();
        });
        self.design_matrix_job = Some((revision, rx));
    }
}
