//! Physical media vocabulary: fiber types, connectors, genders, polishes and polarity types.
//!
//! These are the parameters every part carries and every mating rule compares
//! (`fiber-model.md` sections 1-3).

use serde::{Deserialize, Serialize};
use std::fmt;

/// Fiber type of a cable, cassette or transceiver port.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FiberType {
    /// 62.5 um multimode.
    OM1,
    /// 50 um multimode, not laser optimized.
    OM2,
    /// 50 um laser-optimized multimode.
    OM3,
    /// 50 um laser-optimized multimode, higher bandwidth.
    OM4,
    /// 50 um wideband multimode.
    OM5,
    /// Singlemode, low water peak.
    OS2,
}

/// Every fiber type, in grade order (lowest first within each class).
pub const ALL_FIBER_TYPES: [FiberType; 6] = [
    FiberType::OM1,
    FiberType::OM2,
    FiberType::OM3,
    FiberType::OM4,
    FiberType::OM5,
    FiberType::OS2,
];

/// Fiber families that can never be mated with each other (`fiber-model.md` section 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FiberClass {
    /// 62.5 um core multimode (OM1).
    Multimode62,
    /// 50 um core multimode (OM2-OM5).
    Multimode50,
    /// Singlemode (OS2).
    Singlemode,
}

impl FiberType {
    /// The family this type belongs to, for the singlemode/multimode mating rule.
    pub fn class(self) -> FiberClass {
        match self {
            FiberType::OM1 => FiberClass::Multimode62,
            FiberType::OM2 | FiberType::OM3 | FiberType::OM4 | FiberType::OM5 => {
                FiberClass::Multimode50
            }
            FiberType::OS2 => FiberClass::Singlemode,
        }
    }

    /// Dense index, for per-type accumulators in the trace loop.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Inverse of [`FiberType::index`].
    pub fn from_index(i: usize) -> Option<FiberType> {
        ALL_FIBER_TYPES.get(i).copied()
    }
}

impl fmt::Display for FiberType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

impl fmt::Display for FiberClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FiberClass::Multimode62 => "62.5 um multimode",
            FiberClass::Multimode50 => "50 um multimode",
            FiberClass::Singlemode => "singlemode",
        })
    }
}

/// Connector kind and ferrule of a plug or port.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Connector {
    /// LC duplex: positions A and B.
    LcDuplex,
    /// LC simplex: one position.
    LcSimplex,
    /// MPO-8: the MPO-12 ferrule with positions 1-4 and 9-12 lit.
    Mpo8,
    /// MPO-12: one row of 12.
    Mpo12,
    /// MPO-16: one row of 16, offset key.
    Mpo16,
    /// MPO-24: two rows of 12.
    Mpo24,
}

impl Connector {
    /// True for the MPO family (array connectors that have a gender).
    pub fn is_mpo(self) -> bool {
        !matches!(self, Connector::LcDuplex | Connector::LcSimplex)
    }

    /// Rows and columns of the end face, looking at it with the key up.
    pub fn grid(self) -> (u8, u8) {
        match self {
            Connector::LcDuplex => (1, 2),
            Connector::LcSimplex => (1, 1),
            Connector::Mpo8 | Connector::Mpo12 => (1, 12),
            Connector::Mpo16 => (1, 16),
            Connector::Mpo24 => (2, 12),
        }
    }

    /// Number of geometric positions (including dark ones on MPO-8).
    pub fn positions(self) -> u8 {
        let (r, c) = self.grid();
        r * c
    }

    /// Number of fibers the connector carries.
    pub fn fiber_count(self) -> u8 {
        match self {
            Connector::Mpo8 => 8,
            other => other.positions(),
        }
    }

    /// Whether position `p` (1-based) carries a fiber. MPO-8 leaves 5-8 dark.
    pub fn is_lit(self, p: u8) -> bool {
        match self {
            Connector::Mpo8 => (1..=4).contains(&p) || (9..=12).contains(&p),
            other => p >= 1 && p <= other.positions(),
        }
    }

