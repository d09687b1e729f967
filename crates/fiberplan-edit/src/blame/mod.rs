//! Blame: for a failing channel, the smallest change of the design that makes it pass without
//! making any other channel worse, named by the part it changes ("change CP2 to an A-to-B
//! cord", "move CP7 from CAS1/F4 to CAS1/F2"), with the catalog part number it would use.
//! Single changes of the parts on the channel's path are tried first, then pairs of them;
//! each trial is an edit applied to the channel's piece alone, re-checked, then undone.
//! Where no single or double change fixes a channel, it says so.
//!
//! Channels that fail on loss or reach alone have no part at fault: [`budget_options`] names
//! the largest contributors and what would fit instead, without calling it a fix.

mod budget;
mod census;
mod changes;
mod trial;

pub use budget::{budget_options, BudgetOptions, Choice};

use crate::Edit;
use census::Census;
use changes::{candidates, move_changes, name_part_number, PartIndex};
use fiberplan_engine::catalog::{ApplicationTable, Catalog};
use fiberplan_engine::trace::{Channel, Finding, Report, Rule, Severity};
use fiberplan_model::{Design, Id, PortRef};
use serde::Serialize;
use std::collections::HashSet;
use trial::{Before, Trial};

/// One change of one part, as data and in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The part changed.
    pub part: Id,
    /// What of it changes, e.g. `polarity`, `end 2 gender`, `end 1 port`, `fiber`.
    pub field: String,
    /// Its value now.
    pub old: String,
    /// Its value after the change.
    pub new: String,
    /// The change in words, e.g. "change CP2 to an A-to-B cord (LCC-AB-OM4)".
    pub text: String,
    /// The catalog part number whose parameters the changed part then has, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part_number: Option<String>,
    /// The edit that makes the change.
    #[serde(skip)]
    pub edit: Edit,
    /// The edit that records the part's new catalog part number, when that changes too.
    #[serde(skip)]
    pub record: Option<Edit>,
}

impl Change {
    /// A change of `part` made by `edit`, with no catalog part number named yet.
    pub(crate) fn new(
        part: &Id,
        field: &str,
        (old, new): (String, String),
        text: String,
        edit: Edit,
    ) -> Self {
        Change {
            part: part.clone(),
            field: field.to_owned(),
            old,
            new,
            text,
            part_number: None,
            edit,
            record: None,
        }
    }
}

/// The fix found for one failing channel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fix {
    /// The channel's first end.
    pub a: PortRef,
    /// Its far end, if it has one.
    pub b: Option<PortRef>,
    /// The changes, one or two, that together make it pass; empty when none was found.
    pub changes: Vec<Change>,
}

impl Fix {
    /// The fix in words: "change CP2 to an A-to-B cord (LCC-AB-OM4)", both changes of a pair, or that no
    /// single or double change fixes the channel.
    pub fn text(&self) -> String {
        match self.changes.as_slice() {
            [] => "no single or double change of a part on this channel makes it pass".to_owned(),
            [one] => one.text.clone(),
            many => many
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" and "),
        }
    }

    /// The edit that applies every change of the fix as one step.
    pub fn edit(&self) -> Edit {
        Edit::Batch(
            self.changes
                .iter()
                .flat_map(|c| std::iter::once(c.edit.clone()).chain(c.record.clone()))
                .collect(),
        )
    }
}

/// Fixes for every channel of `report` (the check of `design`) whose fault lies in a part:
/// it fails on a rule other than loss, reach or an unknown application, or ends open (a
/// warning while a design is being built). In channel order. A channel's fix makes it pass
/// and leaves every channel of the same piece no worse; `catalog` names the part numbers.
pub fn fixes(
    design: &Design,
    report: &Report,
    apps: &ApplicationTable,
    catalog: &Catalog,
) -> Vec<Fix> {
    let search = Search::of(design);
    report
        .channels()
        .iter()
        .filter_map(|c| search.fix(design, report, apps, catalog, c))
        .collect()
}

