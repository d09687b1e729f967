//! Saving never leaves a torn file: the real `fiberplan` binary, killed with SIGKILL at
//! random points while it writes a large design over an old one, leaves on disk either the
//! whole old design or the whole new one, every time. A full disk gives a clear message and
//! keeps the design open, modified, and in its recovery file.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// Runs `fiberplan generate` for a hall of `racks` racks with `seed` into `out`, to the end.
fn generate(racks: u32, seed: u64, out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_fiberplan"))
        .args([
            "generate",
            "--racks",
            &racks.to_string(),
            "--seed",
            &seed.to_string(),
        ])
        .arg(out)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
}

/// A small deterministic generator of kill times, so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next_fraction(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(unix)]
#[test]
fn a_save_killed_at_any_point_leaves_the_old_design_or_the_new_one_whole() {
    const RACKS: u32 = 90;
    const KILLS: usize = 40;
    let dir = tempfile::tempdir().unwrap();
    let (old_file, new_file) = (dir.path().join("old.ron"), dir.path().join("new.ron"));
    generate(RACKS, 1, &old_file);
    generate(RACKS, 2, &new_file);
    let (old, new) = (
        std::fs::read(&old_file).unwrap(),
        std::fs::read(&new_file).unwrap(),
    );
    assert_ne!(old, new);

    // How long the save takes once it starts (a temporary file appears, or the design file
    // changes), so the kills fall anywhere in it rather than in the design's generation.
    let target = dir.path().join("hall.ron");
    let run = |target: &Path| {
        Command::new(env!("CARGO_BIN_EXE_fiberplan"))
            .args(["generate", "--racks", &RACKS.to_string(), "--seed", "2"])
            .arg(target)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let known = ["old.ron", "new.ron", "hall.ron", "hall.ron.bak"];
    let saving = |target: &Path| {
        let others = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .any(|e| !known.contains(&e.file_name().to_string_lossy().as_ref()));
        others || std::fs::metadata(target).map_or(true, |m| m.len() != old.len() as u64)
    };
    let wait_for_save = |child: &mut std::process::Child| {
        while !saving(&target) && child.try_wait().unwrap().is_none() {
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
    };
    std::fs::write(&target, &old).unwrap();
    let mut child = run(&target);
    wait_for_save(&mut child);
    let started = Instant::now();
    child.wait().unwrap();
    let window = started.elapsed();

    let mut times = Lcg(0x5eed);
    let (mut kept_old, mut got_new) = (0, 0);
    for i in 0..KILLS {
        std::fs::write(&target, &old).unwrap();
        let mut child = run(&target);
        wait_for_save(&mut child);
        let at = window.mul_f64(1.2 * times.next_fraction());
        std::thread::sleep(at);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        // A temporary file left by a killed save is harmless; clear it so the next run's
        // start is seen.
        for e in std::fs::read_dir(dir.path()).unwrap().flatten() {
            if !known.contains(&e.file_name().to_string_lossy().as_ref()) {
                let _ = std::fs::remove_file(e.path());
            }
        }
        let now = std::fs::read(&target).unwrap();
        if now == old {
            kept_old += 1;
        } else if now == new {
            got_new += 1;
        } else {
            panic!(
                "kill {i} at {at:?} into a {window:?} save left a torn file of {} bytes (old {}, new {})",
                now.len(),
                old.len(),
                new.len()
            );
        }
    }
    eprintln!(
        "{KILLS} kills within a {window:?} save: {kept_old} left the old design, {got_new} the new"
    );
    assert_eq!(kept_old + got_new, KILLS);
    assert!(kept_old > 0, "some kills landed before the rename");
}

/// Runs `f` with a tmpfs of `size` mounted at a fresh folder, which is unmounted after;
/// `None` where mounting is not allowed (only root may mount).
#[cfg(target_os = "linux")]
fn with_tiny_disk<T>(size: &str, f: impl FnOnce(&Path) -> T) -> Option<T> {
    let dir = tempfile::tempdir().unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(dir.path())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        return None;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.0).status();
        }
    }
    let _unmount = Unmount(dir.path());
    Some(f(dir.path()))
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_says_so_and_keeps_the_design_modified_and_in_its_recovery_file() {
    use common::apps;

    use fiberplan_app::dialogs::ScriptedDialogs;

    use fiberplan_edit::{Document, Edit};

    use fiberplan_generate::{generate as hall, GenerateOptions};
    use fiberplan_io::recovery::RecoveryStore;
    use fiberplan_io::{load_design_stamped, save_design};
    use fiberplan_model::{Design, Id};

    let recovery = tempfile::tempdir().unwrap();
    let ran = with_tiny_disk("64k", |disk| {
        // The file on the small disk holds an early, small state of the design; the
        // design open in the window has grown past what the disk can hold.
        let path = disk.join("hall.ron");
        save_design(&Design::new("hall"), &path).unwrap();
        let on_disk = std::fs::read(&path).unwrap();
        let (_, stamp) = load_design_stamped(&path).unwrap();
        let (large, _) = hall(GenerateOptions {
            racks: 8,
            seed: 1,
            fault_percent: 0.0,
        });
        let doc = Document::for_file(large, path.clone(), stamp, apps());
        let store = RecoveryStore::new(recovery.path().to_owned());
        let mut h = common::window::window_on(doc, ScriptedDialogs::default(), Some(store));
        h.run();
        let first = h.state().doc.design().racks[0].id.clone();
        h.state_mut().apply(
            "Relabel",
            Edit::Label {
                id: Id::from(first.as_str()),
                label: "A01 (edited)".into(),
            },
        );
        h.run();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
        h.run();
        let (notice, error) = h.state().notice.clone().unwrap_or_default();
        assert!(error, "shown as an error: {notice}");
        assert!(
            notice.contains(&path.display().to_string()) && notice.contains("No space left"),
            "names the file and the OS error: {notice}"
        );
        assert!(h.state().doc.is_modified(), "the design stays modified");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            on_disk,
            "the old file is whole"
        );
        h.state_mut().autosave_now();
        let own = h.state().autosave.as_ref().unwrap().file().to_owned();
        let kept = RecoveryStore::read(&own).unwrap();
        assert_eq!(
            &kept.design,
            h.state().doc.design(),
            "the work is in its recovery file"
        );
    });
    if ran.is_none() {
        // Only root may mount a small disk; CI runs as root and requires this test to run.
        assert!(
            std::env::var_os("FIBERPLAN_REQUIRE_MOUNT").is_none(),
            "FIBERPLAN_REQUIRE_MOUNT is set but a tmpfs could not be mounted"
        );
        eprintln!("skipped: mounting a small tmpfs needs root");
    }
}
