//! Cut, copy, paste, duplicate and select all. What is copied goes to the system clipboard
//! as the text of a design file, so it pastes into another Fiberplan window; the rules of what
//! a copy holds and how a paste names it are `fiberplan_edit::clipboard`'s.

use super::*;
use fiberplan_edit::clipboard::{copy, duplicate, paste_at, Pasted, Where};

/// Ctrl+D: duplicate.
pub(super) const DUPLICATE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::D);
/// Ctrl+A: select all.
pub(super) const SELECT_ALL: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::A);

impl FiberplanApp {
    /// The copy of the selection as design text, or `None` with nothing selected.
    fn selection_text(&mut self) -> Option<String> {
        if self.selection.is_empty() {
            return None;
        }
        let fragment = copy(self.doc.design(), &self.selection);
        match fiberplan_io::design_to_string(&fragment) {
            Ok(text) => Some(text),
            Err(e) => {
                self.notify(format!("Copy: {e}"), true);
                None
            }
        }
    }

    /// Copies the selection to the clipboard.
    pub fn copy_selection(&mut self, ctx: &egui::Context) {
        if let Some(text) = self.selection_text() {
            let n = self.selection.len();
            ctx.copy_text(text.clone());
            self.clipboard = Some(text);
            self.notify(
                format!("Copied {n} part{}", if n == 1 { "" } else { "s" }),
                false,
            );
        }
    }

    /// Copies the selection to the clipboard and deletes it, as one undo step for the delete.
    pub fn cut_selection(&mut self, ctx: &egui::Context) {
        if self.doc.is_read_only() {
            self.notify(
                "Review mode is read-only: nothing was cut (View > Review mode to edit)".into(),
                true,
            );
            return;
        }
        self.copy_selection(ctx);
        self.delete_selection();
    }

    /// Pastes design text (from the clipboard) as one step and selects what it added.
    pub fn paste_text(&mut self, text: &str) {
        self.paste_text_at(text, Where::default());
    }

    /// Where the pointer is on the canvas, for a paste: the rack under it, and the free
    /// units or slot under it.
    fn paste_place(&mut self, ctx: &egui::Context) -> Where {
        let Some(p) = ctx.pointer_latest_pos() else {
            return Where::default();
        };
        let p = self.canvas.to_global.inverse() * p;
        let layout = self.layout();
        let slot = layout
            .slot_at(p)
            .map(|s| fiberplan_edit::placement::Place::Slot {
                enclosure: s.enclosure.clone(),
                slot: s.slot,
            });
        match layout.rack_unit_at(p) {
            Some((rack, _, u)) => Where {
                rack: Some(rack.id.clone()),
                place: slot.or(Some(fiberplan_edit::placement::Place::Units {
                    rack: rack.id.clone(),
                    u,
                })),
            },
            None => Where::default(),
        }
    }

    /// Pastes design text at `at` (the pointer's place) as one step and selects what it
    /// added.
    pub fn paste_text_at(&mut self, text: &str, at: Where) {
        let fragment = match fiberplan_io::design_from_str(text, std::path::Path::new("clipboard"))
        {
            Ok(d) => d,
            Err(e) => {
                self.notify(
                    format!("Paste: the clipboard holds no Fiberplan parts ({e})"),
                    true,
                );
                return;
            }
        };
        match paste_at(self.doc.design(), &fragment, &at) {
            Some(p) => self.add_pasted(p),
            None => self.notify("Paste: the clipboard holds no parts".into(), true),
        }
    }

    /// Duplicates the selection: racks as the next racks of their rows, other parts without a
    /// place.
    pub fn duplicate_selection(&mut self) {
        if let Some(p) = duplicate(self.doc.design(), &self.selection) {
            self.add_pasted(p);
        }
    }

    fn add_pasted(&mut self, p: Pasted) {
        let before = self.doc.revision();
        self.apply(&p.label, p.edit);
        if self.doc.revision() != before {
            self.selected_port = None;
            self.selection = p.top;
            self.canvas.fit_all();
        }
    }

    /// Selects every rack and every part that is not in a rack.
    pub fn select_all(&mut self) {
        let d = self.doc.design();
        let mut all: Vec<Id> = d.racks.iter().map(|r| r.id.clone()).collect();
        all.extend(
            d.enclosures
                .iter()
                .filter(|e| e.mount.is_none())
                .map(|e| e.id.clone()),
        );
        all.extend(
            d.modules
                .iter()
                .filter(|m| m.slot.is_none())
                .map(|m| m.id.clone()),
        );
        all.extend(
            d.equipment
                .iter()
                .filter(|e| e.mount.is_none())
                .map(|e| e.id.clone()),
        );
        self.selected_port = None;
        self.selection = all;
    }

    /// The clipboard shortcuts: Ctrl+C, Ctrl+X and Ctrl+V (which the window receives as copy,
    /// cut and paste events), Ctrl+D and Ctrl+A; not while a text field has the keyboard.
    pub(super) fn clipboard_shortcuts(&mut self, ui: &mut Ui) {
        if ui.ctx().egui_wants_keyboard_input() {
            return;
        }
        let (copy, cut, pasted, dup, all) = ui.input_mut(|i| {
            let mut copy = false;
            let mut cut = false;
            let mut pasted = None;
            for e in &i.events {
                match e {
                    egui::Event::Copy => copy = true,
                    egui::Event::Cut => cut = true,
                    egui::Event::Paste(text) => pasted = Some(text.clone()),
                    _ => {}
                }
            }
            (
                copy,
                cut,
                pasted,
                i.consume_shortcut(&DUPLICATE),
                i.consume_shortcut(&SELECT_ALL),
            )
        });
        let ctx = ui.ctx().clone();
        if cut {
            self.cut_selection(&ctx);
        } else if copy {
            self.copy_selection(&ctx);
        }
        if let Some(text) = pasted {
            // An empty system clipboard (no desktop) falls back to this window's own copy.
            let text = if text.trim().is_empty() {
                self.clipboard.clone().unwrap_or_default()
            } else {
                text
            };
            let at = self.paste_place(&ctx);
            self.paste_text_at(&text, at);
        }
        if dup {
            self.duplicate_selection();
        }
        if all {
            self.select_all();
        }
    }
}