/// What the search for fixes reads of the whole design, found once for all its channels.
struct Search<'d> {
    census: Census,
    index: PartIndex<'d>,
    design: &'d Design,
    /// Every port a cable end is plugged into, found when a move is first considered.
    occupied: std::cell::OnceCell<HashSet<&'d PortRef>>,
}

impl<'d> Search<'d> {
    fn of(design: &'d Design) -> Self {
        Search {
            census: Census::of(design),
            index: PartIndex::of(design),
            design,
            occupied: std::cell::OnceCell::new(),
        }
    }

    fn occupied(&self) -> &HashSet<&'d PortRef> {
        self.occupied.get_or_init(|| {
            self.design
                .cables
                .iter()
                .flat_map(|c| c.ends.iter().flatten())
                .collect()
        })
    }

    /// The fix of channel `c` of `report`, if its fault lies in a part.
    fn fix(
        &self,
        design: &Design,
        report: &Report,
        apps: &ApplicationTable,
        catalog: &Catalog,
        c: &Channel,
    ) -> Option<Fix> {
        let faults: Vec<&Finding> = report
            .channel_findings(c)
            .filter(|f| f.severity == Severity::Error || f.rule == Rule::Open)
            .collect();
        // Reach and loss faults have no part to exchange when the distance is what it is:
        // only channels with a fault in a part get a fix.
        if !faults
            .iter()
            .any(|f| !matches!(f.rule, Rule::Loss | Rule::Reach | Rule::Application))
        {
            return None;
        }
        // The channel's piece as a design of its own, where changes are tried: a trial
        // checks that piece alone, and the whole design is never copied.
        let mut work = Trial::of_piece(design, report.piece(c), apps, report.mode());
        let before = Before::of(&work.check());
        let has = |rules: &[Rule]| faults.iter().any(|f| rules.contains(&f.rule));
        // Only changes that can cure the channel's faults are tried: a polarity-type change
        // for light that lands wrong or ends open, a gender, polish or fiber change of a part in the
        // mating that broke that rule, a move for light that ends open or pairs split.
        let cures = |cand: &Change| {
            let field = cand.field.as_str();
            let in_fault = |rules: &[Rule]| {
                faults
                    .iter()
                    .any(|f| rules.contains(&f.rule) && f.parts.contains(&cand.part))
            };
            if field == "polarity" || field == "adapter" {
                // Light sent to the wrong far port ends open when that port is empty.
                has(&[
                    Rule::Open,
                    Rule::Polarity,
                    Rule::SplitPair,
                    Rule::LaneOrder,
                    Rule::Loopback,
                ])
            } else if field.ends_with("port") {
                has(&[Rule::Open, Rule::SplitPair])
            } else if field.ends_with("gender") {
                in_fault(&[Rule::Gender])
            } else if field.ends_with("polish") {
                in_fault(&[Rule::Polish])
            } else if field == "fiber" {
                in_fault(&[Rule::FiberType, Rule::MixedGrade])
            } else {
                true
            }
        };
        let mut all = candidates(design, &self.index, report, c);
        if has(&[Rule::Open, Rule::SplitPair]) {
            move_changes(
                design,
                &self.index,
                self.occupied(),
                report,
                c,
                &faults,
                &mut all,
            );
        }
        let candidates: Vec<Change> = all.into_iter().filter(|cand| cures(cand)).collect();
        let ends = (c.a.clone(), c.b.clone());
        // Single changes in the order a designer would reach for them, so the first that
        // fixes the channel is the one: a change that brings its part in line with the rest
        // of the design (the value most parts of its kind have), then a move of a cord (a
        // re-patching), then any other change.
        let mut ordered: Vec<&Change> = candidates.iter().collect();
        ordered.sort_by_key(|c| {
            let common = self.census.commonness(c);
            let tier = if c.field.ends_with("port") {
                1
            } else if common > 1 {
                0
            } else {
                2
            };
            (tier, std::cmp::Reverse(common))
        });
        let mut found = ordered
            .into_iter()
            .find(|cand| work.fixes(std::slice::from_ref(*cand), &ends, &before))
            .map(|cand| vec![cand.clone()]);
        if found.is_none() {
            'pairs: for (i, x) in candidates.iter().enumerate() {
                for y in &candidates[i + 1..] {
                    // Two changes of one field undo each other, and two moves are a
                    // re-patching, not a fix of a part.
                    if (x.part == y.part && x.field == y.field)
                        || (x.field.ends_with("port") && y.field.ends_with("port"))
                    {
                        continue;
                    }
                    let pair = [x.clone(), y.clone()];
                    if work.fixes(&pair, &ends, &before) {
                        found = Some(pair.to_vec());
                        break 'pairs;
                    }
                }
            }
        }
        let mut changes = found.unwrap_or_default();
        for change in &mut changes {
            name_part_number(design, &self.index, catalog, change);
        }
        Some(Fix {
            a: c.a.clone(),
            b: c.b.clone(),
            changes,
        })
    }
}

