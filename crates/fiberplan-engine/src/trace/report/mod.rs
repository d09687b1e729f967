//! The result of checking a design, kept up to date edit by edit: the checked pieces, each
//! channel and finding filed where an edit finds it again, in design order. The channel
//! types it holds are in [`crate::trace::channel`]; the views that read it in order are
//! [`View`]s.

mod view;

pub use view::{Channels, Findings, Place, View, ViewIter};

use super::channel::{path_hops, Channel, CheckMode};

use super::check::check_piece;
use super::finding::{Finding, Hop, Severity};
use super::graph::{has_own_findings, ChannelGraph};
use super::layout::{check_ids, check_placement};
use super::pieces::{id_key, owners, partition, port_key, Found, Locator, Member, Owner, Scope};
use super::walk::Traces;
use crate::catalog::ApplicationTable;
use fiberplan_model::{Design, Id, PortRef};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::{Arc, OnceLock};

/// What an edit changed, as a check needs to know it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Touched {
    /// Every part id the edit inserted, removed or changed.
    pub ids: Vec<Id>,
    /// Parts were inserted or removed, so the set of ids changed.
    pub inserted_or_removed: bool,
    /// What racks and slots hold may have changed (a mount, a slot, a part's size or slot
    /// format, an inserted or removed part).
    pub placement: bool,
}

/// A channel's place in design order: the equipment index and port of its first end, then
/// of its far end (`u32::MAX` when it has none), as the transceivers are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChannelKey(pub [u32; 4]);

/// The check of one piece of a design: parts that light can cross between, and nothing else
/// (see [`super::pieces`]).
#[derive(Debug, Clone)]
pub struct Piece {
    /// The channel graph of the piece.
    pub graph: ChannelGraph,
    /// Every traced fiber of the piece.
    pub traces: Traces,
    /// Its channels, in design order.
    pub channels: Vec<Channel>,
    /// Design-order keys of `channels`, as of when the piece was checked.
    pub keys: Vec<ChannelKey>,
    /// Its findings; those in `graph.shared` are listed by another piece.
    pub findings: Vec<Finding>,
    /// Its parts, so an edit finds the piece again.
    pub members: Vec<Member>,
    /// The keys of every member ([`Member::keys`]), worked out while the piece is checked
    /// so that filing it is only a few integer inserts.
    pub filed: Vec<u64>,
    /// True when it holds a cable.
    pub cabled: bool,
}

impl Piece {
    /// True when finding `i` is listed by this piece (not an equipment's own finding that
    /// its home piece lists).
    fn lists(&self, i: usize) -> bool {
        !self.graph.shared.contains(&(i as u32))
    }

    /// Worth keeping: it holds a cable (an edit can join it to others) or lists a finding.
    fn worth_keeping(&self) -> bool {
        self.cabled || self.findings.len() > self.graph.shared.len()
    }
}

/// From this many pieces on, they are checked in parallel.
const PARALLEL_PIECES: usize = 64;

/// Where a report keeps a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ChannelAt {
    key: ChannelKey,
    piece: u32,
    index: u32,
}

/// Where a report keeps a listed finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingAt {
    /// The layout finding with this index.
    Layout(u32),
    /// In piece `.0`, the finding with index `.1`.
    Piece(u32, u32),
}

/// Which pieces are filed under each key of [`Member::keys`].
#[derive(Debug, Clone, Default)]
struct Filing {
    first: HashMap<u64, u32>,
    more: HashMap<u64, Vec<u32>>,
}

impl Filing {
    fn add(&mut self, key: u64, slot: u32) {
        match self.first.entry(key) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(slot);
            }
            std::collections::hash_map::Entry::Occupied(o) => {
                if *o.get() != slot {
                    let more = self.more.entry(key).or_default();
                    if !more.contains(&slot) {
                        more.push(slot);
                    }
                }
            }
        }
    }

    fn remove(&mut self, key: u64, slot: u32) {
        if self.first.get(&key) == Some(&slot) {
            match self.more.get_mut(&key).and_then(Vec::pop) {
                Some(next) => {
                    self.first.insert(key, next);
                }
                None => {
                    self.first.remove(&key);
                }
            }
        } else if let Some(more) = self.more.get_mut(&key) {
            more.retain(|&s| s != slot);
        }
        if self.more.get(&key).is_some_and(Vec::is_empty) {
            self.more.remove(&key);
        }
    }

    fn slots(&self, key: u64, mut f: impl FnMut(u32)) {
        if let Some(&s) = self.first.get(&key) {
            f(s);
            for &s in self.more.get(&key).into_iter().flatten() {
                f(s);
            }
        }
    }
}

