//! A NetBox on the loopback for the interop tests: it starts with the lists a real NetBox 4.6
//! returned (`fixtures/rest/`, from `shared/netbox/rest/`) and answers as that NetBox did:
//! paginated lists with absolute `next` links, 403 with `detail` for a bad token, 201 with the
//! created objects. Writes change its lists the way NetBox does where the tests look: a device
//! gets its type's interfaces and bays, a module its type's ports with `{module}` replaced by
//! the bay's position, a cable its terminations' names. Every request is logged.
#![allow(dead_code, clippy::unwrap_used)]

use fiberplan_model::{Design, PortRef};
use fiberplan_netbox::export::termination;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The v2 token the fake accepts.
pub const V2_TOKEN: &str = "nbt_AbCdEfGhIjKl.0123456789abcdef0123456789abcdef01234567";
/// The v1 token the fake accepts.
pub const V1_TOKEN: &str = "fedcba9876543210fedcba9876543210fedcba98";

/// The lists under `/api/dcim/`.
pub const ENDPOINTS: [&str; 18] = [
    "sites",
    "racks",
    "manufacturers",
    "device-roles",
    "device-types",
    "module-types",
    "module-bay-templates",
    "front-port-templates",
    "rear-port-templates",
    "interface-templates",
    "devices",
    "module-bays",
    "modules",
    "interfaces",
    "front-ports",
    "rear-ports",
    "cables",
    "cable-terminations",
];

/// One request as the fake saw it.
#[derive(Debug, Clone)]
pub struct Logged {
    /// Method.
    pub method: String,
    /// Path and query.
    pub path: String,
}

/// The fake's state.
pub struct State {
    /// Each endpoint's objects.
    pub lists: BTreeMap<String, Vec<Value>>,
    next_id: u64,
    /// Requests in order.
    pub log: Vec<Logged>,
    base: String,
}

/// A running fake NetBox.
pub struct FakeNetbox {
    /// Its root URL.
    pub url: String,
    /// Its state, for the test to look at.
    pub state: Arc<Mutex<State>>,
    server: Arc<tiny_http::Server>,
}