/// What blame finds in a checked design: a fix for each channel with a fault in a part, and
/// options for each channel over its loss or reach alone.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Blame {
    /// Fixes, in channel order.
    pub fixes: Vec<Fix>,
    /// Options for channels over budget, in channel order.
    pub options: Vec<BudgetOptions>,
}

impl Blame {
    /// Fixes and options for `report`, the check of `design`.
    pub fn of(
        design: &Design,
        report: &Report,
        apps: &ApplicationTable,
        catalog: &Catalog,
    ) -> Self {
        Blame {
            fixes: fixes(design, report, apps, catalog),
            options: budget_options(design, report, apps, catalog),
        }
    }

    /// The fixes and options by channel, to look up many channels (a report of every
    /// channel): [`Blame::fix_for`] searches the lists each time.
    pub fn by_channel(&self) -> ByChannel<'_> {
        ByChannel {
            fixes: self
                .fixes
                .iter()
                .map(|f| ((&f.a, f.b.as_ref()), f))
                .collect(),
            options: self
                .options
                .iter()
                .map(|o| ((&o.a, o.b.as_ref()), o))
                .collect(),
        }
    }

    /// The fix of the channel between `a` and `b`, if it has one.
    pub fn fix_for(&self, a: &PortRef, b: Option<&PortRef>) -> Option<&Fix> {
        self.fixes.iter().find(|f| &f.a == a && f.b.as_ref() == b)
    }

    /// The options of the channel between `a` and `b`, if it is over budget.
    pub fn options_for(&self, a: &PortRef, b: Option<&PortRef>) -> Option<&BudgetOptions> {
        self.options.iter().find(|o| &o.a == a && o.b.as_ref() == b)
    }
}

/// A channel's two ends, as fixes and options name it.
type ChannelEnds<'a> = (&'a PortRef, Option<&'a PortRef>);

/// [`Blame`]'s fixes and options looked up by channel (see [`Blame::by_channel`]).
pub struct ByChannel<'a> {
    fixes: std::collections::HashMap<ChannelEnds<'a>, &'a Fix>,
    options: std::collections::HashMap<ChannelEnds<'a>, &'a BudgetOptions>,
}

impl<'a> ByChannel<'a> {
    /// The fix of the channel between `a` and `b`, if it has one.
    pub fn fix_for(&self, a: &'a PortRef, b: Option<&'a PortRef>) -> Option<&'a Fix> {
        self.fixes.get(&(a, b)).copied()
    }

    /// The options of the channel between `a` and `b`, if it is over budget.
    pub fn options_for(&self, a: &'a PortRef, b: Option<&'a PortRef>) -> Option<&'a BudgetOptions> {
        self.options.get(&(a, b)).copied()
    }
}

/// What became of one channel's fix when [`apply_fixes`] went through them.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Applied.
    Applied,
    /// Not needed: the fix of another channel cured this one too (both ends of one
    /// mis-patched link fail, each with its own fix, and the second would undo the first).
    CuredBefore,
    /// No single or double change fixes the channel.
    NotFound,
    /// An earlier fix changed the same part, so this one no longer applies as found.
    NoLongerApplies(crate::EditError),
}