/// Everything a check produced: the design's pieces, each checked on its own, with their
/// channels in design order and their findings.
///
/// After an edit, [`Report::update`] checks again only the pieces the edit touched; the
/// result equals a fresh [`Report::new`] of the edited design.
#[derive(Debug, Clone)]
pub struct Report {
    mode: CheckMode,
    pieces: Vec<Option<Arc<Piece>>>,
    free: Vec<u32>,
    filing: Filing,
    order: Vec<ChannelAt>,
    /// Findings about ids, then about placement in racks and slots.
    layout: Vec<Finding>,
    /// How many of `layout` are about ids.
    id_findings: usize,
    /// Equipment ids when the channel keys were computed: keys hold equipment indices.
    equipment: Vec<Id>,
    listing: OnceLock<Vec<FindingAt>>,
}

impl Report {
    /// Checks every piece of `design` against `apps`.
    pub fn new(design: &Design, apps: &ApplicationTable, mode: CheckMode) -> Report {
        let mut report = Report {
            mode,
            pieces: Vec::new(),
            free: Vec::new(),
            filing: Filing::default(),
            order: Vec::new(),
            layout: Vec::new(),
            id_findings: 0,
            equipment: design.equipment.iter().map(|e| e.id.clone()).collect(),
            listing: OnceLock::new(),
        };
        // Every cable, module and cabled equipment port files a piece once.
        let keys = 2 * design.cables.len() + design.modules.len() + design.equipment.len();
        report.filing.first.reserve(keys);
        // Layout checks need no tracing: they run beside the split into pieces.
        let ((ids, placement), scopes) = rayon::join(
            || (check_ids(design), check_placement(design)),
            || {
                let owner = owners(design);
                let cables: Vec<u32> = (0..design.cables.len() as u32).collect();
                let modules: Vec<u32> = (0..design.modules.len() as u32).collect();
                partition(design, &cables, &modules, |id| owner.get(id).copied())
            },
        );
        report.id_findings = ids.len();
        report.layout = ids;
        report.layout.extend(placement);
        let homes = home_scopes(design, 0..design.equipment.len() as u32);
        let scopes: Vec<Scope> = scopes.into_iter().chain(homes).collect();
        let mut added = Vec::new();
        report.add_all(design, apps, scopes, &mut added);
        added.sort_unstable();
        report.order = added;
        report
    }

    /// Checks again the pieces that an edit affects, and keeps the rest.
    pub fn update(&mut self, design: &Design, apps: &ApplicationTable, touched: &Touched) {
        self.update_layout(design, touched);
        let mut loc = Locator::new(design);
        let mut affected: HashSet<u32> = HashSet::default();
        let mut queue: Vec<u32> = Vec::new();
        let mut parts = Gathered::default();
        for id in &touched.ids {
            let mut filed = false;
            self.filing.slots(id_key(id.as_str()), |s| {
                filed = true;
                if affected.insert(s) {
                    queue.push(s);
                }
            });
            // A part filed in a piece is among its members, found below; others (a new part,
            // a rack) are looked up.
            if filed && !touched.inserted_or_removed {
                continue;
            }
            for found in loc.find(id.as_str()) {
                parts.take(found, true);
            }
        }
        loop {
            while let Some(slot) = queue.pop() {
                let Some(piece) = self.pieces[slot as usize].clone() else {
                    continue;
                };
                for member in &piece.members {
                    // An equipment's home piece is checked again when it is among the
                    // affected pieces, or when the equipment itself was edited.
                    let home = matches!(member, Member::Equipment(_, id, p)
                        if p.is_empty() || touched.ids.contains(id));
                    let found = match loc.verify_and_hint(member) {
                        Some(f) => vec![f],
                        None => locate_again(&mut loc, member),
                    };
                    for f in found {
                        parts.take(f, home);
                    }
                }
            }
            let Some(c) = parts.new_cables.pop() else {
                break;
            };
            // A cable joins the pieces of what its ends are plugged into.
            for port in design.cables[c as usize].ends.iter().flatten() {
                let id = port.part.as_str();
                self.hint(&mut loc, id);
                let key = match loc.owner(id) {
                    Some(Owner::Equipment(_)) => port_key(id, port.port),
                    Some(Owner::Module(m)) => {
                        parts.modules.insert(m);
                        id_key(id)
                    }
                    None => id_key(id),
                };
                self.filing.slots(key, |s| {
                    if affected.insert(s) {
                        queue.push(s);
                    }
                });
            }
        }

        let cables = sorted(parts.cables);
        let modules = sorted(parts.modules);
        let scopes = partition(design, &cables, &modules, |id| loc.owner(id));
        for &slot in &affected {
            self.remove(slot);
        }
        self.order.retain(|c| !affected.contains(&c.piece));
        let homes = home_scopes(design, sorted(parts.homes));
        let scopes: Vec<Scope> = scopes.into_iter().chain(homes).collect();
        let mut added = Vec::new();
        self.add_all(design, apps, scopes, &mut added);
        if design
            .equipment
            .iter()
            .map(|e| &e.id)
            .eq(self.equipment.iter())
        {
            added.sort_unstable();
            self.order = merge_sorted(std::mem::take(&mut self.order), added);
        } else {
            // Equipment was inserted or removed: the keys' indices moved.
            self.equipment = design.equipment.iter().map(|e| e.id.clone()).collect();
            self.order.extend(added);
            self.rekey();
        }
        self.listing = OnceLock::new();
    }

