//! Undo and redo: each step keeps the edit that takes the design back or forward.

use crate::{apply, Edit, EditError};
use fiberplan_model::Design;

/// One undoable step.
#[derive(Debug, Clone, PartialEq)]
struct Step {
    label: String,
    /// The edit that takes the design back (on the undo stack) or forward (on the redo stack).
    edit: Edit,
}

/// Undo and redo stacks, and whether the design differs from its last saved state.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Undo depth at the last save; `None` when that state can no longer be reached.
    saved_depth: Option<usize>,
}

impl History {
    /// A history whose current state is the saved one.
    pub fn new() -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            saved_depth: Some(0),
        }
    }

    /// Applies `edit` as one undoable step called `label`.
    pub fn apply(&mut self, design: &mut Design, label: &str, edit: Edit) -> Result<(), EditError> {
        let inverse = apply(design, edit)?;
        if self.saved_depth.is_some_and(|d| d > self.undo.len()) {
            self.saved_depth = None;
        }
        self.undo.push(Step {
            label: label.to_owned(),
            edit: inverse,
        });
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self, design: &mut Design) -> Option<String> {
        let step = self.undo.pop()?;
        match apply(design, step.edit.clone()) {
            Ok(forward) => {
                self.redo.push(Step {
                    label: step.label.clone(),
                    edit: forward,
                });
                Some(step.label)
            }
            Err(_) => {
                // The history no longer matches the design; keep it rather than lose it.
                self.undo.push(step);
                None
            }
        }
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self, design: &mut Design) -> Option<String> {
        let step = self.redo.pop()?;
        match apply(design, step.edit.clone()) {
            Ok(back) => {
                self.undo.push(Step {
                    label: step.label.clone(),
                    edit: back,
                });
                Some(step.label)
            }
            Err(_) => {
                self.redo.push(step);
                None
            }
        }
    }

    /// The edit Undo would apply.
    pub fn next_undo(&self) -> Option<&Edit> {
        self.undo.last().map(|s| &s.edit)
    }

    /// The edit Redo would apply.
    pub fn next_redo(&self) -> Option<&Edit> {
        self.redo.last().map(|s| &s.edit)
    }

    /// Label of the step Undo would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// Label of the step Redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Number of steps that can be undone.
    pub fn depth(&self) -> usize {
        self.undo.len()
    }

    /// Records that the current state is not the one on disk (a restored or repaired
    /// design), so closing it asks to save.
    pub fn mark_unsaved(&mut self) {
        self.saved_depth = None;
    }

    /// Records that the current state has been saved.
    pub fn mark_saved(&mut self) {
        self.saved_depth = Some(self.undo.len());
    }

    /// True when the design differs from its last saved state.
    pub fn is_modified(&self) -> bool {
        self.saved_depth != Some(self.undo.len())
    }
}
