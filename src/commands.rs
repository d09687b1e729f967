//! The command-line commands: `check`, `report`, `fix`, `diff`, `generate`, `catalog`,
//! `library import` and `export netbox`.

use crate::exit::{say, CliError, Exit, Out};
use crate::{DiffFormat, Format};
use fiberplan_edit::blame::{apply_fixes, Blame, Outcome};
use fiberplan_engine::catalog::{ApplicationTable, Catalog};
use fiberplan_engine::trace::{check as check_design, CheckMode, Verdict};
use fiberplan_export::check_report::{write_json_report, write_text_report};
use fiberplan_generate::{generate as generate_hall, GenerateOptions};
use fiberplan_io::{load_design, save_design};
use std::path::Path;

/// `fiberplan check`: every channel's verdict and every finding, as text or JSON.
pub fn check(
    path: &Path,
    format: Format,
    draft: bool,
    apps: &ApplicationTable,
    catalog: &Catalog,
) -> Result<Exit, CliError> {
    let design = load_design(path)?;
    let mode = if draft {
        CheckMode::Draft
    } else {
        CheckMode::Review
    };
    let report = check_design(&design, apps, mode);
    let blame = Blame::of(&design, &report, apps, catalog);
    let source = path.display().to_string();
    match format {
        Format::Text => {
            // A data hall's report runs to tens of megabytes: it goes out as it is made.
            let mut out = Out::new();
            // A failed write is kept in `out` and reported by `finish`.
            let _ = write_text_report(&mut out, &design, &source, &report, &blame);
            out.finish()?;
        }
        Format::Json => {
            let mut out = Out::new();
            // Only writing can fail here: every value of the report serializes.
            let written = write_json_report(&mut out, &design, &source, &report, &blame)
                .map_err(std::io::Error::from)
                .and_then(|()| std::io::Write::write_all(&mut out, b"\n"));
            match written {
                // A reader that stopped reading is not an error, as with `say`.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    return Err(CliError::Stdout(e))
                }
                _ => out.finish()?,
            }
        }
    }
    let exit = if report.passes() {
        Exit::Success
    } else {
        Exit::Findings
    };
    // The command ends the process: the system takes back a data hall's design and report
    // at once, where freeing their hundreds of thousands of parts one by one would not.
    std::mem::forget((design, report, blame));
    Ok(exit)
}

/// `fiberplan fix`: applies the fix of every failing channel that has one, writes the
/// corrected design to `out` and says what it changed; exits 1 while a channel still fails.
pub fn fix(
    path: &Path,
    out: &Path,
    apps: &ApplicationTable,
    catalog: &Catalog,
) -> Result<Exit, CliError> {
    let mut design = load_design(path)?;
    let run = apply_fixes(&mut design, apps, catalog, CheckMode::Review);
    let (mut applied, mut cured) = (0, 0);
    for (f, outcome) in &run {
        let channel = match &f.b {
            Some(b) => format!("{} - {b}", f.a),
            None => f.a.to_string(),
        };
        match outcome {
            Outcome::Applied => {
                applied += 1;
                say(format_args!("{channel}: {}\n", f.text()))?;
            }
            Outcome::CuredBefore => {
                cured += 1;
                say(format_args!("{channel}: passes after an earlier fix\n"))?;
            }
            Outcome::NotFound => say(format_args!("{channel}: not fixed: {}\n", f.text()))?,
            Outcome::NoLongerApplies(e) => say(format_args!("{channel}: not fixed: {e}\n"))?,
        }
    }
    save_design(&design, out)?;
    let after = check_design(&design, apps, CheckMode::Review);
    let failing = after
        .channels()
        .iter()
        .filter(|c| c.verdict == Verdict::Fail)
        .count();
    say(format_args!(
        "wrote {}: {} of {} channels with a fault in a part fixed ({applied} fixes applied, {cured} channels cured by another's fix); {failing} channels fail\n",
        out.display(),
        applied + cured,
        run.len()
    ))?;
    Ok(if after.passes() {
        Exit::Success
    } else {
        Exit::Findings
    })
}