    /// Lets `loc` find the part `id` where a piece filed under it remembers it.
    fn hint(&self, loc: &mut Locator<'_>, id: &str) {
        let mut first = None;
        self.filing.slots(id_key(id), |s| {
            first.get_or_insert(s);
        });
        let Some(piece) = first.and_then(|s| self.pieces[s as usize].as_ref()) else {
            return;
        };
        if let Some(m) = piece.members.iter().find(|m| m.id().as_str() == id) {
            loc.verify_and_hint(m);
        }
    }

    /// Checks ids again when parts came or went, and placement when it may have changed.
    fn update_layout(&mut self, design: &Design, touched: &Touched) {
        if touched.inserted_or_removed {
            let placement = self.layout.split_off(self.id_findings);
            self.layout = check_ids(design);
            self.id_findings = self.layout.len();
            self.layout.extend(placement);
        }
        if touched.placement {
            self.layout.truncate(self.id_findings);
            self.layout.extend(check_placement(design));
        }
    }

    /// Checks pieces and files each, unless it holds nothing worth keeping.
    fn add_all(
        &mut self,
        design: &Design,
        apps: &ApplicationTable,
        scopes: Vec<Scope>,
        added: &mut Vec<ChannelAt>,
    ) {
        let slots: Vec<u32> = scopes
            .iter()
            .map(|_| {
                self.free.pop().unwrap_or_else(|| {
                    self.pieces.push(None);
                    (self.pieces.len() - 1) as u32
                })
            })
            .collect();
        let mode = self.mode;
        let check = |(scope, &slot): (&Scope, &u32)| check_piece(design, scope, slot, apps, mode);
        // Pieces are independent: a whole design is checked on every core; the few pieces
        // of an edit are not worth waking other threads for.
        let pieces: Vec<Piece> = if scopes.len() >= PARALLEL_PIECES {
            scopes.par_iter().zip(&slots).map(check).collect()
        } else {
            scopes.iter().zip(&slots).map(check).collect()
        };
        for (piece, slot) in pieces.into_iter().zip(slots) {
            if !piece.worth_keeping() {
                self.free.push(slot);
                continue;
            }
            for key in &piece.filed {
                self.filing.add(*key, slot);
            }
            added.extend(piece.keys.iter().enumerate().map(|(i, &key)| ChannelAt {
                key,
                piece: slot,
                index: i as u32,
            }));
            self.pieces[slot as usize] = Some(Arc::new(piece));
        }
    }

    fn remove(&mut self, slot: u32) {
        if let Some(piece) = self.pieces[slot as usize].take() {
            for key in &piece.filed {
                self.filing.remove(*key, slot);
            }
            self.free.push(slot);
        }
    }

    /// Recomputes every channel's key from the current equipment order and sorts.
    fn rekey(&mut self) {
        let mut index: HashMap<&str, u32> = HashMap::default();
        for (i, id) in self.equipment.iter().enumerate() {
            index.insert(id.as_str(), i as u32);
        }
        let of = |p: &PortRef| index.get(p.part.as_str()).copied().unwrap_or(u32::MAX);
        for at in &mut self.order {
            let Some(piece) = &self.pieces[at.piece as usize] else {
                continue;
            };
            let c = &piece.channels[at.index as usize];
            let (eb, pb) = c.b.as_ref().map_or((u32::MAX, u32::from(u16::MAX)), |b| {
                (of(b), u32::from(b.port))
            });
            at.key = ChannelKey([of(&c.a), u32::from(c.a.port), eb, pb]);
        }
        self.order.sort_unstable();
    }

    /// The mode the report was checked in.
    pub fn mode(&self) -> CheckMode {
        self.mode
    }

