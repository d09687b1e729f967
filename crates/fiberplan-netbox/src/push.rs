//! A design sent to NetBox over its REST API: every object created or updated by name, in the
//! order NetBox needs them (manufacturers, roles, device and module types with their
//! templates and port maps, site, racks, devices, modules, cables). A second push of the same
//! design changes nothing. A cable whose ends or profile changed is deleted and created again,
//! because NetBox keeps stale traces after a profile is patched.

use crate::plan::{slug, CableRow, Plan, PortKind};
use crate::pull::{id, text};
use crate::rest::{Client, RestError};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// What a push does to one object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Creates it.
    Create,
    /// Changes some of its fields.
    Update,
    /// Deletes it and creates it again (a cable whose ends or profile changed, a module of
    /// another type).
    Replace,
}

/// One change a push makes (or, in a dry run, would make).
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// What it does.
    pub action: Action,
    /// The kind of object (`cable`, `device type`).
    pub kind: &'static str,
    /// The object's name.
    pub object: String,
    /// What changes, for people.
    pub detail: String,
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let verb = match self.action {
            Action::Create => "create",
            Action::Update => "update",
            Action::Replace => "replace",
        };
        write!(f, "{verb} {} {}", self.kind, self.object)?;
        if !self.detail.is_empty() {
            write!(f, ": {}", self.detail)?;
        }
        Ok(())
    }
}

/// What a push did (or would do).
#[derive(Debug, Clone, Default)]
pub struct Pushed {
    /// The changes, in the order made.
    pub steps: Vec<Step>,
    /// What was left as it is in NetBox, and why (a type NetBox already holds with other
    /// ports, a device of another type).
    pub warnings: Vec<String>,
}

/// A push that stopped: what NetBox said, about which object, and what had already changed.
#[derive(Debug, thiserror::Error)]
#[error("{kind} {object}: {error}")]
pub struct PushError {
    /// The kind of object.
    pub kind: &'static str,
    /// The object NetBox refused or that could not be sent.
    pub object: String,
    /// The failed request.
    pub error: Box<RestError>,
    /// The changes already made: NetBox holds them now.
    pub done: Vec<Step>,
}

struct Push<'a> {
    client: &'a Client,
    dry_run: bool,
    out: Pushed,
}

impl Push<'_> {
    fn fail(&self, kind: &'static str, object: &str, error: RestError) -> PushError {
        PushError {
            kind,
            object: object.to_owned(),
            error: Box::new(error),
            done: if self.dry_run {
                Vec::new()
            } else {
                self.out.steps.clone()
            },
        }
    }

    fn list(&self, endpoint: &str, query: &str) -> Result<Vec<Value>, PushError> {
        self.client
            .list(endpoint, query)
            .map_err(|e| self.fail("list", endpoint, e))
    }

    /// Records a step and, unless in a dry run, makes it; the created object's id.
    fn create(
        &mut self,
        step: Step,
        endpoint: &str,
        body: Value,
    ) -> Result<Option<u64>, PushError> {
        let result = if self.dry_run {
            None
        } else {
            let v = self
                .client
                .create(endpoint, &body)
                .map_err(|e| self.fail(step.kind, &step.object, e))?;
            id(&v, "id")
        };
        self.out.steps.push(step);
        Ok(result)
    }

    fn create_many(
        &mut self,
        kind: &'static str,
        object: &str,
        endpoint: &str,
        items: Vec<Value>,
    ) -> Result<(), PushError> {
        if items.is_empty() || self.dry_run {
            return Ok(());
        }
        self.client
            .create(endpoint, &Value::Array(items))
            .map_err(|e| self.fail(kind, object, e))?;
        Ok(())
    }

    fn update(
        &mut self,
        step: Step,
        endpoint: &str,
        object_id: u64,
        body: Value,
    ) -> Result<(), PushError> {
        if !self.dry_run {
            self.client
                .update(endpoint, object_id, &body)
                .map_err(|e| self.fail(step.kind, &step.object, e))?;
        }
        self.out.steps.push(step);
        Ok(())
    }

    fn delete(
        &mut self,
        kind: &'static str,
        object: &str,
        endpoint: &str,
        object_id: u64,
    ) -> Result<(), PushError> {
        if !self.dry_run {
            self.client
                .delete(endpoint, object_id)
                .map_err(|e| self.fail(kind, object, e))?;
        }
        Ok(())
    }
}

