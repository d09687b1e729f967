//! Position maps: the small geometric transforms of `fiber-model.md` sections 2 and 3.
//!
//! A position is numbered in its plug's own frame (end face, key up). Internally it becomes
//! `(row, column)` so that every map is one transform, the same for 8, 12, 16 and 24 fibers.

use fiberplan_model::{AdapterKind, ArrayPolarity, Connector, DuplexPolarity};

/// A position as (row, column), both 0-based, in the plug's frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    /// Row, 0 = top.
    pub row: u8,
    /// Column, 0 = left.
    pub col: u8,
}

/// The cell of 1-based position `p` on `connector`.
pub fn cell_of(connector: Connector, p: u8) -> Cell {
    let (_, cols) = connector.grid();
    let i = p.saturating_sub(1);
    Cell {
        row: i / cols,
        col: i % cols,
    }
}

/// The 1-based position of `cell` on `connector`.
pub fn position_of(connector: Connector, cell: Cell) -> u8 {
    let (_, cols) = connector.grid();
    cell.row * cols + cell.col + 1
}

/// How two plugs face each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatingGeometry {
    /// Two cable or internal plugs in an adapter.
    Adapter(AdapterKind),
    /// A plug in a transceiver port: the port reads the plug's own frame, so positions map
    /// to themselves (`fiber-model.md` section 2, equipment roles).
    Transceiver,
}

/// The position of the other plug that position `p` of one plug touches.
///
/// Every mating map is its own inverse, so the same function serves both directions.
pub fn mated_position(geometry: MatingGeometry, connector: Connector, p: u8) -> u8 {
    let (rows, cols) = connector.grid();
    let c = cell_of(connector, p);
    let mated = match geometry {
        MatingGeometry::Transceiver | MatingGeometry::Adapter(AdapterKind::LcSimplex) => c,
        // Key-up to key-down: columns kept, rows swap on two-row ferrules.
        MatingGeometry::Adapter(AdapterKind::MpoKeyUpKeyDown) => Cell {
            row: rows - 1 - c.row,
            col: c.col,
        },
        // Key-up to key-up: rows kept, columns mirror. The LC duplex adapter (A meets B) is
        // the same transform on a one-row, two-column face.
        MatingGeometry::Adapter(AdapterKind::MpoKeyUpKeyUp | AdapterKind::LcDuplex) => Cell {
            row: c.row,
            col: cols - 1 - c.col,
        },
    };
    position_of(connector, mated)
}

/// End-2 position reached from end-1 position `p` of an MPO trunk or cord.
pub fn array_cable_position(polarity: ArrayPolarity, connector: Connector, p: u8) -> u8 {
    let (_, cols) = connector.grid();
    let c = cell_of(connector, p);
    let mapped = match polarity {
        ArrayPolarity::A => c,
        ArrayPolarity::B => Cell {
            row: c.row,
            col: cols - 1 - c.col,
        },
        // Pair-flipped within each row: 1<->2, 3<->4, ...
        ArrayPolarity::C => Cell {
            row: c.row,
            col: c.col ^ 1,
        },
    };
    position_of(connector, mapped)
}

/// End-2 position reached from end-1 position `p` (1 = A, 2 = B) of an LC duplex cord.
pub fn duplex_cord_position(polarity: DuplexPolarity, p: u8) -> u8 {
    match polarity {
        DuplexPolarity::AA => p,
        DuplexPolarity::AB => 3 - p,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// fiber-model.md section 2: key-up/key-down, one row: i meets i.
    #[test]
    fn key_up_key_down_keeps_positions_on_one_row() {
        for p in 1..=12 {
            let g = MatingGeometry::Adapter(AdapterKind::MpoKeyUpKeyDown);
            assert_eq!(mated_position(g, Connector::Mpo12, p), p);
        }
    }

    /// fiber-model.md section 2: key-up/key-down on MPO-24 swaps the rows.
    #[test]
    fn key_up_key_down_swaps_rows_on_mpo24() {
        let g = MatingGeometry::Adapter(AdapterKind::MpoKeyUpKeyDown);
        assert_eq!(mated_position(g, Connector::Mpo24, 1), 13);
        assert_eq!(mated_position(g, Connector::Mpo24, 24), 12);
    }

    /// fiber-model.md section 2: key-up/key-up on MPO-12: i meets 13 - i.
    #[test]
    fn key_up_key_up_mirrors_columns() {
        let g = MatingGeometry::Adapter(AdapterKind::MpoKeyUpKeyUp);
        for p in 1..=12 {
            assert_eq!(mated_position(g, Connector::Mpo12, p), 13 - p);
        }
        assert_eq!(mated_position(g, Connector::Mpo24, 13), 24);
        assert_eq!(mated_position(g, Connector::Mpo16, 1), 16);
    }

    /// fiber-model.md section 2: LC duplex adapter, A meets B.
    #[test]
    fn lc_duplex_adapter_crosses() {
        let g = MatingGeometry::Adapter(AdapterKind::LcDuplex);
        assert_eq!(mated_position(g, Connector::LcDuplex, 1), 2);
        assert_eq!(mated_position(g, Connector::LcDuplex, 2), 1);
    }

    /// fiber-model.md section 3: trunk types A, B and C.
    #[test]
    fn trunk_types() {
        for p in 1..=12u8 {
            assert_eq!(
                array_cable_position(ArrayPolarity::A, Connector::Mpo12, p),
                p
            );
            assert_eq!(
                array_cable_position(ArrayPolarity::B, Connector::Mpo12, p),
                13 - p
            );
            let c = if p % 2 == 1 { p + 1 } else { p - 1 };
            assert_eq!(
                array_cable_position(ArrayPolarity::C, Connector::Mpo12, p),
                c
            );
        }
        assert_eq!(
            array_cable_position(ArrayPolarity::B, Connector::Mpo24, 13),
            24
        );
        assert_eq!(
            array_cable_position(ArrayPolarity::C, Connector::Mpo24, 23),
            24
        );
    }

    /// fiber-model.md section 3: A-to-B crosses, A-to-A is straight.
    #[test]
    fn duplex_cords() {
        assert_eq!(duplex_cord_position(DuplexPolarity::AB, 1), 2);
        assert_eq!(duplex_cord_position(DuplexPolarity::AB, 2), 1);
        assert_eq!(duplex_cord_position(DuplexPolarity::AA, 1), 1);
        assert_eq!(duplex_cord_position(DuplexPolarity::AA, 2), 2);
    }
}