    /// Every channel, in design order of its first end.
    pub fn channels(&self) -> Channels<'_> {
        View {
            report: self,
            places: &self.order,
        }
    }

    /// Every finding: layout findings first, then each piece's, pieces in the order of
    /// their first channel.
    pub fn findings(&self) -> Findings<'_> {
        View {
            report: self,
            places: self.listing.get_or_init(|| self.list_findings()),
        }
    }

    fn list_findings(&self) -> Vec<FindingAt> {
        let mut first_channel: HashMap<u32, usize> = HashMap::default();
        for (i, at) in self.order.iter().enumerate() {
            first_channel.entry(at.piece).or_insert(i);
        }
        let mut listed: Vec<(usize, &Piece, u32)> = self
            .pieces
            .iter()
            .enumerate()
            .filter_map(|(slot, p)| {
                let p = p.as_ref()?;
                let slot = slot as u32;
                (p.findings.len() > p.graph.shared.len()).then(|| {
                    let rank = first_channel.get(&slot).copied().unwrap_or(usize::MAX);
                    (rank, &**p, slot)
                })
            })
            .collect();
        // Pieces without channels in the order of their parts' ids, which does not depend
        // on when each piece was checked.
        let ids = |p: &Piece| {
            p.members
                .iter()
                .map(Member::id)
                .cloned()
                .collect::<Vec<_>>()
        };
        listed.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0).then_with(|| {
                if a.0 == usize::MAX {
                    ids(a.1).cmp(&ids(b.1))
                } else {
                    std::cmp::Ordering::Equal
                }
            })
        });
        let mut out: Vec<FindingAt> = (0..self.layout.len() as u32)
            .map(FindingAt::Layout)
            .collect();
        for (_, _, slot) in listed {
            if let Some(p) = &self.pieces[slot as usize] {
                out.extend(
                    (0..p.findings.len())
                        .filter(|&i| p.lists(i))
                        .map(|i| FindingAt::Piece(slot, i as u32)),
                );
            }
        }
        out
    }

    fn finding_at(&self, at: FindingAt) -> &Finding {
        match at {
            FindingAt::Layout(i) => &self.layout[i as usize],
            FindingAt::Piece(slot, i) => &self.piece_at(slot).findings[i as usize],
        }
    }

    fn piece_at(&self, slot: u32) -> &Piece {
        match self.pieces.get(slot as usize) {
            Some(Some(p)) => p,
            // A channel names the piece that holds it; only a channel from another report
            // could miss.
            _ => &EMPTY_PIECE,
        }
    }

    /// The piece holding `channel`: its graph and traces.
    pub fn piece(&self, channel: &Channel) -> &Piece {
        self.piece_at(channel.piece)
    }

    /// The piece holding `channel` as shared with earlier reports: [`Report::update`] puts a
    /// new one in place of each piece it checks again and keeps the others, so the same
    /// `Arc` in two reports is the same piece, checked the same way.
    pub fn shared_piece(&self, channel: &Channel) -> Option<&Arc<Piece>> {
        self.pieces.get(channel.piece as usize)?.as_ref()
    }

    /// Number of findings of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings()
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// True when there is no error.
    pub fn passes(&self) -> bool {
        self.count(Severity::Error) == 0
    }

    /// The hops of trace `t` of `channel`'s piece, as plugs and positions.
    pub fn path(&self, channel: &Channel, t: usize) -> Vec<Hop> {
        let p = self.piece(channel);
        path_hops(&p.graph, p.traces.path(t))
    }

    /// The channels whose first or second end is `port`.
    pub fn channels_at<'a>(&'a self, port: &'a PortRef) -> impl Iterator<Item = &'a Channel> {
        self.channels()
            .into_iter()
            .filter(move |c| &c.a == port || c.b.as_ref() == Some(port))
    }

    /// The channel between two ports, in either order.
    pub fn channel_between(&self, x: &PortRef, y: &PortRef) -> Option<&Channel> {
        self.channels().into_iter().find(|c| {
            (&c.a == x && c.b.as_ref() == Some(y)) || (&c.a == y && c.b.as_ref() == Some(x))
        })
    }

    /// The findings of a channel.
    pub fn channel_findings<'a>(&'a self, c: &'a Channel) -> impl Iterator<Item = &'a Finding> {
        let piece = self.piece(c);
        c.findings
            .iter()
            .filter_map(move |&i| piece.findings.get(i))
    }

    /// For each channel, in order, the positions of its findings in [`Report::findings`].
    pub fn channel_finding_positions(&self) -> Vec<Vec<usize>> {
        let findings = self.findings();
        let mut position: HashMap<(u32, u32), usize> = HashMap::default();
        for (pos, at) in findings.places.iter().enumerate() {
            if let FindingAt::Piece(slot, i) = *at {
                position.insert((slot, i), pos);
            }
        }
        self.channels()
            .iter()
            .map(|c| {
                let piece = self.piece(c);
                c.findings
                    .iter()
                    .filter_map(|&i| {
                        position.get(&(c.piece, i as u32)).copied().or_else(|| {
                            // An equipment's own finding, listed by its home piece.
                            let f = piece.findings.get(i)?;
                            findings.iter().position(|g| g == f)
                        })
                    })
                    .collect()
            })
            .collect()
    }

    /// The findings that belong to no channel (layout, unplugged parts, part definitions).
    pub fn loose_findings(&self) -> impl Iterator<Item = &Finding> {
        let listing = self.findings().places;
        let mut in_channel: HashMap<u32, Vec<bool>> = HashMap::default();
        for piece in self.pieces.iter().flatten() {
            let Some(slot) = piece.channels.first().map(|c| c.piece) else {
                continue;
            };
            let mut used = vec![false; piece.findings.len()];
            for c in &piece.channels {
                for &f in &c.findings {
                    used[f] = true;
                }
            }
            in_channel.insert(slot, used);
        }
        listing.iter().filter_map(move |&at| match at {
            FindingAt::Piece(slot, i)
                if in_channel.get(&slot).is_some_and(|used| used[i as usize]) =>
            {
                None
            }
            _ => Some(self.finding_at(at)),
        })
    }
}