fn step(action: Action, kind: &'static str, object: &str, detail: impl Into<String>) -> Step {
    Step {
        action,
        kind,
        object: object.to_owned(),
        detail: detail.into(),
    }
}

/// Name -> id of a list's objects, by `key`.
fn by(list: &[Value], key: &str) -> BTreeMap<String, u64> {
    list.iter()
        .filter_map(|o| Some((text(o, key)?, id(o, "id")?)))
        .collect()
}

/// Sends `plan` to NetBox; with `dry_run`, only says what it would change. A dry run reads
/// NetBox as it is, so an object whose parent it would create is shown as created too.
pub fn push(client: &Client, plan: &Plan, dry_run: bool) -> Result<Pushed, PushError> {
    let mut p = Push {
        client,
        dry_run,
        out: Pushed::default(),
    };
    // Manufacturers and roles.
    let mut manufacturers = by(&p.list("manufacturers", "")?, "name");
    for m in &plan.manufacturers {
        if !manufacturers.contains_key(m) {
            let body = json!({"name": m, "slug": slug(m)});
            if let Some(i) = p.create(
                step(Action::Create, "manufacturer", m, ""),
                "manufacturers",
                body,
            )? {
                manufacturers.insert(m.clone(), i);
            }
        }
    }
    let mut roles = by(&p.list("device-roles", "")?, "name");
    for (name, color) in &plan.roles {
        if !roles.contains_key(name) {
            let body = json!({"name": name, "slug": slug(name), "color": color});
            if let Some(i) = p.create(
                step(Action::Create, "device role", name, ""),
                "device-roles",
                body,
            )? {
                roles.insert(name.clone(), i);
            }
        }
    }
    let device_types = push_types(&mut p, plan, &manufacturers, true)?;
    let module_types = push_types(&mut p, plan, &manufacturers, false)?;
    // Sites and racks.
    let mut sites = by(&p.list("sites", "")?, "name");
    for s in &plan.sites {
        if !sites.contains_key(s) {
            let body = json!({"name": s, "slug": slug(s), "status": "active"});
            if let Some(i) = p.create(step(Action::Create, "site", s, ""), "sites", body)? {
                sites.insert(s.clone(), i);
            }
        }
    }
    let mut racks: BTreeMap<(String, String), u64> = BTreeMap::new();
    for (site, site_id) in &sites {
        if !plan.sites.contains(site) {
            continue;
        }
        for r in p.list("racks", &format!("site_id={site_id}"))? {
            if id(&r, "site.id") != Some(*site_id) {
                continue;
            }
            let (Some(name), Some(rid)) = (text(&r, "name"), id(&r, "id")) else {
                continue;
            };
            if let Some(want) = plan
                .racks
                .iter()
                .find(|x| &x.site == site && x.name == name)
            {
                let have = r.get("u_height").and_then(Value::as_u64);
                if have != Some(u64::from(want.u_height)) {
                    p.update(
                        step(
                            Action::Update,
                            "rack",
                            &name,
                            format!("height {}U", want.u_height),
                        ),
                        "racks",
                        rid,
                        json!({"u_height": want.u_height}),
                    )?;
                }
            }
            racks.insert((site.clone(), name), rid);
        }
    }
    for r in &plan.racks {
        if racks.contains_key(&(r.site.clone(), r.name.clone())) {
            continue;
        }
        let body = json!({"name": r.name, "site": sites.get(&r.site), "status": "active", "width": 19, "u_height": r.u_height, "form_factor": "4-post-cabinet"});
        if let Some(i) = p.create(
            step(
                Action::Create,
                "rack",
                &r.name,
                format!("{}U in {}", r.u_height, r.site),
            ),
            "racks",
            body,
        )? {
            racks.insert((r.site.clone(), r.name.clone()), i);
        }
    }
    // Devices.
    let mut devices: BTreeMap<String, u64> = BTreeMap::new();
    let site_ids: Vec<u64> = plan
        .sites
        .iter()
        .filter_map(|s| sites.get(s).copied())
        .collect();
    for site_id in &site_ids {
        for d in p.list("devices", &format!("site_id={site_id}"))? {
            if id(&d, "site.id") != Some(*site_id) {
                continue;
            }
            let (Some(name), Some(did)) = (text(&d, "name"), id(&d, "id")) else {
                continue;
            };
            if let Some(want) = plan.devices.iter().find(|x| x.name == name) {
                if text(&d, "device_type.model").as_deref() != Some(want.device_type.as_str()) {
                    p.out.warnings.push(format!(
                        "device {name}: NetBox has it as a {}, the design as a {}; NetBox does not remake a device's ports when its type changes, so it was left as it is",
                        text(&d, "device_type.model").unwrap_or_default(),
                        want.device_type
                    ));
                }
                let rack = want
                    .rack
                    .as_ref()
                    .and_then(|(r, _)| racks.get(&(want.site.clone(), r.clone())).copied());
                let position = want.rack.as_ref().map(|(_, u)| f64::from(*u));
                let have_position = d.get("position").and_then(Value::as_f64);
                let mut changes = Map::new();
                if id(&d, "rack.id") != rack {
                    changes.insert("rack".into(), json!(rack));
                }
                if have_position != position {
                    changes.insert("position".into(), json!(position));
                    changes.insert(
                        "face".into(),
                        json!(if position.is_some() { "front" } else { "" }),
                    );
                }
                if !changes.is_empty() {
                    let detail = match &want.rack {
                        Some((r, u)) => format!("to {r} U{u}"),
                        None => "out of its rack".into(),
                    };
                    p.update(
                        step(Action::Update, "device", &name, detail),
                        "devices",
                        did,
                        Value::Object(changes),
                    )?;
                }
            }
            devices.insert(name, did);
        }
    }
    for d in &plan.devices {
        if devices.contains_key(&d.name) {
            continue;
        }
        let rack = d
            .rack
            .as_ref()
            .and_then(|(r, _)| racks.get(&(d.site.clone(), r.clone())));
        let mut body = json!({"name": d.name, "device_type": device_types.get(&d.device_type), "role": roles.get(&d.role), "site": sites.get(&d.site), "status": "active"});
        if let Some((_, u)) = &d.rack {
            body["rack"] = json!(rack);
            body["position"] = json!(u);
            body["face"] = json!("front");
        }
        let detail = match &d.rack {
            Some((r, u)) => format!("{} in {r} U{u}", d.device_type),
            None => d.device_type.clone(),
        };
        if let Some(i) = p.create(
            step(Action::Create, "device", &d.name, detail),
            "devices",
            body,
        )? {
            devices.insert(d.name.clone(), i);
        }
    }
    // Modules, in their devices' bays.
    let device_ids: BTreeSet<u64> = devices.values().copied().collect();
    let mut bays: BTreeMap<(String, String), u64> = BTreeMap::new();
    let mut installed: BTreeMap<u64, (u64, String)> = BTreeMap::new();
    for site_id in &site_ids {
        for b in p.list("module-bays", &format!("site_id={site_id}"))? {
            if let (Some(d), Some(n), Some(bid)) =
                (text(&b, "device.name"), text(&b, "name"), id(&b, "id"))
            {
                if id(&b, "device.id").is_some_and(|x| device_ids.contains(&x)) {
                    bays.insert((d, n), bid);
                }
            }
        }
        for m in p.list("modules", &format!("site_id={site_id}"))? {
            if let (Some(bay), Some(mid)) = (id(&m, "module_bay.id"), id(&m, "id")) {
                installed.insert(
                    bay,
                    (mid, text(&m, "module_type.model").unwrap_or_default()),
                );
            }
        }
    }
    for m in &plan.modules {
        let object = format!("{} {}", m.device, m.bay);
        let bay = bays.get(&(m.device.clone(), m.bay.clone())).copied();
        let body = json!({"device": devices.get(&m.device), "module_bay": bay, "module_type": module_types.get(&m.module_type), "status": "active"});
        match bay.and_then(|b| installed.get(&b)) {
            Some((_, model)) if model == &m.module_type => {}
            Some((mid, model)) => {
                let mid = *mid;
                p.delete("module", &object, "modules", mid)?;
                p.create(
                    step(
                        Action::Replace,
                        "module",
                        &object,
                        format!("{model} by {}", m.module_type),
                    ),
                    "modules",
                    body,
                )?;
            }
            None => {
                if bay.is_none() && !p.dry_run {
                    return Err(p.fail(
                        "module",
                        &object,
                        RestError::Answer {
                            path: "/api/dcim/module-bays/".into(),
                            message: format!("device {} has no bay {}", m.device, m.bay),
                        },
                    ));
                }
                p.create(
                    step(Action::Create, "module", &object, m.module_type.clone()),
                    "modules",
                    body,
                )?;
            }
        }
    }
    push_cables(&mut p, plan, &site_ids)?;
    Ok(p.out)
}

