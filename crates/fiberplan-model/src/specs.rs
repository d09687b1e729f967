//! Constructors for the common part specs, so code and tests can build designs briefly.
//!
//! Defaults follow `applications.md`: multimode MPO is flat (UPC), singlemode MPO is APC,
//! MPO transceivers are pinned, and low-loss figures are the typical vendor values.

use super::media::{
    ArrayPolarity, CassettePolarity, Connector, DuplexPolarity, FiberClass, FiberType, Gender,
    Polish,
};
use super::parts::{
    AdapterPanelSpec, BreakoutLeg, CableKind, CableSpec, CassetteSpec, EnclosureSpec,
    EquipmentSpec, Lane, ModuleKind, ModuleSpec, PlugSpec, PortGroup, TransceiverSpec,
};
use crate::AdapterKind;

/// The slot format of the built-in enclosures and modules.
pub const DEFAULT_SLOT_FORMAT: &str = "FP-HD";

/// Usual MPO polish for a fiber type: APC on singlemode, flat on multimode.
pub fn mpo_polish_for(fiber: FiberType) -> Polish {
    if fiber.class() == FiberClass::Singlemode {
        Polish::APC
    } else {
        Polish::UPC
    }
}

impl CableSpec {
    /// An MPO trunk with the given end genders.
    pub fn trunk(
        connector: Connector,
        polarity: ArrayPolarity,
        fiber: FiberType,
        length_m: f64,
        genders: [Gender; 2],
    ) -> Self {
        let polish = mpo_polish_for(fiber);
        CableSpec {
            kind: CableKind::Trunk {
                connector,
                polarity,
            },
            fiber,
            length_m,
            plugs: genders
                .iter()
                .map(|&g| PlugSpec {
                    gender: Some(g),
                    polish,
                })
                .collect(),
            loss_class_db: 0.35,
            splices: 0,
            splice_loss_db: 0.3,
            attenuation_db_per_km: None,
        }
    }

    /// An MPO patch cord with the given end genders.
    pub fn mpo_cord(
        connector: Connector,
        polarity: ArrayPolarity,
        fiber: FiberType,
        length_m: f64,
        genders: [Gender; 2],
    ) -> Self {
        let mut spec = CableSpec::trunk(connector, polarity, fiber, length_m, genders);
        spec.kind = CableKind::MpoCord {
            connector,
            polarity,
        };
        spec
    }

    /// An LC duplex patch cord (UPC).
    pub fn lc_cord(polarity: DuplexPolarity, fiber: FiberType, length_m: f64) -> Self {
        let plug = PlugSpec {
            gender: None,
            polish: Polish::UPC,
        };
        CableSpec {
            kind: CableKind::LcCord { polarity },
            fiber,
            length_m,
            plugs: vec![plug, plug],
            loss_class_db: 0.15,
            splices: 0,
            splice_loss_db: 0.3,
            attenuation_db_per_km: None,
        }
    }

    /// A breakout harness: one MPO plug of `gender` to LC legs (UPC legs).
    pub fn breakout(
        connector: Connector,
        legs: Vec<BreakoutLeg>,
        fiber: FiberType,
        length_m: f64,
        gender: Gender,
    ) -> Self {
        let mut plugs = vec![PlugSpec {
            gender: Some(gender),
            polish: mpo_polish_for(fiber),
        }];
        plugs.extend(legs.iter().map(|_| PlugSpec {
            gender: None,
            polish: Polish::UPC,
        }));
        CableSpec {
            kind: CableKind::Breakout { connector, legs },
            fiber,
            length_m,
            plugs,
            loss_class_db: 0.35,
            splices: 0,
            splice_loss_db: 0.3,
            attenuation_db_per_km: None,
        }
    }

    /// The MPO-8/12 to 4 x LC duplex breakout for four-lane optics: leg k takes Tx lane k
    /// (position 13 - k) on A and Rx lane k (position k) on B, so each leg plugs straight
    /// into a duplex optic that receives on A (`channels.md` P10).
    pub fn parallel_breakout(fiber: FiberType, length_m: f64) -> Self {
        let legs = (1..=4u8)
            .map(|k| BreakoutLeg {
                a: 13 - k,
                b: Some(k),
            })
            .collect();
        CableSpec::breakout(Connector::Mpo8, legs, fiber, length_m, Gender::Unpinned)
    }
}

