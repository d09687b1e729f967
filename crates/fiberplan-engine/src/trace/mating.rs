//! Mating rules (`fiber-model.md` section 2): connector and ferrule, gender, fiber type and
//! polish of two plugs that meet in one adapter or transceiver.

use super::finding::{Finding, Rule, Severity};
use super::graph::Plug;
use super::maps::MatingGeometry;
use fiberplan_model::{AdapterKind, Connector, FiberClass, Gender, Id, PortRef};

/// What checking one mating found.
#[derive(Debug, Default)]
pub struct MatingOutcome {
    /// Rule violations.
    pub findings: Vec<Finding>,
    /// The plugs cannot mate at all, so no position touches another.
    pub blocked: bool,
    /// Singlemode meets multimode (or 62.5 um meets 50 um).
    pub fiber_class_error: bool,
}

/// Checks the mating of plugs `a` and `b` in `port`.
pub fn check_mating(a: &Plug, b: &Plug, geometry: MatingGeometry, port: &PortRef) -> MatingOutcome {
    let mut out = MatingOutcome::default();
    let parts = || -> Vec<Id> {
        let mut v = vec![
            a.site.part().clone(),
            b.site.part().clone(),
            port.part.clone(),
        ];
        v.sort();
        v.dedup();
        v
    };
    let finding = |severity, rule, message: String| {
        let mut f = Finding::new(severity, rule, message, parts());
        f.ports.push(port.clone());
        f
    };

    // An adapter only takes its own connector family.
    if let MatingGeometry::Adapter(adapter) = geometry {
        for plug in [a, b] {
            if !adapter_accepts(adapter, plug.connector) {
                out.findings.push(finding(
                    Severity::Error,
                    Rule::Connector,
                    format!(
                        "{}: a {} plug does not fit the {adapter} adapter at {port}",
                        plug.site, plug.connector
                    ),
                ));
                out.blocked = true;
            }
        }
        if out.blocked {
            return out;
        }
    }

    // Ferrule and connector kind: MPO-24 never meets MPO-12/8, MPO-16 only MPO-16.
    if !a.connector.mates_with(b.connector) {
        let rule = if a.connector.is_mpo() && b.connector.is_mpo() {
            Rule::Ferrule
        } else {
            Rule::Connector
        };
        out.findings.push(finding(
            Severity::Error,
            rule,
            format!(
                "{} ({}) cannot mate with {} ({}) at {port}",
                a.site, a.connector, b.site, b.connector
            ),
        ));
        out.blocked = true;
        return out;
    }

    // Gender: exactly one pinned plug in every MPO mating.
    if a.connector.is_mpo() {
        if let (Some(ga), Some(gb)) = (a.gender, b.gender) {
            if ga == gb {
                let why = match ga {
                    Gender::Pinned => "two pinned plugs damage each other's end faces",
                    Gender::Unpinned => "two unpinned plugs have no alignment pins (high loss)",
                };
                out.findings.push(finding(
                    Severity::Error,
                    Rule::Gender,
                    format!("{ga} {} meets {gb} {} at {port}: {why}", a.site, b.site),
                ));
            }
        }
    }

    // Fiber type: singlemode never meets multimode; 62.5 um never meets 50 um.
    if a.media != b.media {
        out.fiber_class_error = true;
        out.findings.push(finding(
            Severity::Error,
            Rule::FiberType,
            format!(
                "{} ({}) meets {} ({}) at {port}",
                a.site,
                describe_media(a),
                b.site,
                describe_media(b)
            ),
        ));
    } else if let (Some(fa), Some(fb)) = (a.fiber, b.fiber) {
        if fa != fb && a.media == FiberClass::Multimode50 {
            let lowest = fa.min(fb);
            out.findings.push(finding(
                Severity::Warning,
                Rule::MixedGrade,
                format!(
                    "{} ({fa}) meets {} ({fb}) at {port}: the channel takes the {lowest} limits",
                    a.site, b.site
                ),
            ));
        }
    }

    // Polish: APC never meets UPC.
    if a.polish != b.polish {
        out.findings.push(finding(
            Severity::Error,
            Rule::Polish,
            format!(
                "{} ({}) meets {} ({}) at {port}",
                a.site, a.polish, b.site, b.polish
            ),
        ));
    }
    out
}

/// The plugs of a panel adapter that the panel's declared MPO `ferrule` does not take
/// (docs/model.md, "Components": an MPO-16 plug does not fit an MPO-12 adapter, nor the
/// reverse; MPO-12 adapters take MPO-8), each a connector error at `port`. Any finding blocks
/// the mating.
pub fn check_panel_ferrule(
    a: &Plug,
    b: &Plug,
    adapter: AdapterKind,
    ferrule: Connector,
    port: &PortRef,
) -> Vec<Finding> {
    [a, b]
        .into_iter()
        .filter(|plug| !plug.connector.mates_with(ferrule))
        .map(|plug| {
            let mut parts = vec![plug.site.part().clone(), port.part.clone()];
            parts.sort();
            parts.dedup();
            let mut f = Finding::new(
                Severity::Error,
                Rule::Connector,
                format!(
                    "{}: a {} plug does not fit the {ferrule} {adapter} adapter at {port}",
                    plug.site, plug.connector
                ),
                parts,
            );
            f.ports.push(port.clone());
            f
        })
        .collect()
}

fn adapter_accepts(adapter: AdapterKind, connector: Connector) -> bool {
    match adapter {
        AdapterKind::MpoKeyUpKeyDown | AdapterKind::MpoKeyUpKeyUp => connector.is_mpo(),
        AdapterKind::LcDuplex => connector == Connector::LcDuplex,
        AdapterKind::LcSimplex => connector == Connector::LcSimplex,
    }
}

fn describe_media(p: &Plug) -> String {
    match p.fiber {
        Some(f) => f.to_string(),
        None => format!("{} optic", p.media),
    }
}
