//! Saving never costs the old file: atomic replace with a `.bak`, failures leave the old file
//! and the open design as they were, and a file changed by someone else is not overwritten
//! without asking.

mod common;

use common::{apps, Duplex};
use fiberplan_edit::{Document, Edit};
use fiberplan_io::{load_design, load_design_stamped, save_design, SaveError};
use std::path::PathBuf;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fiberplan-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn saving_over_a_file_keeps_the_previous_one_as_bak() {
    let dir = temp_dir("bak");
    let path = dir.join("d.ron");
    let first = Duplex::method_b().build();
    save_design(&first, &path).unwrap();
    let mut second = first.clone();
    second.name = "second".into();
    save_design(&second, &path).unwrap();
    assert_eq!(load_design(&path).unwrap(), second);
    assert_eq!(load_design(&dir.join("d.ron.bak")).unwrap(), first);
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_failed_save_leaves_the_old_file_and_the_open_design_untouched() {
    let dir = temp_dir("failsave");
    let path = dir.join("d.ron");
    let first = Duplex::method_b().build();
    save_design(&first, &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    // The backup cannot be written (a folder is in its way), so the save must stop there.
    std::fs::create_dir(dir.join("d.ron.bak")).unwrap();
    let (design, stamp) = load_design_stamped(&path).unwrap();
    let mut doc = Document::for_file(design, path.clone(), stamp, apps());
    doc.apply(
        "relabel",
        Edit::Label {
            id: "CP1".into(),
            label: "changed".into(),
        },
    )
    .unwrap();
    let err = doc.save_as(&path).unwrap_err();
    assert!(err.to_string().contains("d.ron"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(doc.is_modified());
    // A folder that does not exist: refused, nothing written.
    let gone = dir.join("no/such/folder/d.ron");
    assert!(matches!(
        save_design(&first, &gone),
        Err(SaveError::Io { .. })
    ));
    assert!(!gone.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_without_asking() {
    let dir = temp_dir("conflict");
    let path = dir.join("d.ron");
    save_design(&Duplex::method_b().build(), &path).unwrap();
    let (design, stamp) = load_design_stamped(&path).unwrap();
    let mut doc = Document::for_file(design, path.clone(), stamp, apps());
    // Someone else saves a different design to the same file.
    let mut theirs = Duplex::method_a().build();
    theirs.name = "theirs".into();
    save_design(&theirs, &path).unwrap();
    doc.apply(
        "relabel",
        Edit::Label {
            id: "CP1".into(),
            label: "mine".into(),
        },
    )
    .unwrap();
    assert!(matches!(
        doc.save_as(&path),
        Err(SaveError::ChangedOnDisk { .. })
    ));
    assert_eq!(load_design(&path).unwrap(), theirs);
    assert!(doc.is_modified());
    doc.save_over(&path).unwrap();
    assert_eq!(&load_design(&path).unwrap(), doc.design());
    // Once saved, our own file is ours again: a second save goes through.
    doc.save_as(&path).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 5, migration 1 -> 2 (and on to 3): a format-1 file (ports as structs) opens as the
/// same design as its current counterpart, says what was upgraded, and is saved in the
/// current format.
#[test]
fn a_format_1_file_is_migrated_and_saved_in_the_current_format() {
    use fiberplan_io::open_design;
    let v1 = std::path::Path::new("tests/fixtures/format-1/two-rack-leaf-servers.ron");
    let text = std::fs::read_to_string(v1).unwrap();
    assert!(text.contains("format_version: 1,"));
    assert!(
        text.contains("side: Front,"),
        "the fixture spells ports as structs"
    );
    let opened = open_design(v1).unwrap();
    assert_eq!(opened.upgraded.len(), 2, "{:?}", opened.upgraded);
    assert!(
        opened.upgraded[0].contains("\"C1/R1\""),
        "{:?}",
        opened.upgraded
    );
    assert!(
        opened.upgraded[1].contains("specs table"),
        "{:?}",
        opened.upgraded
    );
    let current = load_design(std::path::Path::new(
        "saved_designs/two-rack-leaf-servers.ron",
    ))
    .unwrap();
    assert_eq!(opened.design, current);
    assert_eq!(opened.design.format_version, 3);

    let dir = temp_dir("migrate");
    let path = dir.join("upgraded.ron");
    save_design(&opened.design, &path).unwrap();
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("format_version: 3,"));
    assert!(saved.contains("Some(\"LEAF1/F1\")"), "ports as strings");
    assert!(!saved.contains("side: Front"));
    let again = open_design(&path).unwrap();
    assert!(again.upgraded.is_empty());
    assert_eq!(again.design, current);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 5, recovery files: what the autosave writes reads back whole, with its header, and
/// a recovery file that cannot be read is reported and kept, never deleted unasked.
#[test]
fn recovery_files_round_trip_and_unreadable_ones_are_kept() {
    use fiberplan_io::recovery::{RecoveryHeader, RecoveryStore};
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(dir.path().join("recovery"));
    let design = Duplex::method_b().build();
    // A file left by a process that no longer runs (pid 0 is never a user process).
    let left = store.dir().join("recovery-0.ron");
    let mut header =
        RecoveryHeader::now(Some("/designs/hall.ron".into()), None, "hall.ron".into(), 7);
    header.pid = 0;
    store.write(&left, &header, &design).unwrap();
    // This process's own file is never offered to itself.
    store
        .write(
            &store.own_file(),
            &RecoveryHeader::now(None, None, "mine".into(), 1),
            &design,
        )
        .unwrap();
    std::fs::write(store.dir().join("recovery-1.ron"), "garbage").unwrap();
    let (found, unreadable) = store.leftovers();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].path, left);
    assert_eq!(found[0].header, header);
    assert_eq!(found[0].design, design);
    assert_eq!(unreadable.len(), 1);
    assert!(unreadable[0].to_string().contains("recovery-1.ron"));
    assert!(store.dir().join("recovery-1.ron").exists());
}

/// Issue 5: saving into a read-only folder fails with the error shown, and leaves the old
/// file byte for byte and the design open and modified. Root writes into read-only folders
/// anyway, so as root this test runs itself again as the unprivileged user `nobody`.
#[test]
fn a_save_into_a_read_only_folder_fails_and_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt as _;
    const CHILD: &str = "FIBERPLAN_READ_ONLY_TEST_CHILD";
    let is_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    if is_root && std::env::var_os(CHILD).is_none() {
        // The checkout may sit where nobody cannot read (under /root): run a copy of this
        // test binary from a folder nobody can.
        let stage = tempfile::tempdir().unwrap();
        std::fs::set_permissions(stage.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let exe = stage.path().join("files-test");
        std::fs::copy(std::env::current_exe().unwrap(), &exe).unwrap();
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        let status = std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&exe)
            .args([
                "--exact",
                "a_save_into_a_read_only_folder_fails_and_keeps_the_old_file",
                "--nocapture",
            ])
            .env(CHILD, "1")
            .current_dir(stage.path())
            .status()
            .expect("setpriv (util-linux) runs the test as nobody");
        assert!(status.success(), "the test failed when run as nobody");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hall.ron");
    let first = Duplex::method_b().build();
    save_design(&first, &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let (design, stamp) = load_design_stamped(&path).unwrap();
    let mut doc = Document::for_file(design, path.clone(), stamp, apps());
    doc.apply(
        "relabel",
        Edit::Label {
            id: "T1".into(),
            label: "changed".into(),
        },
    )
    .unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let err = doc.save_as(&path).unwrap_err();
    let new_file = doc.save_as(&dir.path().join("other.ron")).unwrap_err();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(matches!(err, SaveError::Io { .. }), "{err}");
    assert!(err.to_string().contains("hall.ron"), "{err}");
    assert!(err.to_string().contains("ermission denied"), "{err}");
    assert!(new_file.to_string().contains("other.ron"), "{new_file}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "old file untouched");
    assert!(!dir.path().join("other.ron").exists());
    assert!(doc.is_modified(), "the design stays modified");
    assert_eq!(doc.path(), Some(path.as_path()));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        names.len(),
        1,
        "no temporary or backup file left: {names:?}"
    );
}

/// The mode bits of `path`.
#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

// Regression: a save over a file took the temporary file's 0600, so a design shared in a
// group folder became unreadable to the group.
#[cfg(unix)]
#[test]
fn saving_over_a_file_keeps_its_mode_and_the_bak_keeps_it_too() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ron");
    let design = Duplex::method_b().build();
    for wanted in [0o644, 0o640, 0o664, 0o600] {
        save_design(&design, &path).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(wanted)).unwrap();
        save_design(&design, &path).unwrap();
        assert_eq!(mode(&path), wanted, "saved over a {wanted:o} file");
        assert_eq!(mode(&dir.path().join("shared.ron.bak")), wanted, "its .bak");
    }
}

#[cfg(unix)]
#[test]
fn a_new_file_gets_the_mode_the_umask_gives_any_new_file() {
    let dir = tempfile::tempdir().unwrap();
    // What this process's umask makes of a new file, without changing the umask (it is
    // shared by every test thread).
    let plain = dir.path().join("plain");
    std::fs::File::create(&plain).unwrap();
    let path = dir.path().join("new.ron");
    save_design(&Duplex::method_b().build(), &path).unwrap();
    assert_eq!(mode(&path), mode(&plain));
}
