//! A failing channel's piece as a design of its own, where changes are tried and undone.

use super::Change;
use crate::{apply, Edit};
use fiberplan_engine::catalog::ApplicationTable;
use fiberplan_engine::trace::check::check_piece;
use fiberplan_engine::trace::pieces::{Member, Scope, ScopedEquipment};
use fiberplan_engine::trace::report::Piece;
use fiberplan_engine::trace::{Channel, CheckMode, Verdict};
use fiberplan_model::{Design, Id, PortRef};

/// One piece of a design as a design of its own, where changes are tried and undone.
pub(super) struct Trial<'a> {
    design: Design,
    scope: Scope,
    apps: &'a ApplicationTable,
    mode: CheckMode,
    /// Where each cable and module is in `design`, so a spec is swapped in place.
    cables: std::collections::HashMap<Id, usize>,
    modules: std::collections::HashMap<Id, usize>,
}

impl<'a> Trial<'a> {
    /// The parts of `piece` of `design`, numbered afresh, with the scope that checks them as
    /// the report checked the piece (light cannot cross to any other part).
    pub(super) fn of_piece(
        design: &Design,
        piece: &Piece,
        apps: &'a ApplicationTable,
        mode: CheckMode,
    ) -> Self {
        let mut sub = Design::new(&design.name);
        let mut scope = Scope::default();
        for m in &piece.members {
            match m {
                Member::Equipment(i, id, ports) => {
                    let Some(e) = member(&design.equipment, *i, id, |e| &e.id) else {
                        continue;
                    };
                    scope.equipment.push(ScopedEquipment {
                        index: sub.equipment.len() as u32,
                        // No ports listed: the equipment's home piece, which holds them all.
                        ports: (!ports.is_empty()).then(|| ports.clone()),
                        home: ports.is_empty(),
                    });
                    sub.equipment.push(e.clone());
                }
                Member::Module(i, id) => {
                    if let Some(m) = member(&design.modules, *i, id, |m| &m.id) {
                        scope.modules.push(sub.modules.len() as u32);
                        sub.modules.push(m.clone());
                    }
                }
                Member::Cable(i, id) => {
                    if let Some(c) = member(&design.cables, *i, id, |c| &c.id) {
                        scope.cables.push(sub.cables.len() as u32);
                        sub.cables.push(c.clone());
                    }
                }
                Member::Missing(_) => {}
            }
        }
        Trial {
            cables: sub
                .cables
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.clone(), i))
                .collect(),
            modules: sub
                .modules
                .iter()
                .enumerate()
                .map(|(i, m)| (m.id.clone(), i))
                .collect(),
            design: sub,
            scope,
            apps,
            mode,
        }
    }

    /// The check of the piece as it is now.
    pub(super) fn check(&self) -> Piece {
        check_piece(&self.design, &self.scope, 0, self.apps, self.mode)
    }

    /// Whether `changes` make the channel between `ends` pass and leave the rest of the piece
    /// no worse than `before`: no port's channels worse, and where a cord moves, every
    /// channel that passed still passing between the same two ports (a re-patching that
    /// cures one channel by taking another's far end is no fix). The piece is checked again
    /// with them and is as it was afterwards.
    pub(super) fn fixes(
        &mut self,
        changes: &[Change],
        ends: &(PortRef, Option<PortRef>),
        before: &Before,
    ) -> bool {
        let edits: Vec<Edit> = changes.iter().map(|c| c.edit.clone()).collect();
        let moves = edits.iter().any(|e| matches!(e, Edit::Plug { .. }));
        self.with(&edits, |piece| {
            let after = worst_by_port(&piece.channels);
            let passes = |p: &PortRef| {
                let mut at = piece
                    .channels
                    .iter()
                    .filter(|c| &c.a == p || c.b.as_ref() == Some(p))
                    .peekable();
                at.peek().is_some() && at.all(|c| c.verdict == Verdict::Pass)
            };
            passes(&ends.0)
                && ends.1.as_ref().is_none_or(passes)
                && before.worst.iter().all(|(port, was)| {
                    after
                        .iter()
                        .find(|(p, _)| p == port)
                        .is_none_or(|(_, now)| now <= was)
                })
                && (!moves
                    || before.passing.iter().all(|(a, b)| {
                        piece.channels.iter().any(|c| {
                            c.verdict == Verdict::Pass
                                && ((&c.a == a && &c.b == b)
                                    || (Some(&c.a) == b.as_ref() && c.b.as_ref() == Some(a)))
                        })
                    }))
        })
        .unwrap_or(false)
    }

    /// What `look` sees in the check of the piece with `edits` applied; the piece is as it
    /// was afterwards. `None` when an edit does not apply to the piece.
    pub(super) fn with<R>(&mut self, edits: &[Edit], look: impl FnOnce(&Piece) -> R) -> Option<R> {
        let mut undo = Vec::with_capacity(edits.len());
        for e in edits {
            match self.apply(e.clone()) {
                Some(inverse) => undo.push(inverse),
                None => break,
            }
        }
        let seen = (undo.len() == edits.len()).then(|| look(&self.check()));
        for inverse in undo.into_iter().rev() {
            self.apply(inverse);
        }
        seen
    }

    /// Applies `edit` to the working copy and returns its inverse: a spec change by swapping
    /// the spec in place, anything else through [`apply`].
    pub(super) fn apply(&mut self, edit: Edit) -> Option<Edit> {
        match edit {
            Edit::CableSpec { id, spec } => {
                let &i = self.cables.get(&id)?;
                let old = std::mem::replace(&mut self.design.cables.get_mut(i)?.spec, spec);
                Some(Edit::CableSpec { id, spec: old })
            }
            Edit::ModuleSpec { id, spec } => {
                let &i = self.modules.get(&id)?;
                let old = std::mem::replace(&mut self.design.modules.get_mut(i)?.spec, spec);
                Some(Edit::ModuleSpec { id, spec: old })
            }
            other => apply(&mut self.design, other).ok(),
        }
    }
}

/// The part `id` of `list`, where a piece checked before an insertion or removal elsewhere
/// may hold it at another index than `i`.
fn member<'d, T>(list: &'d [T], i: u32, id: &Id, id_of: impl Fn(&T) -> &Id) -> Option<&'d T> {
    match list.get(i as usize) {
        Some(x) if id_of(x) == id => Some(x),
        _ => list.iter().find(|x| id_of(x) == id),
    }
}

/// A piece as it was before any change: what a fix must leave no worse.
pub(super) struct Before {
    /// The worst verdict at each transceiver port.
    worst: Vec<(PortRef, Verdict)>,
    /// The ends of every passing channel.
    passing: Vec<(PortRef, Option<PortRef>)>,
}

impl Before {
    /// The piece's check as it is now.
    pub(super) fn of(piece: &Piece) -> Self {
        Before {
            worst: worst_by_port(&piece.channels),
            passing: piece
                .channels
                .iter()
                .filter(|c| c.verdict == Verdict::Pass)
                .map(|c| (c.a.clone(), c.b.clone()))
                .collect(),
        }
    }
}

/// The worst verdict of the channels at each transceiver port of `channels`.
fn worst_by_port(channels: &[Channel]) -> Vec<(PortRef, Verdict)> {
    let mut out: Vec<(PortRef, Verdict)> = Vec::new();
    for c in channels {
        for p in std::iter::once(&c.a).chain(c.b.as_ref()) {
            match out.iter_mut().find(|(q, _)| q == p) {
                Some((_, v)) => *v = (*v).max(c.verdict),
                None => out.push((p.clone(), c.verdict)),
            }
        }
    }
    out
}