/// The device types (or module types) of `plan`, created with their templates where NetBox
/// lacks them; model -> id.
fn push_types(
    p: &mut Push<'_>,
    plan: &Plan,
    manufacturers: &BTreeMap<String, u64>,
    devices: bool,
) -> Result<BTreeMap<String, u64>, PushError> {
    let (endpoint, kind, key, list) = if devices {
        (
            "device-types",
            "device type",
            "device_type",
            &plan.device_types,
        )
    } else {
        (
            "module-types",
            "module type",
            "module_type",
            &plan.module_types,
        )
    };
    let mut ids = by(&p.list(endpoint, "")?, "model");
    for t in list {
        if let Some(tid) = ids.get(&t.model).copied() {
            // NetBox's own ports of the type decide its devices' ports: only say so when they
            // differ from the design's.
            let names = |l: Vec<Value>| -> BTreeSet<String> {
                l.iter()
                    .filter(|x| id(x, &format!("{key}.id")) == Some(tid))
                    .filter_map(|x| text(x, "name"))
                    .collect()
            };
            let q = format!("{key}_id={tid}");
            let (have, want): (BTreeSet<String>, BTreeSet<String>) = if devices {
                (
                    names(p.list("interface-templates", &q)?),
                    t.interfaces.iter().map(|i| i.name.clone()).collect(),
                )
            } else {
                (
                    names(p.list("front-port-templates", &q)?),
                    t.front_ports.iter().map(|f| f.name.clone()).collect(),
                )
            };
            if have != want {
                p.out.warnings.push(format!(
                    "{kind} {}: NetBox holds it with other ports ({} there, {} in the design); left as it is",
                    t.model,
                    have.len(),
                    want.len()
                ));
            }
            continue;
        }
        let mut body = json!({"manufacturer": manufacturers.get(&t.manufacturer), "model": t.model, "part_number": t.part_number.clone().unwrap_or_default(), "description": t.description.clone().unwrap_or_default()});
        if devices {
            body["slug"] = json!(slug(&t.model));
            body["u_height"] = json!(t.u_height.unwrap_or(1.0));
        }
        let detail = if devices {
            format!(
                "{} interfaces, {} module bays",
                t.interfaces.len(),
                t.module_bays.len()
            )
        } else {
            format!(
                "{} front and {} rear ports, {} mapped positions",
                t.front_ports.len(),
                t.rear_ports.len(),
                t.port_mappings.len()
            )
        };
        let Some(tid) = p.create(step(Action::Create, kind, &t.model, detail), endpoint, body)?
        else {
            continue;
        };
        ids.insert(t.model.clone(), tid);
        let interfaces = t
            .interfaces
            .iter()
            .map(|i| json!({"name": i.name, "type": i.kind, key: tid}))
            .collect();
        p.create_many(kind, &t.model, "interface-templates", interfaces)?;
        let bays = t
            .module_bays
            .iter()
            .map(|b| json!({"name": b.name, "position": b.position, key: tid}))
            .collect();
        p.create_many(kind, &t.model, "module-bay-templates", bays)?;
        let rears: Vec<Value> = t
            .rear_ports
            .iter()
            .map(|r| json!({"name": r.name, "type": r.kind, "positions": r.positions, key: tid}))
            .collect();
        if !rears.is_empty() {
            p.create_many(kind, &t.model, "rear-port-templates", rears)?;
        }
        // Front ports name the rear templates by id, with the exact map.
        let rear_ids = by(
            &p.list("rear-port-templates", &format!("{key}_id={tid}"))?
                .into_iter()
                .filter(|x| id(x, &format!("{key}.id")) == Some(tid))
                .collect::<Vec<_>>(),
            "name",
        );
        let fronts = t
            .front_ports
            .iter()
            .map(|f| {
                let maps: Vec<Value> = t
                    .port_mappings
                    .iter()
                    .filter(|m| m.front_port == f.name)
                    .map(|m| json!({"position": m.front_port_position, "rear_port": rear_ids.get(&m.rear_port), "rear_port_position": m.rear_port_position}))
                    .collect();
                json!({"name": f.name, "type": f.kind, "positions": f.positions, key: tid, "rear_ports": maps})
            })
            .collect();
        p.create_many(kind, &t.model, "front-port-templates", fronts)?;
    }
    Ok(ids)
}

