//! A site read from NetBox's REST API into its objects: racks, devices and their types with
//! every template and port map, modules in their bays, and cables with their terminations,
//! profile, type, length and description. [`pull`] then makes the design of them.

use crate::library::{Bay, Interface, Mapping, NetboxType, PortTemplate};
use crate::plan::{CableRow, DeviceRow, ModuleRow, Plan, PortKind, RackRow, Term};
use crate::rest::{Client, RestError};
use crate::to_design::{to_design, Pulled};
use fiberplan_engine::catalog::Catalog;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Text at `path` (`device.name`) of a NetBox object; a choice field's `value`.
pub(crate) fn text(v: &Value, path: &str) -> Option<String> {
    let mut at = v;
    for key in path.split('.') {
        at = at.get(key)?;
    }
    match at {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("value").and_then(|x| match x {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The id at `path` (`site.id`).
pub(crate) fn id(v: &Value, path: &str) -> Option<u64> {
    let mut at = v;
    for key in path.split('.') {
        at = at.get(key)?;
    }
    at.as_u64()
}

fn number(v: &Value, key: &str) -> Option<f64> {
    match v.get(key)? {
        Value::Number(n) => n.as_f64(),
        Value::Object(o) => o.get("value").and_then(Value::as_f64),
        _ => None,
    }
}

/// The site of `name` (or slug) among NetBox's sites, by id.
pub(crate) fn find_site(client: &Client, name: &str) -> Result<Option<u64>, RestError> {
    Ok(client
        .list("sites", "")?
        .iter()
        .find(|s| {
            text(s, "name").as_deref() == Some(name) || text(s, "slug").as_deref() == Some(name)
        })
        .and_then(|s| id(s, "id")))
}

/// The types of `ids` with their templates, read from `types` (`device-types` or
/// `module-types`) and the template lists filtered by `key` (`device_type` or `module_type`).
fn read_types(
    client: &Client,
    types: &str,
    key: &str,
    ids: &BTreeSet<u64>,
) -> Result<Vec<NetboxType>, RestError> {
    let mut out = Vec::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let all = client.list(types, "")?;
    for t in all
        .iter()
        .filter(|t| id(t, "id").is_some_and(|i| ids.contains(&i)))
    {
        let Some(tid) = id(t, "id") else { continue };
        let query = format!("{key}_id={tid}");
        let mine = |list: Vec<Value>| -> Vec<Value> {
            list.into_iter()
                .filter(|x| id(x, &format!("{key}.id")) == Some(tid))
                .collect()
        };
        let interfaces = if key == "device_type" {
            mine(client.list("interface-templates", &query)?)
        } else {
            Vec::new()
        };
        let rears = mine(client.list("rear-port-templates", &query)?);
        let fronts = mine(client.list("front-port-templates", &query)?);
        let bays = if key == "device_type" {
            mine(client.list("module-bay-templates", &query)?)
        } else {
            Vec::new()
        };
        let rear_name: BTreeMap<u64, String> = rears
            .iter()
            .filter_map(|r| Some((id(r, "id")?, text(r, "name")?)))
            .collect();
        let port = |p: &Value| PortTemplate {
            name: text(p, "name").unwrap_or_default(),
            kind: text(p, "type").unwrap_or_default(),
            positions: p
                .get("positions")
                .and_then(Value::as_u64)
                .and_then(|n| u16::try_from(n).ok())
                .unwrap_or(1),
            rear_port: None,
            rear_port_position: None,
        };
        let mut mappings = Vec::new();
        for f in &fronts {
            for m in f
                .get("rear_ports")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let (Some(front_port), Some(rear)) = (
                    text(f, "name"),
                    id(m, "rear_port").and_then(|r| rear_name.get(&r)),
                ) else {
                    continue;
                };
                let pos = |k: &str| {
                    m.get(k)
                        .and_then(Value::as_u64)
                        .and_then(|n| u16::try_from(n).ok())
                        .unwrap_or(1)
                };
                mappings.push(Mapping {
                    front_port,
                    front_port_position: pos("position"),
                    rear_port: rear.clone(),
                    rear_port_position: pos("rear_port_position"),
                });
            }
        }
        out.push(NetboxType {
            manufacturer: text(t, "manufacturer.name").unwrap_or_default(),
            model: text(t, "model").unwrap_or_default(),
            part_number: text(t, "part_number").filter(|p| !p.is_empty()),
            description: text(t, "description").filter(|d| !d.is_empty()),
            u_height: (key == "device_type").then(|| number(t, "u_height").unwrap_or(1.0)),
            interfaces: interfaces
                .iter()
                .map(|i| Interface {
                    name: text(i, "name").unwrap_or_default(),
                    kind: text(i, "type").unwrap_or_default(),
                })
                .collect(),
            front_ports: fronts.iter().map(port).collect(),
            rear_ports: rears.iter().map(port).collect(),
            module_bays: bays
                .iter()
                .map(|b| Bay {
                    name: text(b, "name").unwrap_or_default(),
                    position: text(b, "position").unwrap_or_default(),
                })
                .collect(),
            port_mappings: mappings,
        });
    }
    Ok(out)
}

/// The objects of site `site` (its name or slug), and what could not be read into them.
pub fn read_site(client: &Client, site: &str) -> Result<(Plan, Vec<String>), RestError> {
    let mut notes = Vec::new();
    let site_id = find_site(client, site)?.ok_or_else(|| RestError::Answer {
        path: "/api/dcim/sites/".into(),
        message: format!("NetBox has no site named {site:?}"),
    })?;
    let in_site = |list: Vec<Value>| -> Vec<Value> {
        list.into_iter()
            .filter(|x| id(x, "site.id") == Some(site_id))
            .collect()
    };
    let q = format!("site_id={site_id}");
    let mut plan = Plan {
        sites: vec![site.to_owned()],
        ..Plan::default()
    };
    let racks = in_site(client.list("racks", &q)?);
    let rack_names: BTreeMap<u64, String> = racks
        .iter()
        .filter_map(|r| Some((id(r, "id")?, text(r, "name")?)))
        .collect();
    for r in &racks {
        plan.racks.push(RackRow {
            site: site.to_owned(),
            name: text(r, "name").unwrap_or_default(),
            u_height: r
                .get("u_height")
                .and_then(Value::as_u64)
                .and_then(|u| u8::try_from(u).ok())
                .unwrap_or(42),
        });
    }
    let devices = in_site(client.list("devices", &q)?);
    let mut device_ids = BTreeSet::new();
    let mut device_types = BTreeSet::new();
    for d in &devices {
        let Some(name) = text(d, "name").filter(|n| !n.is_empty()) else {
            notes.push(format!(
                "device #{}: has no name, so no cable can name it",
                id(d, "id").unwrap_or(0)
            ));
            continue;
        };
        device_ids.extend(id(d, "id"));
        device_types.extend(id(d, "device_type.id"));
        let rack = match (
            id(d, "rack.id").and_then(|r| rack_names.get(&r)),
            number(d, "position"),
        ) {
            (Some(r), Some(u)) if u >= 1.0 => Some((r.clone(), u.floor().min(255.0) as u8)),
            (Some(r), _) => {
                notes.push(format!(
                    "device {name}: in rack {r} but at no position, so left unmounted"
                ));
                None
            }
            _ => None,
        };
        plan.devices.push(DeviceRow {
            name,
            role: text(d, "role.name").unwrap_or_default(),
            manufacturer: text(d, "device_type.manufacturer.name").unwrap_or_default(),
            device_type: text(d, "device_type.model").unwrap_or_default(),
            site: site.to_owned(),
            rack,
        });
    }
    let modules: Vec<Value> = client
        .list("modules", &q)?
        .into_iter()
        .filter(|m| id(m, "device.id").is_some_and(|d| device_ids.contains(&d)))
        .collect();
    let mut module_types = BTreeSet::new();
    for m in &modules {
        module_types.extend(id(m, "module_type.id"));
        plan.modules.push(ModuleRow {
            device: text(m, "device.name").unwrap_or_default(),
            bay: text(m, "module_bay.name").unwrap_or_default(),
            module_type: text(m, "module_type.model").unwrap_or_default(),
        });
    }
    plan.device_types = read_types(client, "device-types", "device_type", &device_types)?;
    plan.module_types = read_types(client, "module-types", "module_type", &module_types)?;
    let device_names: BTreeSet<String> = plan.devices.iter().map(|d| d.name.clone()).collect();
    for c in client.list("cables", &q)? {
        let label = text(&c, "label")
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| format!("NB-{}", id(&c, "id").unwrap_or(0)));
        let side = |key: &str| -> Result<Vec<Term>, String> {
            c.get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|t| {
                    let kind = text(t, "object_type").unwrap_or_default();
                    Ok(Term {
                        device: text(t, "object.device.name")
                            .ok_or("a termination on no device")?,
                        kind: PortKind::parse(&kind)
                            .ok_or_else(|| format!("a termination on a {kind}"))?,
                        name: text(t, "object.name").unwrap_or_default(),
                    })
                })
                .collect()
        };
        let (a, b) = match (side("a_terminations"), side("b_terminations")) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => {
                notes.push(format!("cable {label}: {e}"));
                continue;
            }
        };
        if a.is_empty() || b.is_empty() {
            notes.push(format!("cable {label}: not terminated at both sides"));
            continue;
        }
        if let Some(t) = a
            .iter()
            .chain(&b)
            .find(|t| !device_names.contains(&t.device))
        {
            notes.push(format!("cable {label}: reaches {t}, outside site {site}"));
            continue;
        }
        plan.cables.push(CableRow {
            label,
            a,
            b,
            kind: text(&c, "type").unwrap_or_default(),
            profile: text(&c, "profile").filter(|p| !p.is_empty()),
            color: text(&c, "color").unwrap_or_default(),
            length: number(&c, "length").unwrap_or(0.0),
            length_unit: text(&c, "length_unit").unwrap_or_else(|| "m".into()),
            description: text(&c, "description").unwrap_or_default(),
        });
    }
    Ok((plan, notes))
}

/// The design of NetBox site `site`, with what could not be mapped (objects NetBox holds that
/// Fiberplan has no part for, cables to other sites, parameters no object states).
pub fn pull(client: &Client, site: &str, catalog: &Catalog) -> Result<Pulled, RestError> {
    let (plan, notes) = read_site(client, site)?;
    let mut pulled = to_design(&plan, catalog, site);
    pulled.unmapped.splice(0..0, notes);
    Ok(pulled)
}