static EMPTY_PIECE: std::sync::LazyLock<Piece> = std::sync::LazyLock::new(|| Piece {
    graph: ChannelGraph::build(&Design::new("")),
    traces: Traces::default(),
    channels: Vec::new(),
    keys: Vec::new(),
    findings: Vec::new(),
    members: Vec::new(),
    filed: Vec::new(),
    cabled: false,
});

/// The parts an update gathers to check again.
#[derive(Default)]
struct Gathered {
    cables: HashSet<u32>,
    /// Cables gathered whose ends have not yet been followed.
    new_cables: Vec<u32>,
    modules: HashSet<u32>,
    /// Equipment whose home piece is checked again.
    homes: HashSet<u32>,
}

impl Gathered {
    /// Adds a found part; equipment only when its home is to be checked again.
    fn take(&mut self, found: Found, home: bool) {
        match found {
            Found::Cable(c) => {
                if self.cables.insert(c) {
                    self.new_cables.push(c);
                }
            }
            Found::Module(m) => {
                self.modules.insert(m);
            }
            Found::Equipment(e) => {
                if home {
                    self.homes.insert(e);
                }
            }
        }
    }
}

fn sorted(set: impl IntoIterator<Item = u32>) -> Vec<u32> {
    let mut v: Vec<u32> = set.into_iter().collect();
    v.sort_unstable();
    v
}

/// Home pieces of the equipment `indices` that still exist and have findings of their own:
/// only those need a piece to list them.
fn home_scopes(design: &Design, indices: impl IntoIterator<Item = u32>) -> Vec<Scope> {
    indices
        .into_iter()
        .filter(|&e| {
            design
                .equipment
                .get(e as usize)
                .is_some_and(has_own_findings)
        })
        .map(Scope::home_of)
        .collect()
}

/// The parts a member names in the design now, when its remembered index moved.
fn locate_again(loc: &mut Locator<'_>, member: &Member) -> Vec<Found> {
    let same_kind = |f: &Found| {
        matches!(
            (member, f),
            (Member::Cable(..), Found::Cable(_))
                | (Member::Module(..), Found::Module(_))
                | (Member::Equipment(..), Found::Equipment(_))
        )
    };
    match member {
        Member::Missing(_) => Vec::new(),
        _ => loc
            .find(member.id().as_str())
            .into_iter()
            .filter(same_kind)
            .collect(),
    }
}

impl Drop for Report {
    fn drop(&mut self) {
        // Freeing a whole design's pieces takes as long as a quarter of checking them:
        // spread it over the cores too.
        if self.pieces.len() >= PARALLEL_PIECES {
            std::mem::take(&mut self.pieces)
                .into_par_iter()
                .for_each(drop);
        }
    }
}

/// Merges two sorted lists.
fn merge_sorted(a: Vec<ChannelAt>, b: Vec<ChannelAt>) -> Vec<ChannelAt> {
    if b.is_empty() {
        return a;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] <= b[j] {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}