/// `fiberplan report`: every export of a design, written into `out`.
pub fn report(
    path: &Path,
    out: &Path,
    apps: &ApplicationTable,
    catalog: &Catalog,
) -> Result<Exit, CliError> {
    let design = load_design(path)?;
    let report = check_design(&design, apps, CheckMode::Review);
    let exports = fiberplan_export::all_exports(
        &design,
        &report,
        catalog,
        apps,
        &path.display().to_string(),
    )?;
    for p in fiberplan_export::write_exports(out, &exports)? {
        say(format_args!("wrote {}\n", p.display()))?;
    }
    Ok(Exit::Success)
}

/// `fiberplan diff`: what changed from `old` to `new`.
pub fn diff(
    old: &Path,
    new: &Path,
    format: DiffFormat,
    apps: &ApplicationTable,
) -> Result<Exit, CliError> {
    let (a, b) = (load_design(old)?, load_design(new)?);
    let (ra, rb) = (
        check_design(&a, apps, CheckMode::Review),
        check_design(&b, apps, CheckMode::Review),
    );
    let d = fiberplan_export::diff::diff(&a, &ra, &b, &rb);
    match format {
        DiffFormat::Text => say(format_args!("{}", fiberplan_export::diff::diff_text(&d)))?,
        DiffFormat::Json => say(format_args!("{}\n", serde_json::to_string_pretty(&d)?))?,
    }
    Ok(if d.is_empty() {
        Exit::Success
    } else {
        Exit::Findings
    })
}

/// `fiberplan generate`: a synthetic data hall written to `out`.
pub fn generate(opts: GenerateOptions, out: &Path) -> Result<Exit, CliError> {
    let (design, figures) = generate_hall(opts);
    save_design(&design, out)?;
    say(format_args!(
        "{}: {} racks, {} parts, {} cables, {} channels ({} traced fibers), {} fiber strands, {} faults planted\n",
        out.display(),
        design.racks.len(),
        design.enclosures.len() + design.modules.len() + design.equipment.len(),
        design.cables.len(),
        figures.channels,
        2 * figures.channels,
        figures.strands,
        figures.faults.len()
    ))?;
    Ok(Exit::Success)
}

/// `fiberplan library import`: NetBox library YAML into a catalog file, and what each part
/// leaves unconfirmed.
pub fn library_import(paths: &[std::path::PathBuf], out: Option<&Path>) -> Result<Exit, CliError> {
    let (catalog, skipped) = fiberplan_netbox::library::import(paths)?;
    let text = catalog
        .to_ron()
        .map_err(|e| CliError::Catalog(e.to_string()))?;
    match out {
        Some(path) => {
            std::fs::write(path, &text).map_err(|e| CliError::Write {
                path: path.to_owned(),
                source: e,
            })?;
            for e in &catalog.entries {
                let unconfirmed = if e.unconfirmed.is_empty() {
                    String::new()
                } else {
                    format!("; unconfirmed: {}", e.unconfirmed.join(", "))
                };
                say(format_args!(
                    "{}: {} ({}){unconfirmed}\n",
                    e.part_number, e.name, e.group
                ))?;
            }
            for s in &skipped {
                say(format_args!("skipped {s}\n"))?;
            }
            say(format_args!(
                "wrote {}: {} parts, {} types skipped\n",
                path.display(),
                catalog.entries.len(),
                skipped.len()
            ))?;
        }
        None => say(format_args!("{text}"))?,
    }
    Ok(Exit::Success)
}

