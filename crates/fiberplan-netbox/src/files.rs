//! NetBox import files read back into a site's objects: the files an export writes (or any
//! written in NetBox's bulk-import columns), so that an export can be checked against the
//! design it came from.

use crate::library::NetboxType;
use crate::plan::{CableRow, DeviceRow, ModuleRow, Plan, PortKind, RackRow, Term};
use std::collections::HashMap;

/// Why import files could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{file}, line {line}: {message}")]
pub struct FilesError {
    /// The file, by its name in the folder.
    pub file: String,
    /// The line (1 is the header).
    pub line: u64,
    /// What is wrong.
    pub message: String,
}

type Row = HashMap<String, String>;

fn rows(file: &str, text: &str) -> Result<Vec<(u64, Row)>, FilesError> {
    let err = |line: u64, message: String| FilesError {
        file: file.to_owned(),
        line,
        message,
    };
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r
        .headers()
        .map_err(|e| err(1, e.to_string()))?
        .iter()
        .map(str::to_owned)
        .collect();
    let mut out = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| {
            err(
                e.position().map_or(0, |p| p.line()),
                format!("not CSV: {e}"),
            )
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        out.push((
            line,
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_owned))
                .collect(),
        ));
    }
    Ok(out)
}

fn field<'a>(file: &str, line: u64, row: &'a Row, name: &str) -> Result<&'a str, FilesError> {
    row.get(name).map(String::as_str).ok_or_else(|| FilesError {
        file: file.to_owned(),
        line,
        message: format!("no column {name:?}"),
    })
}

fn number<T: std::str::FromStr>(
    file: &str,
    line: u64,
    row: &Row,
    name: &str,
) -> Result<T, FilesError> {
    let text = field(file, line, row, name)?;
    text.trim().parse().map_err(|_| FilesError {
        file: file.to_owned(),
        line,
        message: format!("{name} {text:?} is not a number"),
    })
}

/// The objects of a folder's import files, given as (name in the folder, text). A file that is
/// missing counts as empty; one that cannot be read is an error naming it and its line.
pub fn read_files(files: &[(String, String)]) -> Result<Plan, FilesError> {
    let mut plan = Plan::default();
    let text = |name: &str| {
        files
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, t)| t.as_str())
    };
    for (name, body) in files {
        if !name.ends_with(".yaml") && !name.ends_with(".yml") {
            continue;
        }
        let t: NetboxType = serde_yaml_ng::from_str(body).map_err(|e| FilesError {
            file: name.clone(),
            line: e.location().map_or(0, |l| l.line() as u64),
            message: e.to_string(),
        })?;
        if t.u_height.is_some() {
            plan.device_types.push(t);
        } else {
            plan.module_types.push(t);
        }
    }
    let f = "01-manufacturers.csv";
    for (line, r) in rows(f, text(f))? {
        plan.manufacturers
            .push(field(f, line, &r, "name")?.to_owned());
    }
    let f = "05-sites.csv";
    for (line, r) in rows(f, text(f))? {
        plan.sites.push(field(f, line, &r, "name")?.to_owned());
    }
    let f = "06-racks.csv";
    for (line, r) in rows(f, text(f))? {
        plan.racks.push(RackRow {
            site: field(f, line, &r, "site")?.to_owned(),
            name: field(f, line, &r, "name")?.to_owned(),
            u_height: number(f, line, &r, "u_height")?,
        });
    }
    let f = "07-devices.csv";
    for (line, r) in rows(f, text(f))? {
        let rack = field(f, line, &r, "rack")?;
        plan.devices.push(DeviceRow {
            name: field(f, line, &r, "name")?.to_owned(),
            role: field(f, line, &r, "role")?.to_owned(),
            manufacturer: field(f, line, &r, "manufacturer")?.to_owned(),
            device_type: field(f, line, &r, "device_type")?.to_owned(),
            site: field(f, line, &r, "site")?.to_owned(),
            rack: if rack.is_empty() {
                None
            } else {
                Some((rack.to_owned(), number(f, line, &r, "position")?))
            },
        });
    }
    let f = "08-modules.csv";
    for (line, r) in rows(f, text(f))? {
        plan.modules.push(ModuleRow {
            device: field(f, line, &r, "device")?.to_owned(),
            bay: field(f, line, &r, "module_bay")?.to_owned(),
            module_type: field(f, line, &r, "module_type")?.to_owned(),
        });
    }
    let f = "09-cables.csv";
    for (line, r) in rows(f, text(f))? {
        let term = |side: &str| -> Result<Term, FilesError> {
            let kind = field(f, line, &r, &format!("{side}_type"))?;
            Ok(Term {
                device: field(f, line, &r, &format!("{side}_device"))?.to_owned(),
                kind: PortKind::parse(kind).ok_or_else(|| FilesError {
                    file: f.to_owned(),
                    line,
                    message: format!(
                        "{side}_type {kind:?}: expected dcim.interface, dcim.frontport or dcim.rearport"
                    ),
                })?,
                name: field(f, line, &r, &format!("{side}_name"))?.to_owned(),
            })
        };
        let profile = field(f, line, &r, "profile")?;
        plan.cables.push(CableRow {
            label: field(f, line, &r, "label")?.to_owned(),
            a: vec![term("side_a")?],
            b: vec![term("side_b")?],
            kind: field(f, line, &r, "type")?.to_owned(),
            profile: (!profile.is_empty()).then(|| profile.to_owned()),
            color: field(f, line, &r, "color")?.to_owned(),
            length: number(f, line, &r, "length")?,
            length_unit: field(f, line, &r, "length_unit")?.to_owned(),
            description: field(f, line, &r, "description")?.to_owned(),
        });
    }
    Ok(plan)
}