impl Drop for FakeNetbox {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

fn fixture(name: &str) -> Value {
    // The netbox crate's tests, or the command line's (from the workspace root).
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = [
        here.join("tests/fixtures/rest"),
        here.join("crates/fiberplan-netbox/tests/fixtures/rest"),
    ]
    .into_iter()
    .find(|d| d.exists())
    .unwrap();
    let path = dir.join(format!("{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

impl FakeNetbox {
    /// A fake holding the recorded site DH1.
    pub fn recorded() -> FakeNetbox {
        let mut lists = BTreeMap::new();
        for e in ENDPOINTS {
            lists.insert(
                e.to_owned(),
                fixture(e)["results"].as_array().unwrap().clone(),
            );
        }
        FakeNetbox::with(lists)
    }

    /// A fake with nothing in it.
    pub fn empty() -> FakeNetbox {
        FakeNetbox::with(
            ENDPOINTS
                .iter()
                .map(|e| ((*e).to_owned(), Vec::new()))
                .collect(),
        )
    }

    fn with(lists: BTreeMap<String, Vec<Value>>) -> FakeNetbox {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let port = server.server_addr().to_ip().unwrap().port();
        let url = format!("http://127.0.0.1:{port}");
        let next_id = 10_000;
        let state = Arc::new(Mutex::new(State {
            lists,
            next_id,
            log: Vec::new(),
            base: url.clone(),
        }));
        let (s, st) = (server.clone(), state.clone());
        std::thread::spawn(move || {
            for mut rq in s.incoming_requests() {
                let auth = rq
                    .headers()
                    .iter()
                    .find(|h| h.field.equiv("Authorization"))
                    .map(|h| h.value.as_str().to_owned());
                let mut body = String::new();
                let _ = rq.as_reader().read_to_string(&mut body);
                let method = rq.method().as_str().to_owned();
                let url = rq.url().to_owned();
                let (status, answer) = {
                    let mut state = st.lock().unwrap();
                    state.log.push(Logged {
                        method: method.clone(),
                        path: url.clone(),
                    });
                    state.answer(&method, &url, auth.as_deref(), &body)
                };
                let response = tiny_http::Response::from_string(answer.to_string())
                    .with_status_code(status)
                    .with_header(
                        tiny_http::Header::from_bytes("Content-Type", "application/json").unwrap(),
                    )
                    .with_header(tiny_http::Header::from_bytes("API-Version", "4.6").unwrap());
                let _ = rq.respond(response);
            }
        });
        FakeNetbox { url, state, server }
    }

    /// The requests that changed something.
    pub fn writes(&self) -> Vec<Logged> {
        self.state
            .lock()
            .unwrap()
            .log
            .iter()
            .filter(|l| l.method != "GET")
            .cloned()
            .collect()
    }

    /// Forgets the log.
    pub fn clear_log(&self) {
        self.state.lock().unwrap().log.clear();
    }

    /// A copy of the list of `endpoint`.
    pub fn list(&self, endpoint: &str) -> Vec<Value> {
        self.state.lock().unwrap().lists[endpoint].clone()
    }
}

/// The key of a nested reference and the list it points into.
const REFS: [(&str, &str); 9] = [
    ("site", "sites"),
    ("rack", "racks"),
    ("manufacturer", "manufacturers"),
    ("role", "device-roles"),
    ("device_type", "device-types"),
    ("module_type", "module-types"),
    ("device", "devices"),
    ("module_bay", "module-bays"),
    ("module", "modules"),
];

/// Choice fields NetBox answers as `{value, label}`.
const CHOICES: [&str; 5] = ["status", "profile", "length_unit", "face", "form_factor"];

impl State {
    fn answer(&mut self, method: &str, url: &str, auth: Option<&str>, body: &str) -> (u16, Value) {
        match auth {
            Some(a) if a == format!("Bearer {V2_TOKEN}") || a == format!("Token {V1_TOKEN}") => {}
            Some(a) if a.starts_with("Bearer nbt_") => {
                return (403, json!({"detail": "Invalid v2 token"}))
            }
            Some(a) if a.starts_with("Bearer ") || a.starts_with("Token ") => {
                return (403, json!({"detail": "Invalid v1 token"}))
            }
            _ => {
                return (
                    403,
                    json!({"detail": "Authentication credentials were not provided."}),
                )
            }
        }
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        if path == "/api/status/" {
            return (200, fixture("status"));
        }
        let Some(rest) = path.strip_prefix("/api/dcim/") else {
            return (404, json!({"detail": "Not found."}));
        };
        let parts: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
        let endpoint = parts[0].to_owned();
        if !self.lists.contains_key(&endpoint) {
            return (404, json!({"detail": "Not found."}));
        }
        let id: Option<u64> = parts.get(1).and_then(|x| x.parse().ok());
        match (method, id) {
            ("GET", None) => (200, self.page(&endpoint, path, query)),
            ("POST", None) => {
                let Ok(v) = serde_json::from_str::<Value>(body) else {
                    return (400, json!({"detail": "JSON parse error"}));
                };
                match v {
                    Value::Array(items) => {
                        let mut out = Vec::new();
                        for item in items {
                            match self.create(&endpoint, item) {
                                Ok(o) => out.push(o),
                                Err(e) => return (400, json!([e])),
                            }
                        }
                        (201, Value::Array(out))
                    }
                    item => match self.create(&endpoint, item) {
                        Ok(o) => (201, o),
                        Err(e) => (400, e),
                    },
                }
            }
            ("PATCH", Some(id)) => {
                let Ok(Value::Object(changes)) = serde_json::from_str::<Value>(body) else {
                    return (400, json!({"detail": "JSON parse error"}));
                };
                let changes = self.expand(Value::Object(changes));
                let Some(o) = self
                    .lists
                    .get_mut(&endpoint)
                    .unwrap()
                    .iter_mut()
                    .find(|o| o["id"] == id)
                else {
                    return (404, json!({"detail": "No object matches the given query."}));
                };
                for (k, v) in changes.as_object().unwrap() {
                    o[k] = v.clone();
                }
                (200, o.clone())
            }
            ("DELETE", Some(id)) => {
                let list = self.lists.get_mut(&endpoint).unwrap();
                let before = list.len();
                list.retain(|o| o["id"] != id);
                if list.len() == before {
                    return (404, json!({"detail": "No object matches the given query."}));
                }
                if endpoint == "cables" {
                    for e in ["interfaces", "front-ports", "rear-ports"] {
                        for p in self.lists.get_mut(e).unwrap() {
                            if p["cable"]["id"] == id {
                                p["cable"] = Value::Null;
                            }
                        }
                    }
                }
                (204, Value::Null)
            }
            _ => (405, json!({"detail": "Method not allowed."})),
        }
    }

    fn page(&self, endpoint: &str, path: &str, query: &str) -> Value {
        let mut limit = 50usize;
        let mut offset = 0usize;
        let mut filters = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match k {
                // A NetBox with MAX_PAGE_SIZE 50: longer lists come in pages.
                "limit" => limit = v.parse::<usize>().unwrap_or(50).min(50),
                "offset" => offset = v.parse().unwrap_or(0),
                "brief" => {}
                _ => filters.push((k.to_owned(), v.to_owned())),
            }
        }
        let matching: Vec<&Value> = self.lists[endpoint]
            .iter()
            .filter(|o| {
                filters.iter().all(|(k, v)| {
                    let field = k.strip_suffix("_id").unwrap_or(k);
                    let at = if k.ends_with("_id") {
                        &o[field]["id"]
                    } else {
                        &o[field]
                    };
                    // A filter on a field the object does not have does not narrow it.
                    o.get(field).is_none() || at.to_string().trim_matches('"') == v.as_str()
                })
            })
            .collect();
        let count = matching.len();
        let results: Vec<Value> = matching
            .into_iter()
            .skip(offset)
            .take(limit)
            .cloned()
            .collect();
        let link = |off: usize| {
            let mut q: Vec<String> = filters.iter().map(|(k, v)| format!("{k}={v}")).collect();
            q.push(format!("limit={limit}"));
            q.push(format!("offset={off}"));
            format!("{}{path}?{}", self.base, q.join("&"))
        };
        json!({
            "count": count,
            "next": if offset + limit < count { Value::String(link(offset + limit)) } else { Value::Null },
            "previous": if offset > 0 { Value::String(link(offset.saturating_sub(limit))) } else { Value::Null },
            "results": results,
        })
    }

    fn find(&self, list: &str, id: &Value) -> Option<Value> {
        self.lists[list].iter().find(|o| &o["id"] == id).cloned()
    }

    /// References by id made into NetBox's nested objects; choices into `{value, label}`.
    fn expand(&self, v: Value) -> Value {
        let Value::Object(mut o) = v else { return v };
        for (key, list) in REFS {
            if let Some(id) = o.get(key).filter(|x| x.is_u64()).cloned() {
                if let Some(target) = self.find(list, &id) {
                    let mut nested = Map::new();
                    for k in [
                        "id",
                        "name",
                        "model",
                        "slug",
                        "manufacturer",
                        "device",
                        "position",
                    ] {
                        if let Some(x) = target.get(k) {
                            nested.insert(k.to_owned(), x.clone());
                        }
                    }
                    o.insert(key.to_owned(), Value::Object(nested));
                }
            }
        }
        for key in CHOICES {
            if let Some(Value::String(s)) = o.get(key).cloned() {
                o.insert(key.to_owned(), json!({"value": s, "label": s}));
            }
        }
        Value::Object(o)
    }

    fn create(&mut self, endpoint: &str, item: Value) -> Result<Value, Value> {
        // What NetBox refuses that a push must not send twice.
        let unique: &[&str] = match endpoint {
            "manufacturers" | "device-roles" | "sites" => &["name"],
            "device-types" | "module-types" => &["model"],
            "racks" | "devices" => &["name", "site"],
            "cables" => &["label"],
            "modules" => &["module_bay"],
            _ => &[],
        };
        if !unique.is_empty() {
            let same = self.lists[endpoint].iter().any(|o| {
                unique.iter().all(|k| {
                    let theirs = if o[*k].is_object() {
                        &o[*k]["id"]
                    } else {
                        &o[*k]
                    };
                    theirs == &item[*k] && !item[*k].is_null()
                })
            });
            if same {
                return Err(
                    json!({unique[0]: [format!("{} with this {} already exists.", endpoint, unique.join(" and "))]}),
                );
            }
        }
        self.next_id += 1;
        let id = self.next_id;
        let mut o = self.expand(item);
        o["id"] = json!(id);
        if let Some(n) = o.get("name").cloned() {
            o["display"] = n;
        }
        match endpoint {
            "cables" => {
                for side in ["a_terminations", "b_terminations"] {
                    let mut terms = o[side].as_array().cloned().unwrap_or_default();
                    for t in &mut terms {
                        let list = match t["object_type"].as_str() {
                            Some("dcim.interface") => "interfaces",
                            Some("dcim.frontport") => "front-ports",
                            Some("dcim.rearport") => "rear-ports",
                            _ => return Err(json!({side: ["unknown object type"]})),
                        };
                        let Some(port) = self.find(list, &t["object_id"]) else {
                            return Err(json!({side: [format!("{} not found", t["object_id"])]}));
                        };
                        if !port["cable"].is_null() {
                            return Err(
                                json!({"__all__": [format!("Side {}: {} {} is already connected", &side[..1].to_uppercase(), port["device"]["name"], port["name"])]}),
                            );
                        }
                        t["object"] = json!({"id": port["id"], "name": port["name"], "device": port["device"]});
                    }
                    o[side] = Value::Array(terms.clone());
                    for t in &terms {
                        let list = match t["object_type"].as_str() {
                            Some("dcim.interface") => "interfaces",
                            Some("dcim.frontport") => "front-ports",
                            _ => "rear-ports",
                        };
                        for p in self.lists.get_mut(list).unwrap() {
                            if p["id"] == t["object_id"] {
                                p["cable"] = json!({"id": id});
                            }
                        }
                    }
                }
            }
            "devices" => {
                let t = o["device_type"]["id"].clone();
                let device = json!({"id": id, "name": o["name"]});
                for (templates, list) in [
                    ("interface-templates", "interfaces"),
                    ("module-bay-templates", "module-bays"),
                ] {
                    let made: Vec<Value> = self.lists[templates]
                        .iter()
                        .filter(|x| x["device_type"]["id"] == t)
                        .cloned()
                        .collect();
                    for x in made {
                        self.next_id += 1;
                        let mut p = json!({"id": self.next_id, "device": device, "name": x["name"], "type": x["type"], "cable": null});
                        if list == "module-bays" {
                            p["position"] = x["position"].clone();
                        }
                        self.lists.get_mut(list).unwrap().push(p);
                    }
                }
            }
            "modules" => {
                let t = o["module_type"]["id"].clone();
                let bay = self
                    .find("module-bays", &o["module_bay"]["id"])
                    .unwrap_or(Value::Null);
                let position = bay["position"].as_str().unwrap_or("").to_owned();
                let device = o["device"].clone();
                let mut rear_ids = BTreeMap::new();
                let rears: Vec<Value> = self.lists["rear-port-templates"]
                    .iter()
                    .filter(|x| x["module_type"]["id"] == t)
                    .cloned()
                    .collect();
                for x in rears {
                    self.next_id += 1;
                    rear_ids.insert(x["id"].to_string(), self.next_id);
                    let p = json!({"id": self.next_id, "device": device, "module": {"id": id}, "name": x["name"].as_str().unwrap().replace("{module}", &position), "type": x["type"], "positions": x["positions"], "cable": null});
                    self.lists.get_mut("rear-ports").unwrap().push(p);
                }
                let fronts: Vec<Value> = self.lists["front-port-templates"]
                    .iter()
                    .filter(|x| x["module_type"]["id"] == t)
                    .cloned()
                    .collect();
                for x in fronts {
                    self.next_id += 1;
                    let maps: Vec<Value> = x["rear_ports"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|m| json!({"position": m["position"], "rear_port": rear_ids.get(&m["rear_port"].to_string()), "rear_port_position": m["rear_port_position"]}))
                        .collect();
                    let p = json!({"id": self.next_id, "device": device, "module": {"id": id}, "name": x["name"].as_str().unwrap().replace("{module}", &position), "type": x["type"], "positions": x["positions"], "rear_ports": maps, "cable": null});
                    self.lists.get_mut("front-ports").unwrap().push(p);
                }
            }
            _ => {}
        }
        self.lists.get_mut(endpoint).unwrap().push(o.clone());
        Ok(o)
    }
}

fn name(d: &Design, p: &PortRef) -> String {
    termination(d, p).unwrap().to_string()
}

/// What must survive a trip through NetBox, in a form both designs share: names, not ids.
pub fn digest(d: &Design) -> Vec<String> {
    let mount = |m: &Option<fiberplan_model::Mount>| {
        m.as_ref()
            .map(|m| format!("{} U{}", d.label_of(&m.rack), m.u))
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for r in &d.racks {
        // NetBox needs a site: a rack without one is exported to the site "Fiberplan".
        let site = if r.site.is_empty() {
            "Fiberplan"
        } else {
            &r.site
        };
        out.push(format!("rack {} {}U site {site}", r.label, r.height_u));
    }
    for e in &d.enclosures {
        out.push(format!(
            "enclosure {} at {}: {}U {} slots",
            e.label,
            mount(&e.mount),
            e.spec.height_u,
            e.spec.slots
        ));
    }
    for e in &d.equipment {
        out.push(format!(
            "equipment {} at {}: {}U {} ports",
            e.label,
            mount(&e.mount),
            e.spec.height_u,
            e.spec.port_count()
        ));
    }
    for m in &d.modules {
        let s = m.slot.as_ref().unwrap();
        out.push(format!(
            "module in {} slot {}: {:?}",
            d.label_of(&s.enclosure),
            s.slot,
            m.spec.kind
        ));
    }
    for c in &d.cables {
        // Cables of more than two ends go through the API, not the files.
        if c.ends.len() != 2 {
            continue;
        }
        let ends: Vec<String> = c.ends.iter().flatten().map(|p| name(d, p)).collect();
        out.push(format!(
            "cable {} {} {} m {:?} plugs {:?} {} dB: {}",
            c.label,
            c.spec.fiber,
            c.spec.length_m,
            c.spec.kind,
            c.spec.plugs,
            c.spec.loss_class_db,
            ends.join(" - ")
        ));
    }
    out.sort();
    out
}