/// `fiberplan export netbox`: NetBox's import files of a design, in import order.
pub fn export_netbox(path: &Path, out: &Path) -> Result<Exit, CliError> {
    let design = load_design(path)?;
    let plan = fiberplan_netbox::export::plan(&design);
    let files = fiberplan_netbox::export::files(&plan);
    for (name, text) in &files {
        let target = out.join(name);
        let write = |p: &Path| -> std::io::Result<()> {
            if let Some(dir) = p.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(p, text)
        };
        write(&target).map_err(|source| CliError::Write {
            path: target.clone(),
            source,
        })?;
        say(format_args!("wrote {}\n", target.display()))?;
    }
    let breakouts = plan
        .cables
        .iter()
        .filter(|c| c.a.len() > 1 || c.b.len() > 1)
        .count();
    say(format_args!(
        "{} racks, {} devices, {} modules, {} cables in the CSV{}; {} lines in netbox-gaps.md\n",
        plan.racks.len(),
        plan.devices.len(),
        plan.modules.len(),
        plan.cables.len() - breakouts,
        if breakouts > 0 {
            format!(" ({breakouts} with several ends go through `fiberplan netbox push`)")
        } else {
            String::new()
        },
        plan.gaps.len()
    ))?;
    Ok(Exit::Success)
}

/// `fiberplan upgrade`: the upgraded design written, and what it moves, costs and leaves.
pub fn upgrade(
    path: &Path,
    application: &str,
    racks: &[String],
    out: &Path,
    apps: &ApplicationTable,
    catalog: &Catalog,
) -> Result<Exit, CliError> {
    use fiberplan_edit::upgrade::Scope;
    let design = load_design(path)?;
    let scope = if racks.is_empty() {
        Scope::All
    } else {
        let mut ids = Vec::new();
        for r in racks {
            let rack = design
                .racks
                .iter()
                .find(|x| x.label == *r || x.id.as_str() == r)
                .ok_or_else(|| CliError::NoRack(r.clone()))?;
            ids.push(rack.id.clone());
        }
        Scope::Racks(ids)
    };
    let report = check_design(&design, apps, CheckMode::Review);
    let u = fiberplan_edit::upgrade::upgrade(&design, &report, catalog, apps, application, &scope)?;
    save_design(&u.design, out)?;
    let delta = fiberplan_export::bom_delta::bom_delta(
        &fiberplan_export::bom::bom(&design, catalog),
        &fiberplan_export::bom::bom(&u.design, catalog),
    );
    let md = fiberplan_export::bom_delta::upgrade_markdown(&u, &delta);
    let summary = out.with_extension("upgrade.md");
    std::fs::write(&summary, md).map_err(|source| CliError::Write {
        path: summary.clone(),
        source,
    })?;
    say(format_args!(
        "{}: {} links move to {application}, {} pass; {} cannot move\n",
        out.display(),
        u.moved.len(),
        u.passing(),
        u.stuck.len()
    ))?;
    for m in u.moved.iter().filter(|m| m.verdict == Verdict::Fail) {
        say(format_args!(
            "  FAIL {}: {}\n",
            m.name,
            m.problem.as_deref().unwrap_or("")
        ))?;
    }
    // Why links cannot move, each reason once with how many links it holds back.
    let mut reasons: Vec<(&str, usize, &str)> = Vec::new();
    for s in &u.stuck {
        match reasons.iter_mut().find(|(r, _, _)| *r == s.reason) {
            Some((_, n, _)) => *n += 1,
            None => reasons.push((&s.reason, 1, &s.name)),
        }
    }
    for (why, n, first) in &reasons {
        say(format_args!("  cannot move ({n}, e.g. {first}): {why}\n"))?;
    }
    say(format_args!("parts:\n"))?;
    for d in &delta {
        say(format_args!(
            "  {:+6}  {}  {}\n",
            d.change,
            if d.line.part_number.is_empty() {
                "(no part number)"
            } else {
                &d.line.part_number
            },
            d.line.description
        ))?;
    }
    if !u.utilization.is_empty() {
        let before: usize = u.utilization.iter().map(|t| t.lit_before).sum();
        let after: usize = u.utilization.iter().map(|t| t.lit_after).sum();
        let fibers: usize = u.utilization.iter().map(|t| usize::from(t.fibers)).sum();
        say(format_args!(
            "trunk fibers lit: {before} of {fibers} before, {after} of {fibers} after, on {} trunks\n",
            u.utilization.len()
        ))?;
    }
    say(format_args!("wrote {}\n", summary.display()))?;
    Ok(if u.passing() == u.moved.len() {
        Exit::Success
    } else {
        Exit::Findings
    })
}

