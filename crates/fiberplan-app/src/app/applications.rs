//! The application matrix in the window: the row of the selected port's link, or of the first
//! link on a selected trunk, worked out when the inspector's section is open and kept until
//! the design or the selection changes; and the whole design's matrix for review mode's
//! Applications tab, worked out once per revision (`fiberplan_edit::matrix`).

use super::*;
use fiberplan_edit::matrix::{channel_row, Row};
use fiberplan_edit::upgrade::channel_parts;
use fiberplan_model::CableKind;

/// What the inspector's matrix was worked out for (the revision, the selected port, the one
/// selected part), the link that selection names, and its row once the section was open.
/// Finding the link scans the report (every link's path for a trunk), so it is done when the
/// design or the selection changes, not every frame.
#[derive(Default)]
pub struct MatrixCache {
    key: Option<(u64, Option<PortRef>, Option<Id>)>,
    channel: Option<usize>,
    row: Option<Option<Row>>,
}

impl MatrixCache {
    /// The row shown, once worked out.
    pub fn row(&self) -> Option<&Row> {
        self.row.as_ref().and_then(Option::as_ref)
    }
}

impl FiberplanApp {
    /// The link the section is about: the selected port's, or the first on a selected trunk.
    fn matrix_subject(&self) -> Option<usize> {
        let report = self.doc.report();
        if let Some(port) = &self.selected_port {
            return report
                .channels()
                .iter()
                .position(|c| (&c.a == port || c.b.as_ref() == Some(port)) && c.b.is_some());
        }
        let [id] = self.selection.as_slice() else {
            return None;
        };
        let cable = self.doc.design().cables.iter().find(|c| &c.id == id)?;
        if !matches!(cable.spec.kind, CableKind::Trunk { .. }) {
            return None;
        }
        report
            .channels()
            .iter()
            .position(|c| c.b.is_some() && channel_parts(report, c).contains(id))
    }

    /// Works out the matrix row of the inspector's link when its section is open, after the
    /// design or the selection changed. False when nothing selected has a link.
    pub(super) fn inspector_matrix(&mut self) -> bool {
        let one = match self.selection.as_slice() {
            [id] => Some(id.clone()),
            _ => None,
        };
        let key = Some((self.doc.revision(), self.selected_port.clone(), one));
        if self.matrix.key != key {
            self.matrix = MatrixCache {
                channel: self.matrix_subject(),
                key,
                row: None,
            };
        }
        let Some(channel) = self.matrix.channel else {
            return false;
        };
        if self.matrix_open && self.matrix.row.is_none() {
            let report = self.doc.report();
            let row = report
                .channels()
                .get(channel)
                .and_then(|c| channel_row(self.doc.design(), report, &self.catalog, &self.apps, c));
            self.matrix.row = Some(row);
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