/// The fields of a cable NetBox compares besides its ends and profile.
fn cable_fields(c: &CableRow) -> Value {
    json!({"type": c.kind, "status": "connected", "label": c.label, "color": c.color, "length": c.length, "length_unit": c.length_unit, "description": c.description})
}

fn push_cables(p: &mut Push<'_>, plan: &Plan, site_ids: &[u64]) -> Result<(), PushError> {
    let mut ports: BTreeMap<(String, PortKind, String), u64> = BTreeMap::new();
    let mut cables: BTreeMap<String, Value> = BTreeMap::new();
    for site_id in site_ids {
        let q = format!("site_id={site_id}");
        for kind in [PortKind::Interface, PortKind::FrontPort, PortKind::RearPort] {
            for x in p.list(kind.endpoint(), &q)? {
                if let (Some(d), Some(n), Some(i)) =
                    (text(&x, "device.name"), text(&x, "name"), id(&x, "id"))
                {
                    ports.insert((d, kind, n), i);
                }
            }
        }
        for c in p.list("cables", &q)? {
            if let Some(l) = text(&c, "label").filter(|l| !l.is_empty()) {
                cables.insert(l, c);
            }
        }
    }
    // Decide first, then delete every cable to be replaced before creating any: two cords
    // that swapped ports each need the other's port free.
    enum Decision {
        Create(Value, String),
        Replace(u64, Value, String),
        Update(u64, Map<String, Value>),
    }
    let mut decisions: Vec<(&CableRow, Decision)> = Vec::new();
    for c in &plan.cables {
        let ends = |side: &[crate::plan::Term]| -> Option<Vec<Value>> {
            side.iter()
                .map(|t| {
                    ports
                        .get(&(t.device.clone(), t.kind, t.name.clone()))
                        .map(|i| json!({"object_type": t.kind.object_type(), "object_id": i}))
                })
                .collect()
        };
        let route = format!(
            "{} to {}",
            c.a.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            c.b.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        );
        let (a, b) = match (ends(&c.a), ends(&c.b)) {
            (Some(a), Some(b)) => (a, b),
            _ if p.dry_run => {
                // Its ports come with devices or modules the push would create first.
                if !cables.contains_key(&c.label) {
                    p.out
                        .steps
                        .push(step(Action::Create, "cable", &c.label, route));
                }
                continue;
            }
            _ => {
                let missing =
                    c.a.iter()
                        .chain(&c.b)
                        .find(|t| !ports.contains_key(&(t.device.clone(), t.kind, t.name.clone())))
                        .map(ToString::to_string)
                        .unwrap_or_default();
                return Err(p.fail(
                    "cable",
                    &c.label,
                    RestError::Answer {
                        path: "/api/dcim/".into(),
                        message: format!("NetBox has no port {missing}"),
                    },
                ));
            }
        };
        let mut body = cable_fields(c);
        body["a_terminations"] = Value::Array(a.clone());
        body["b_terminations"] = Value::Array(b.clone());
        if let Some(profile) = &c.profile {
            body["profile"] = json!(profile);
        }
        let Some(have) = cables.get(&c.label) else {
            decisions.push((c, Decision::Create(body, route)));
            continue;
        };
        let cid = id(have, "id").unwrap_or(0);
        let terms = |key: &str| -> BTreeSet<(String, u64)> {
            have.get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|t| Some((text(t, "object_type")?, id(t, "object_id")?)))
                .collect()
        };
        let want = |side: &[Value]| -> BTreeSet<(String, u64)> {
            side.iter()
                .filter_map(|t| Some((text(t, "object_type")?, id(t, "object_id")?)))
                .collect()
        };
        let same_ends = terms("a_terminations") == want(&a) && terms("b_terminations") == want(&b);
        let same_profile = text(have, "profile").filter(|x| !x.is_empty()) == c.profile;
        if !same_ends || !same_profile {
            let why = if same_ends {
                format!(
                    "profile {} to {}",
                    text(have, "profile").unwrap_or_else(|| "none".into()),
                    c.profile.clone().unwrap_or_else(|| "none".into())
                )
            } else {
                format!("ends now {route}")
            };
            decisions.push((c, Decision::Replace(cid, body, why)));
            continue;
        }
        let mut changes = Map::new();
        for (k, v) in cable_fields(c).as_object().into_iter().flatten() {
            let same = match (k.as_str(), have.get(k.as_str())) {
                ("length", Some(h)) => h
                    .as_f64()
                    .zip(v.as_f64())
                    .is_some_and(|(x, y)| (x - y).abs() < 1e-9),
                (_, Some(_)) => text(have, k).as_deref().unwrap_or("") == v.as_str().unwrap_or(""),
                _ => false,
            };
            if !same {
                changes.insert(k.clone(), v.clone());
            }
        }
        if !changes.is_empty() {
            decisions.push((c, Decision::Update(cid, changes)));
        }
    }
    let mut deleted: Vec<String> = Vec::new();
    for (c, d) in &decisions {
        if let Decision::Replace(cid, _, _) = d {
            p.delete("cable", &c.label, "cables", *cid)?;
            deleted.push(c.label.clone());
        }
    }
    for (c, d) in decisions {
        match d {
            Decision::Create(body, route) => {
                p.create(
                    step(Action::Create, "cable", &c.label, route),
                    "cables",
                    body,
                )?;
            }
            Decision::Replace(_, body, why) => {
                p.create(
                    step(Action::Replace, "cable", &c.label, why),
                    "cables",
                    body,
                )
                .map_err(|mut e| {
                    // Deleted ones not yet created again are lost from NetBox until the
                    // next push: say which.
                    let done: Vec<&String> = e
                        .done
                        .iter()
                        .filter(|s| s.kind == "cable")
                        .map(|s| &s.object)
                        .collect();
                    let lost: Vec<&String> = deleted.iter().filter(|l| !done.contains(l)).collect();
                    e.object = format!(
                        "{} (deleted from NetBox to be created again; not yet created again: {})",
                        c.label,
                        lost.iter()
                            .map(|l| l.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                    e
                })?;
            }
            Decision::Update(cid, changes) => {
                let fields: Vec<String> = changes.keys().cloned().collect();
                p.update(
                    step(Action::Update, "cable", &c.label, fields.join(", ")),
                    "cables",
                    cid,
                    Value::Object(changes),
                )?;
            }
        }
    }
    Ok(())
}
