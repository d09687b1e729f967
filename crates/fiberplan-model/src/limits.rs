//! The largest figures a design may hold. Anything beyond them is a damaged or absurd file:
//! opening it leaves the part out (`fiberplan-io`'s repair), the check refuses it
//! (`fiberplan-engine`'s graph) and the canvas draws no more than this many ports. Each limit
//! is written here once.

/// Most ports one part may have on a face, and most ends one cable may have.
pub const MAX_PORTS: u16 = 4096;

/// Tallest rack, and tallest part, accepted (open frames go to 58 U).
pub const MAX_RACK_U: u8 = 60;

/// Longest cable accepted, metres: longer than any data-hall or campus link.
pub const MAX_CABLE_M: f64 = 100_000.0;

/// Whether `count` ports (or cable ends) are more than a part may have.
pub fn too_many_ports(count: usize) -> bool {
    count > usize::from(MAX_PORTS)
}

/// Whether a rack, or a part `height_u` tall, is a height Fiberplan accepts.
pub fn height_in_range(height_u: u8) -> bool {
    (1..=MAX_RACK_U).contains(&height_u)
}

/// Whether `length_m` is a cable length Fiberplan accepts.
pub fn cable_length_in_range(length_m: f64) -> bool {
    length_m.is_finite() && (0.0..=MAX_CABLE_M).contains(&length_m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_include_their_bounds() {
        assert!(!too_many_ports(usize::from(MAX_PORTS)));
        assert!(too_many_ports(usize::from(MAX_PORTS) + 1));
        assert!(height_in_range(1) && height_in_range(MAX_RACK_U));
        assert!(!height_in_range(0) && !height_in_range(MAX_RACK_U + 1));
        assert!(cable_length_in_range(0.0) && cable_length_in_range(MAX_CABLE_M));
        assert!(!cable_length_in_range(-0.1) && !cable_length_in_range(f64::NAN));
    }
}
