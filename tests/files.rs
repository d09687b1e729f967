//! Saving never costs the old file: atomic replace with a `.bak`, failures leave the old file
//! and the open design as they were, and a file changed by someone else is not overwritten
//! without asking.

mod common;

use common::{apps, Duplex};
use fiberplan::edit::{Document, Edit};
use fiberplan::io::{load_design, load_design_stamped, save_design, SaveError};
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
    let mut doc = Document::new(design, Some(path.clone()), apps());
    doc.disk_stamp = Some(stamp);
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
    let mut doc = Document::new(design, Some(path.clone()), apps());
    doc.disk_stamp = Some(stamp);
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
    assert_eq!(load_design(&path).unwrap(), doc.design);
    // Once saved, our own file is ours again: a second save goes through.
    doc.save_as(&path).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