    /// Whether two plugs of these kinds can meet in one adapter (ferrule rule, section 2):
    /// MPO-8 and MPO-12 share a ferrule; MPO-16 and MPO-24 mate only with their own kind.
    pub fn mates_with(self, other: Connector) -> bool {
        use Connector::*;
        matches!(
            (self, other),
            (Mpo8 | Mpo12, Mpo8 | Mpo12)
                | (Mpo16, Mpo16)
                | (Mpo24, Mpo24)
                | (LcDuplex, LcDuplex)
                | (LcSimplex, LcSimplex)
        )
    }

    /// Human label of a position in this connector's frame: `A`/`B` on LC, a number on MPO.
    pub fn position_label(self, p: u8) -> String {
        match self {
            Connector::LcDuplex => match p {
                1 => "A".to_owned(),
                2 => "B".to_owned(),
                _ => format!("?{p}"),
            },
            Connector::LcSimplex => "1".to_owned(),
            _ => p.to_string(),
        }
    }
}

impl fmt::Display for Connector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Connector::LcDuplex => "LC duplex",
            Connector::LcSimplex => "LC simplex",
            Connector::Mpo8 => "MPO-8",
            Connector::Mpo12 => "MPO-12",
            Connector::Mpo16 => "MPO-16",
            Connector::Mpo24 => "MPO-24",
        })
    }
}

/// MPO plug gender. Transceiver MPO ports are pinned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Gender {
    /// Male: has alignment pins.
    Pinned,
    /// Female: has holes for the pins.
    Unpinned,
}

impl fmt::Display for Gender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Gender::Pinned => "pinned",
            Gender::Unpinned => "unpinned",
        })
    }
}

/// Ferrule end-face polish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Polish {
    /// Flat / ultra physical contact (multimode MPO is flat PC; reported as UPC).
    UPC,
    /// Angled physical contact (8 degrees).
    APC,
}

impl fmt::Display for Polish {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// TIA-568.3 array polarity type of a trunk or MPO cord.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ArrayPolarity {
    /// Key-up to key-down, straight: i -> i.
    A,
    /// Key-up to key-up, reversed: columns mirror.
    B,
    /// Key-up to key-down, pair-flipped: columns swap in pairs.
    C,
}

/// LC duplex patch cord polarity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DuplexPolarity {
    /// A-to-B crossover: A -> B, B -> A.
    AB,
    /// A-to-A straight: A -> A, B -> B.
    AA,
}

/// The kind of adapter in which two plugs meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AdapterKind {
    /// MPO key-up to key-down (TIA "Type A" adapter): columns kept, rows swap.
    MpoKeyUpKeyDown,
    /// MPO key-up to key-up (TIA "Type B" adapter): rows kept, columns mirror.
    MpoKeyUpKeyUp,
    /// LC duplex adapter, both latches up: A meets B.
    LcDuplex,
    /// LC simplex adapter: position meets position.
    LcSimplex,
}

impl AdapterKind {
    /// Whether it is an MPO adapter (of either key orientation).
    pub fn is_mpo(self) -> bool {
        matches!(
            self,
            AdapterKind::MpoKeyUpKeyDown | AdapterKind::MpoKeyUpKeyUp
        )
    }
}

impl fmt::Display for AdapterKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AdapterKind::MpoKeyUpKeyDown => "MPO key-up/key-down",
            AdapterKind::MpoKeyUpKeyUp => "MPO key-up/key-up",
            AdapterKind::LcDuplex => "LC duplex",
            AdapterKind::LcSimplex => "LC simplex",
        })
    }
}

/// Polarity type of a cassette: names its rear adapter and its harness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CassettePolarity {
    /// Key-up/key-down rear adapter with the standard harness.
    A,
    /// Key-up/key-up rear adapter with the standard harness.
    B,
}

impl CassettePolarity {
    /// The rear MPO adapter this polarity type implies.
    pub fn rear_adapter(self) -> AdapterKind {
        match self {
            CassettePolarity::A => AdapterKind::MpoKeyUpKeyDown,
            CassettePolarity::B => AdapterKind::MpoKeyUpKeyUp,
        }
    }
}
