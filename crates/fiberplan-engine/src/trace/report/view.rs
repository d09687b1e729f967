//! Reading a report's channels and findings in order, without copying them out of the
//! pieces that hold them.

use super::{ChannelAt, FindingAt, Report};
use crate::trace::channel::Channel;
use crate::trace::finding::Finding;

/// Where an item of a report is kept, and how to read it there.
pub trait Place: Copy {
    /// What is kept there.
    type Item: 'static;
    /// The item, in `report`.
    fn read(self, report: &Report) -> &Self::Item;
}

impl Place for ChannelAt {
    type Item = Channel;

    fn read(self, report: &Report) -> &Channel {
        &report.piece_at(self.piece).channels[self.index as usize]
    }
}

impl Place for FindingAt {
    type Item = Finding;

    fn read(self, report: &Report) -> &Finding {
        report.finding_at(self)
    }
}

/// A report's channels or findings, in order: a view over where the report keeps them.
#[derive(Clone, Copy)]
pub struct View<'a, P> {
    pub(super) report: &'a Report,
    pub(super) places: &'a [P],
}

/// The channels of a report, in design order.
pub type Channels<'a> = View<'a, ChannelAt>;

/// The findings of a report, in listing order.
pub type Findings<'a> = View<'a, FindingAt>;

impl<'a, P: Place> View<'a, P> {
    /// Number of items.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The `i`th item.
    pub fn get(&self, i: usize) -> Option<&'a P::Item> {
        self.places.get(i).map(|&at| at.read(self.report))
    }

    /// The items in order.
    pub fn iter(&self) -> ViewIter<'a, P> {
        ViewIter {
            report: self.report,
            inner: self.places.iter(),
        }
    }
}

impl<P: Place> std::fmt::Debug for View<'_, P>
where
    P::Item: std::fmt::Debug,
{
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<P: Place> std::ops::Index<usize> for View<'_, P> {
    type Output = P::Item;

    fn index(&self, i: usize) -> &P::Item {
        self.places[i].read(self.report)
    }
}

/// Iterator over a [`View`].
#[derive(Clone)]
pub struct ViewIter<'a, P> {
    pub(super) report: &'a Report,
    inner: std::slice::Iter<'a, P>,
}

impl<'a, P: Place> Iterator for ViewIter<'a, P> {
    type Item = &'a P::Item;

    fn next(&mut self) -> Option<&'a P::Item> {
        self.inner.next().map(|&at| at.read(self.report))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl<P: Place> DoubleEndedIterator for ViewIter<'_, P> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.inner.next_back().map(|&at| at.read(self.report))
    }
}

impl<P: Place> ExactSizeIterator for ViewIter<'_, P> {}

impl<'a, P: Place> IntoIterator for View<'a, P> {
    type Item = &'a P::Item;
    type IntoIter = ViewIter<'a, P>;

    fn into_iter(self) -> ViewIter<'a, P> {
        self.iter()
    }
}

impl<'a, P: Place> IntoIterator for &View<'a, P> {
    type Item = &'a P::Item;
    type IntoIter = ViewIter<'a, P>;

    fn into_iter(self) -> ViewIter<'a, P> {
        self.iter()
    }
}
