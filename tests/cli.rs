//! `fiberplan check` on the command line: verdicts, JSON, and exit status 0 / 1 / 2.

use std::process::{Command, Output};

fn fiberplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fiberplan"))
        .args(args)
        .output()
        .expect("the fiberplan binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn passing_design_exits_0_and_prints_each_channel() {
    let o = fiberplan(&["check", "saved_designs/method-b-duplex.ron"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.contains("PASS  SW1/F1 Eth1 <-> SW2/F1 Eth1  25GBASE-SR"),
        "{out}"
    );
    // 4 mated pairs of 0.35 + 0.15 dB, 34 m at 3.0 dB/km.
    assert!(out.contains("loss 1.102 dB of 1.90 dB"), "{out}");
    assert!(out.contains("Summary: 1 channels: 1 pass"), "{out}");
}

#[test]
fn failing_design_exits_1_and_prints_the_finding_with_its_path() {
    let o = fiberplan(&["check", "saved_designs/method-b-wrong-cord-error.ron"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("FAIL"), "{out}");
    assert!(
        out.contains("error polarity: Tx of SW1/F1 Eth1 meets Tx of SW2/F1 Eth1"),
        "{out}"
    );
    assert!(out.contains("path: SW1/F1 #B -> CP1 end 1"), "{out}");
}

#[test]
fn json_output_carries_summary_channels_and_findings() {
    let o = fiberplan(&[
        "check",
        "--format",
        "json",
        "saved_designs/loss-budget-error.ron",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["summary"]["errors"], 1);
    assert_eq!(v["channels"][0]["verdict"], "fail");
    let loss = v["channels"][0]["budget"]["loss_db"].as_f64().unwrap();
    assert!((loss - 2.8).abs() < 1e-9, "{loss}");
    assert_eq!(v["findings"][0]["rule"], "loss");
    assert_eq!(v["findings"][0]["severity"], "error");
}

#[test]
fn missing_file_exits_2_with_a_message_naming_it() {
    let o = fiberplan(&["check", "no/such/design.ron"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no/such/design.ron"), "{err}");
    assert!(err.contains("cannot read"), "{err}");
}

#[test]
fn malformed_file_exits_2_with_line_and_column() {
    let dir = std::env::temp_dir().join(format!("fiberplan-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("broken.ron");
    std::fs::write(&path, "(\n  format_version: 1,\n  name: 7,\n)").unwrap();
    let o = fiberplan(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("broken.ron:3:"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn draft_mode_turns_open_channels_into_warnings() {
    let dir = std::env::temp_dir().join(format!("fiberplan-draft-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("open.ron");
    let text = std::fs::read_to_string("saved_designs/method-b-duplex.ron")
        .unwrap()
        .replacen("Some(\"C2/F6\")", "Some(\"C2/F5\")", 1);
    std::fs::write(&path, text).unwrap();
    let p = path.to_str().unwrap();
    assert_eq!(fiberplan(&["check", p]).status.code(), Some(1));
    assert_eq!(fiberplan(&["check", "--draft", p]).status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn report_writes_every_export_into_the_folder() {
    let dir = std::env::temp_dir().join(format!("fiberplan-report-{}", std::process::id()));
    let o = fiberplan(&[
        "report",
        "saved_designs/two-rack-leaf-servers.ron",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for f in [
        "bom.csv",
        "labels.csv",
        "channels.md",
        "channels.json",
        "elevations.svg",
        "upgrade-matrix.csv",
    ] {
        let text = std::fs::read_to_string(dir.join(f)).unwrap();
        assert!(!text.is_empty(), "{f}");
    }
    // The application matrix: a line per link and application, and its section in the
    // channel report.
    let matrix = std::fs::read_to_string(dir.join("upgrade-matrix.csv")).unwrap();
    assert!(
        matrix.starts_with("link,via,application,today,"),
        "{matrix}"
    );
    assert!(
        matrix.lines().any(|l| l.contains(",25GBASE-SR,PASS,")),
        "{matrix}"
    );
    let md = std::fs::read_to_string(dir.join("channels.md")).unwrap();
    assert!(md.contains("## Application matrix"), "{md}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn diff_exits_0_when_same_1_when_different() {
    let same = fiberplan(&[
        "diff",
        "saved_designs/method-b-duplex.ron",
        "saved_designs/method-b-duplex.ron",
    ]);
    assert_eq!(same.status.code(), Some(0));
    assert!(stdout(&same).contains("No differences."));
    let differ = fiberplan(&[
        "diff",
        "saved_designs/method-b-duplex.ron",
        "saved_designs/method-b-wrong-cord-error.ron",
    ]);
    assert_eq!(differ.status.code(), Some(1));
    let out = stdout(&differ);
    assert!(out.contains("~ cable CP2: spec"), "{out}");
    assert!(
        out.contains("! channel SW1/F1 <-> SW2/F1: PASS -> FAIL"),
        "{out}"
    );
    let missing = fiberplan(&["diff", "saved_designs/method-b-duplex.ron", "nope.ron"]);
    assert_eq!(missing.status.code(), Some(2));
}

/// Issue 5: `fiberplan check` on a damaged file exits 2 and lists every problem with the
/// object it is in.
#[test]
fn check_refuses_a_damaged_file_listing_each_problem() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.ron");
    let text = std::fs::read_to_string("saved_designs/method-b-duplex.ron")
        .unwrap()
        .replacen("length_m: 30.0", "length_m: -30.0", 1)
        .replacen("Some(\"C2/F6\")", "Some(\"C1/F1\")", 1);
    std::fs::write(&path, text).unwrap();
    let o = fiberplan(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("damaged in 2 place(s)"), "{err}");
    assert!(
        err.contains("cable T1: length -30 m; expected a length from 0 to 100000 m (left out)"),
        "{err}"
    );
    assert!(
        err.contains("cable CP2: end 1 is plugged into C1/F1, which cable CP1 end 2 already holds"),
        "{err}"
    );
}

/// Issue 6: `fiberplan generate` writes a design that reads back and checks; without faults
/// it passes, with faults `check` exits 1.
#[test]
fn generate_writes_a_hall_that_checks() {
    let dir = tempfile::tempdir().unwrap();
    let sound = dir.path().join("sound.ron");
    let o = fiberplan(&[
        "generate",
        "--racks",
        "8",
        "--seed",
        "2",
        "--faults",
        "0",
        sound.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("8 racks"), "{out}");
    assert!(out.contains("816 channels (1632 traced fibers)"), "{out}");
    assert_eq!(
        fiberplan(&["check", sound.to_str().unwrap()]).status.code(),
        Some(0)
    );
    let faulty = dir.path().join("faulty.ron");
    let o = fiberplan(&[
        "generate",
        "--racks",
        "8",
        "--faults",
        "10",
        faulty.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        fiberplan(&["check", faulty.to_str().unwrap()])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn check_names_the_culprit_and_its_fix_in_text_and_as_data_in_json() {
    let o = fiberplan(&["check", "saved_designs/method-b-wrong-cord-error.ron"]);
    assert!(
        stdout(&o).contains("      fix: change CP2 to an A-to-B cord (LCC-AB-OM4)"),
        "{}",
        stdout(&o)
    );
    let o = fiberplan(&[
        "check",
        "--format",
        "json",
        "saved_designs/method-b-wrong-cord-error.ron",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let change = &json["channels"][0]["fix"]["changes"][0];
    assert_eq!(change["part"], "CP2");
    assert_eq!(change["field"], "polarity");
    assert_eq!(
        (change["old"].as_str(), change["new"].as_str()),
        (Some("AA"), Some("AB"))
    );
    assert_eq!(change["part_number"], "LCC-AB-OM4");
    // A passing channel carries no fix.
    let o = fiberplan(&[
        "check",
        "--format",
        "json",
        "saved_designs/method-b-duplex.ron",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(json["channels"][0].get("fix").is_none());
}

#[test]
fn check_names_the_largest_contributors_and_options_of_a_channel_over_budget() {
    let o = fiberplan(&["check", "saved_designs/loss-budget-error.ron"]);
    let out = stdout(&o);
    assert!(
        out.contains("      largest: C1 2 mated pairs 1.25 dB, C2 2 mated pairs 1.25 dB, T1 96.0 m of OM4 fiber 0.29 dB"),
        "{out}"
    );
    assert!(
        out.contains("      option: replace C1 and C2 with CAS-12F-B-M-OM4 (MPO 0.35 dB, LC 0.15 dB per mated pair): loss 1.30 dB of 1.90 dB"),
        "{out}"
    );
    assert!(
        out.contains("      option: the nearest application this channel carries is 10GBASE-SR"),
        "{out}"
    );
    assert!(!out.contains("fix:"), "no part is at fault: {out}");
    let o = fiberplan(&[
        "check",
        "--format",
        "json",
        "saved_designs/loss-budget-error.ron",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let options = &json["channels"][0]["options"];
    assert_eq!(options["contributors"][0]["part"], "C1");
    assert_eq!(options["contributors"][0]["loss_db"], 1.25);
    assert!(options["choices"][0]["text"]
        .as_str()
        .unwrap()
        .starts_with("replace C1 and C2 with CAS-12F-B-M-OM4"));
}

#[test]
fn fiberplan_fix_writes_a_design_that_checks_clean_and_says_what_it_changed() {
    let dir = tempfile::tempdir().unwrap();
    for (design, change) in [
        (
            "method-b-wrong-cord-error",
            "change CP2 to an A-to-B cord (LCC-AB-OM4)",
        ),
        ("gender-pinned-trunk-error", "unpinned"),
        ("mixed-singlemode-multimode-error", "OM4"),
    ] {
        let out = dir.path().join(format!("{design}-fixed.ron"));
        let o = fiberplan(&[
            "fix",
            &format!("saved_designs/{design}.ron"),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{design}: {}", stdout(&o));
        assert!(stdout(&o).contains(change), "{design}: {}", stdout(&o));
        let check = fiberplan(&["check", out.to_str().unwrap()]);
        assert_eq!(check.status.code(), Some(0), "{design}: {}", stdout(&check));
    }
}

/// Regression: `fiberplan check big.ron | head` panicked with "failed printing to stdout:
/// Broken pipe" (exit 101); a reader that stops reading is not an error.
#[test]
fn check_into_a_pipe_that_closes_early_exits_with_its_verdict_not_a_panic() {
    use std::io::Read as _;
    let dir = tempfile::tempdir().unwrap();
    let hall = dir.path().join("hall.ron");
    let o = fiberplan(&[
        "generate",
        "--racks",
        "8",
        "--faults",
        "2",
        hall.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    // Both reports are written as they are made, the JSON one by serde_json.
    for format in ["text", "json"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_fiberplan"))
            .args(["check", "--format", format, hall.to_str().unwrap()])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 64];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // The reader is gone; the report (over 64 KiB) no longer fits in the pipe.
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn library_import_writes_a_catalog_that_loads_and_says_what_is_unconfirmed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("netbox.ron");
    let o = fiberplan(&[
        "library",
        "import",
        "crates/fiberplan-netbox/tests/fixtures/03-device-types",
        "crates/fiberplan-netbox/tests/fixtures/04-module-types",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(stdout(&o).contains(
        "OC-CAS-12B: OptiCab OC-CAS-12LC-MPO12-B (12F cassette (Type-B style): 6 x LC duplex front, 1 x MPO-12 rear) (NetBox modules); unconfirmed: polarity type, MPO gender, fiber grade, MPO polish, loss"
    ), "{}", stdout(&o));
    let catalog = fiberplan_engine::catalog::Catalog::load(&out).unwrap();
    assert_eq!(catalog.entries.len(), 7);
    // A file that is not YAML of a type names itself and exits 2.
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "manufacturer: [").unwrap();
    let o = fiberplan(&["library", "import", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.yaml"));
}

#[test]
fn catalogs_in_the_data_folder_are_loaded_and_a_broken_one_is_passed_over() {
    let data = tempfile::tempdir().unwrap();
    let folder = data.path().join("catalogs");
    std::fs::create_dir_all(&folder).unwrap();
    let o = fiberplan(&[
        "library",
        "import",
        "crates/fiberplan-netbox/tests/fixtures/04-module-types",
        "--out",
        folder.join("netbox.ron").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    std::fs::write(folder.join("broken.ron"), "(entries: [").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_fiberplan"))
        .arg("catalog")
        .env("FIBERPLAN_DATA_DIR", data.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("CAS-12F-B-M-OM4\t"),
        "the built-in parts are there"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("OC-CAS-12B\t") && l.contains("unconfirmed: polarity type")),
        "{out}"
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("catalog left out") && err.contains("broken.ron"),
        "{err}"
    );
}

#[test]
fn export_netbox_writes_the_import_files_in_order_and_the_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let o = fiberplan(&[
        "export",
        "netbox",
        "saved_designs/two-rack-leaf-servers.ron",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for f in [
        "01-manufacturers.csv",
        "06-racks.csv",
        "07-devices.csv",
        "08-modules.csv",
        "09-cables.csv",
        "netbox-gaps.md",
    ] {
        let text = std::fs::read_to_string(dir.path().join(f)).unwrap();
        assert!(text.lines().count() > 1, "{f}: {text}");
    }
    assert!(std::fs::read_dir(dir.path().join("04-module-types"))
        .unwrap()
        .next()
        .is_some());
    let out = stdout(&o);
    assert!(out.contains("cables in the CSV"), "{out}");
    // A design that cannot be read is exit 2 with its name.
    let o = fiberplan(&["export", "netbox", "no-such.ron", "--out", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no-such.ron"));
}

#[path = "../crates/fiberplan-netbox/tests/common/mod.rs"]
mod fake_netbox;

#[test]
fn netbox_push_then_pull_over_the_api_and_a_second_push_changes_nothing() {
    let nb = fake_netbox::FakeNetbox::empty();
    let dir = tempfile::tempdir().unwrap();
    let token = dir.path().join("token");
    std::fs::write(&token, format!("{}\n", fake_netbox::V2_TOKEN)).unwrap();
    let token = token.to_str().unwrap();
    let design = "saved_designs/two-rack-leaf-servers.ron";
    let push = |extra: &[&str]| {
        let mut args = vec![
            "netbox",
            "push",
            design,
            "--url",
            &nb.url,
            "--token-file",
            token,
        ];
        args.extend_from_slice(extra);
        fiberplan(&args)
    };
    let o = push(&["--dry-run"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(stdout(&o).contains("would create cable"), "{}", stdout(&o));
    assert!(nb.writes().is_empty());
    let o = push(&[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(stdout(&o).contains("changes made"), "{}", stdout(&o));
    let o = push(&[]);
    assert!(
        stdout(&o).contains("NetBox already holds the design"),
        "{}",
        stdout(&o)
    );
    // Pull the site back into a design that checks like the original.
    let out = dir.path().join("pulled.ron");
    let pull = || {
        fiberplan(&[
            "netbox",
            "pull",
            "--url",
            &nb.url,
            "--token-file",
            token,
            "--site",
            "DC1",
            "--out",
            out.to_str().unwrap(),
        ])
    };
    let o = pull();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        stdout(&o).contains("0 objects not mapped"),
        "{}",
        stdout(&o)
    );
    let o = fiberplan(&["check", out.to_str().unwrap()]);
    let original = fiberplan(&["check", design]);
    assert_eq!(o.status.code(), original.status.code());
    // A second pull does not overwrite the design without --force.
    let o = pull();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
}

#[test]
fn netbox_push_with_a_bad_token_says_what_netbox_said_and_that_nothing_was_written() {
    let nb = fake_netbox::FakeNetbox::empty();
    let dir = tempfile::tempdir().unwrap();
    let token = dir.path().join("token");
    std::fs::write(&token, "nbt_AAAAAAAAAAAA.BBBB").unwrap();
    let o = fiberplan(&[
        "netbox",
        "push",
        "saved_designs/two-rack-leaf-servers.ron",
        "--url",
        &nb.url,
        "--token-file",
        token.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("Invalid v2 token") && err.contains("nothing was written"),
        "{err}"
    );
    // An empty token file is named.
    std::fs::write(&token, "").unwrap();
    let o = fiberplan(&[
        "netbox",
        "pull",
        "--url",
        &nb.url,
        "--token-file",
        token.to_str().unwrap(),
        "--site",
        "X",
        "--out",
        dir.path().join("x.ron").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("token file"));
}

/// Issue 17: `fiberplan upgrade` writes the upgraded design, which checks, and says what moves,
/// what cannot and why, what it costs and the trunks' fibers, also as Markdown beside it.
#[test]
fn upgrade_writes_a_design_whose_moved_links_pass_with_the_bom_delta_and_fibers_lit() {
    let dir = tempfile::tempdir().unwrap();
    let hall = dir.path().join("hall.ron");
    let o = fiberplan(&[
        "generate",
        "--racks",
        "4",
        "--faults",
        "0",
        hall.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let new = dir.path().join("hall-100g.ron");
    let o = fiberplan(&[
        "upgrade",
        hall.to_str().unwrap(),
        "--to",
        "100GBASE-SR4",
        "--out",
        new.to_str().unwrap(),
    ]);
    let out = stdout(&o);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.contains("links move to 100GBASE-SR4"), "{out}");
    assert!(out.contains("cannot move ("), "{out}");
    assert!(out.contains("trunk fibers lit:"), "{out}");
    // Cassettes out, MPO panels and MPO cords in, LC cords out: signed quantities.
    assert!(
        out.lines().any(|l| l.trim_start().starts_with('-')),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l.trim_start().starts_with('+')),
        "{out}"
    );
    let summary = std::fs::read_to_string(dir.path().join("hall-100g.upgrade.md")).unwrap();
    assert!(summary.contains("## Parts"), "{summary}");
    assert!(summary.contains("## Trunk fibers lit"), "{summary}");
    assert!(summary.contains("8 of 12"), "{summary}");
    // The moved links pass in the written design: the diff between the phases lists the
    // parts exchanged.
    let o = fiberplan(&["diff", hall.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!stdout(&o).is_empty());
    // An application the table does not have is a usage error naming it.
    let o = fiberplan(&[
        "upgrade",
        hall.to_str().unwrap(),
        "--to",
        "900GBASE-XX",
        "--out",
        dir.path().join("x.ron").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("900GBASE-XX"));
    assert!(!dir.path().join("x.ron").exists());
}

/// The window reads its design beside its own start-up; a design that cannot be read is still
/// the error reported, with its line, and not the window's (here there is no display at all).
#[test]
fn the_window_on_a_malformed_file_exits_2_naming_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, "(\n  format_version: 3,\n  name: 7,\n)\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_fiberplan"))
        .arg(&path)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{}:3:", path.display())),
        "names the file and line: {err}"
    );
}