/// `fiberplan netbox push`: the design into NetBox, each change printed as it is made.
pub fn netbox_push(
    path: &Path,
    url: &str,
    token_file: &Path,
    dry_run: bool,
) -> Result<Exit, CliError> {
    use fiberplan_netbox::rest::{authorization_from_file, Client};
    let design = load_design(path)?;
    let plan = fiberplan_netbox::export::plan(&design);
    let client = Client::new(url, &authorization_from_file(token_file)?);
    let pushed = match fiberplan_netbox::push::push(&client, &plan, dry_run) {
        Ok(p) => p,
        Err(e) => {
            if e.done.is_empty() {
                eprintln!("fiberplan: nothing was written to NetBox");
            } else {
                eprintln!(
                    "fiberplan: NetBox holds part of the design: {} changes were made before the error; push again once it is fixed (a push only changes what differs):",
                    e.done.len()
                );
                for s in &e.done {
                    eprintln!("  {s}");
                }
            }
            return Err(e.into());
        }
    };
    let prefix = if dry_run { "would " } else { "" };
    for s in &pushed.steps {
        say(format_args!("{prefix}{s}\n"))?;
    }
    for w in &pushed.warnings {
        say(format_args!("warning: {w}\n"))?;
    }
    let skipped = plan
        .gaps
        .iter()
        .filter(|g| g.put.starts_with("left out"))
        .count();
    say(format_args!(
        "{}: {}{}\n",
        client.url(),
        match (pushed.steps.len(), dry_run) {
            (0, _) => "NetBox already holds the design".to_owned(),
            (n, true) => format!("{n} changes would be made; nothing was written"),
            (n, false) => format!("{n} changes made"),
        },
        if skipped > 0 {
            format!("; {skipped} objects NetBox cannot hold were left out (see `fiberplan export netbox`'s netbox-gaps.md)")
        } else {
            String::new()
        }
    ))?;
    Ok(Exit::Success)
}

/// `fiberplan netbox pull`: a NetBox site into a design file, and what could not be mapped.
pub fn netbox_pull(
    url: &str,
    token_file: &Path,
    site: &str,
    out: &Path,
    force: bool,
    catalog: &Catalog,
) -> Result<Exit, CliError> {
    use fiberplan_netbox::rest::{authorization_from_file, Client};
    if out.exists() && !force {
        return Err(CliError::Exists {
            path: out.to_owned(),
        });
    }
    let client = Client::new(url, &authorization_from_file(token_file)?);
    let pulled = fiberplan_netbox::pull::pull(&client, site, catalog)?;
    save_design(&pulled.design, out)?;
    for u in &pulled.unmapped {
        say(format_args!("not mapped: {u}\n"))?;
    }
    let d = &pulled.design;
    let unconfirmed = d
        .enclosures
        .iter()
        .filter(|x| !x.unconfirmed.is_empty())
        .count()
        + d.modules
            .iter()
            .filter(|x| !x.unconfirmed.is_empty())
            .count()
        + d.equipment
            .iter()
            .filter(|x| !x.unconfirmed.is_empty())
            .count()
        + d.cables
            .iter()
            .filter(|x| !x.unconfirmed.is_empty())
            .count();
    say(format_args!(
        "wrote {}: {} racks, {} devices, {} modules, {} cables; {} parts with unconfirmed parameters, {} objects not mapped\n",
        out.display(),
        d.racks.len(),
        d.enclosures.len() + d.equipment.len(),
        d.modules.len(),
        d.cables.len(),
        unconfirmed,
        pulled.unmapped.len()
    ))?;
    Ok(Exit::Success)
}

/// `fiberplan catalog`: every catalog part, a line each.
pub fn list_catalog(catalog: &Catalog) -> Result<Exit, CliError> {
    for e in &catalog.entries {
        let unconfirmed = if e.unconfirmed.is_empty() {
            String::new()
        } else {
            format!("  unconfirmed: {}", e.unconfirmed.join(", "))
        };
        say(format_args!(
            "{}\t{}\t{}{unconfirmed}\n",
            e.part_number, e.group, e.name
        ))?;
    }
    Ok(Exit::Success)
}
