//! Carrying out what the user asked for: every view's [`Action`]s, and the edits, undo, redo
//! and delete they lead to. The design changes only here, through the document.

use super::*;
use fiberplan_edit::EditError;

impl FiberplanApp {
    /// Applies an edit from a view as one undoable step, reporting a refusal instead of
    /// losing it.
    pub fn apply(&mut self, label: &str, edit: Edit) {
        // A new rack widens the design: fit the view to it.
        let refit = matches!(
            &edit,
            Edit::Insert {
                part: fiberplan_edit::Part::Rack(_),
                ..
            }
        );
        match self.doc.apply(label, edit) {
            Ok(()) => {
                if refit {
                    self.canvas.fit_all();
                }
                self.edited();
                self.notify(label.to_owned(), false)
            }
            Err(EditError::ReadOnly) => self.notify(
                format!(
                    "Review mode is read-only: \"{label}\" was not applied (View > Review mode to edit)"
                ),
                true,
            ),
            Err(e) => self.notify(format!("{label}: {e}"), true),
        }
        self.selection
            .retain(|id| self.doc.design().kind_of(id).is_some());
    }

    pub(super) fn undo(&mut self) {
        match self.doc.undo() {
            Ok(Some(l)) => {
                self.edited();
                self.notify(format!("Undid: {l}"), false)
            }
            Ok(None) => self.notify("Nothing to undo".into(), false),
            Err(e) => self.notify(format!("Not undone: {e}"), true),
        }
        self.selection
            .retain(|id| self.doc.design().kind_of(id).is_some());
    }

    pub(super) fn redo(&mut self) {
        match self.doc.redo() {
            Ok(Some(l)) => {
                self.edited();
                self.notify(format!("Redid: {l}"), false)
            }
            Ok(None) => self.notify("Nothing to redo".into(), false),
            Err(e) => self.notify(format!("Not redone: {e}"), true),
        }
        self.selection
            .retain(|id| self.doc.design().kind_of(id).is_some());
    }

    /// Deletes the selection, with what is inside it, as one undoable step.
    pub(super) fn delete_selection(&mut self) {
        let ids: Vec<Id> = std::mem::take(&mut self.selection)
            .into_iter()
            .filter(|id| self.doc.design().kind_of(id).is_some())
            .collect();
        let label = match ids.as_slice() {
            [] => return,
            [one] => format!("Delete {}", self.doc.design().label_of(one)),
            many => format!("Delete {} parts", many.len()),
        };
        let edit = delete_all(self.doc.design(), &ids);
        self.apply(&label, edit);
    }

    /// Carries out what the views asked for this frame, in the order they asked.
    pub fn handle(&mut self, actions: Vec<Action>) {
        for a in actions {
            match a {
                Action::Select { id, add } => {
                    self.selected_port = None;
                    if add {
                        if let Some(i) = self.selection.iter().position(|x| x == &id) {
                            self.selection.remove(i);
                        } else {
                            self.selection.push(id);
                        }
                    } else {
                        self.selection = vec![id];
                    }
                }
                Action::SelectPort(p) => {
                    self.selection.clear();
                    self.pick_start(&p);
                    self.selected_port = Some(p);
                }
                Action::PickPort { port, far, extend } => self.pick_port(port, far, extend),
                Action::SelectMany(ids) => {
                    self.selected_port = None;
                    self.selection = ids;
                }
                Action::PickPorts { ports, far } => self.pick_ports(ports, far),
                Action::ClearSelection => {
                    self.selection.clear();
                    self.selected_port = None;
                }
                Action::Focus(parts) => {
                    self.selected_port = None;
                    if let Some(r) = self.layout().bbox_of(&parts) {
                        self.canvas.zoom_to(r);
                    }
                    self.selection = parts;
                }
                Action::TraceChannel(i) => {
                    if let Some(c) = self.doc.report().channels().get(i) {
                        self.selected_port = Some(c.a.clone());
                        self.selection.clear();
                    }
                }
                Action::Edit { label, edit } => self.apply(&label, *edit),
                Action::Duplicate(id) => {
                    self.selection = vec![id];
                    self.duplicate_selection();
                }
                Action::ZoomTo(id) => {
                    self.selected_port = None;
                    self.selection = vec![id];
                    self.zoom_to_selection();
                }
                Action::Delete(id) => {
                    self.selection = vec![id];
                    self.delete_selection();
                }
                Action::Refused(reason) => self.notify(reason, true),
                Action::ExportTrace(i) => {
                    if let Some(c) = self.doc.report().channels().get(i) {
                        let svg = fiberplan_export::svg::channel_trace_svg(
                            self.doc.design(),
                            self.doc.report(),
                            c,
                        );
                        self.export("channel-trace.svg", Ok(svg));
                    }
                }
            }
        }
    }
}