/// Applies the fix of every failing channel of `design` checked in `mode`, in channel order,
/// re-checking after each so that a channel an earlier fix cured is left alone. Returns each
/// fix with what became of it.
pub fn apply_fixes(
    design: &mut Design,
    apps: &ApplicationTable,
    catalog: &Catalog,
    mode: fiberplan_engine::trace::CheckMode,
) -> Vec<(Fix, Outcome)> {
    let mut report = fiberplan_engine::trace::check(design, apps, mode);
    let found = fixes(design, &report, apps, catalog);
    let mut out = Vec::with_capacity(found.len());
    for f in found {
        let outcome = if f.changes.is_empty() {
            Outcome::NotFound
        } else if report
            .channels_at(&f.a)
            .all(|c| c.verdict == fiberplan_engine::trace::Verdict::Pass)
        {
            Outcome::CuredBefore
        } else {
            let edit = f.edit();
            let touched = edit.touched();
            match crate::apply(design, edit) {
                Ok(_) => {
                    report.update(design, apps, &touched);
                    Outcome::Applied
                }
                Err(e) => Outcome::NoLongerApplies(e),
            }
        };
        out.push((f, outcome));
    }
    out
}

/// Blame kept across edits, as the window needs it: after an edit only the pieces the
/// report checked again are searched; the fixes of every other piece are kept. (A kept fix
/// was chosen among equal fixes by how usual its part was in the design then; an edit
/// elsewhere changes that order by a part at most, never whether a fix fixes.)
#[derive(Debug, Default)]
pub struct BlameCache {
    /// Each piece searched, as shared by the reports, with what was found for its channels.
    pieces: Vec<Searched>,
}

#[derive(Debug)]
struct Searched {
    piece: std::sync::Arc<fiberplan_engine::trace::report::Piece>,
    fixes: Vec<Fix>,
    options: Vec<BudgetOptions>,
}

impl BlameCache {
    /// Blame of `report`, the check of `design`: the same as [`Blame::of`], searching only
    /// the pieces that are not the ones of the last call.
    pub fn blame(
        &mut self,
        design: &Design,
        report: &Report,
        apps: &ApplicationTable,
        catalog: &Catalog,
    ) -> Blame {
        let mut search: Option<Search<'_>> = None;
        let mut kept: Vec<Searched> = Vec::new();
        let mut blame = Blame::default();
        for c in report.channels().iter() {
            if c.verdict == fiberplan_engine::trace::Verdict::Pass {
                continue;
            }
            let Some(shared) = report.shared_piece(c) else {
                continue;
            };
            let at = match kept
                .iter()
                .position(|s| std::sync::Arc::ptr_eq(&s.piece, shared))
            {
                Some(i) => i,
                None => {
                    let earlier = self
                        .pieces
                        .iter()
                        .position(|s| std::sync::Arc::ptr_eq(&s.piece, shared));
                    let searched = match earlier {
                        Some(i) => self.pieces.swap_remove(i),
                        None => {
                            let search = search.get_or_insert_with(|| Search::of(design));
                            let piece = report.piece(c);
                            Searched {
                                piece: shared.clone(),
                                fixes: piece
                                    .channels
                                    .iter()
                                    .filter_map(|pc| search.fix(design, report, apps, catalog, pc))
                                    .collect(),
                                options: piece
                                    .channels
                                    .iter()
                                    .filter_map(|pc| {
                                        budget::channel_options(design, report, apps, catalog, pc)
                                    })
                                    .collect(),
                            }
                        }
                    };
                    kept.push(searched);
                    kept.len() - 1
                }
            };
            let s = &kept[at];
            blame
                .fixes
                .extend(s.fixes.iter().filter(|f| f.a == c.a && f.b == c.b).cloned());
            blame.options.extend(
                s.options
                    .iter()
                    .filter(|o| o.a == c.a && o.b == c.b)
                    .cloned(),
            );
        }
        self.pieces = kept;
        blame
    }
}