impl CassetteSpec {
    /// A cassette with the standard harness and the given figures.
    pub fn standard(
        connector: Connector,
        polarity: CassettePolarity,
        gender: Gender,
        fiber: FiberType,
        mpo_loss_db: f64,
        lc_loss_db: f64,
    ) -> Self {
        CassetteSpec {
            connector,
            rear_ports: 1,
            fiber,
            polarity,
            gender,
            mpo_polish: mpo_polish_for(fiber),
            lc_polish: Polish::UPC,
            mpo_loss_db,
            lc_loss_db,
            harness: None,
        }
    }
}

impl ModuleSpec {
    /// A cassette module in the default slot format.
    pub fn cassette(spec: CassetteSpec) -> Self {
        ModuleSpec {
            slot_format: DEFAULT_SLOT_FORMAT.to_owned(),
            kind: ModuleKind::Cassette(spec),
        }
    }

    /// An adapter panel in the default slot format.
    pub fn adapter_panel(adapter: AdapterKind, ports: u16, loss_db: f64) -> Self {
        ModuleSpec {
            slot_format: DEFAULT_SLOT_FORMAT.to_owned(),
            kind: ModuleKind::AdapterPanel(AdapterPanelSpec {
                adapter,
                ferrule: None,
                ports,
                loss_db,
            }),
        }
    }
}

impl ModuleSpec {
    /// An MPO adapter panel whose `ports` adapters of `adapter` kind take plugs of `ferrule`
    /// (MPO-12, which also takes MPO-8; MPO-16; MPO-24).
    pub fn mpo_panel(adapter: AdapterKind, ferrule: Connector, ports: u16, loss_db: f64) -> Self {
        let mut spec = ModuleSpec::adapter_panel(adapter, ports, loss_db);
        if let ModuleKind::AdapterPanel(p) = &mut spec.kind {
            p.ferrule = Some(ferrule);
        }
        spec
    }
}

impl EnclosureSpec {
    /// An enclosure in the default slot format.
    pub fn new(height_u: u8, slots: u8) -> Self {
        EnclosureSpec {
            height_u,
            slots,
            slot_format: DEFAULT_SLOT_FORMAT.to_owned(),
        }
    }
}

impl TransceiverSpec {
    /// A duplex LC optic: A = Rx, B = Tx in the frame of the plug inserted.
    pub fn duplex(application: &str, media: FiberClass) -> Self {
        TransceiverSpec {
            application: application.to_owned(),
            connector: Connector::LcDuplex,
            gender: None,
            polish: Polish::UPC,
            media,
            lanes: vec![Lane { tx: 2, rx: 1 }],
        }
    }

    /// A four-lane MPO-12 optic (SR4, DR4): Tx lanes 1-4 on positions 12, 11, 10, 9 and Rx
    /// lanes 1-4 on 1, 2, 3, 4 in the frame of the plug inserted; pinned receptacle.
    pub fn four_lane(application: &str, media: FiberClass, polish: Polish) -> Self {
        TransceiverSpec {
            application: application.to_owned(),
            connector: Connector::Mpo12,
            gender: Some(Gender::Pinned),
            polish,
            media,
            lanes: (1..=4u8).map(|k| Lane { tx: 13 - k, rx: k }).collect(),
        }
    }
}

impl EquipmentSpec {
    /// Equipment of `height_u` with `count` identical ports named `prefix1..`.
    pub fn with_ports(
        height_u: u8,
        prefix: &str,
        count: u16,
        transceiver: TransceiverSpec,
    ) -> Self {
        EquipmentSpec {
            height_u,
            ports: vec![PortGroup {
                count,
                name_prefix: prefix.to_owned(),
                first_number: 1,
                transceiver,
            }],
        }
    }
}
