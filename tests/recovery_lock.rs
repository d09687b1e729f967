//! A window's recovery file is offered exactly when its window no longer runs: each window
//! holds an advisory lock for its life, which the OS drops when the process ends however it
//! ends. These tests live apart from any test that starts a process, since a child holds
//! its parent's open files (and so their locks) until it executes its program.

mod common;

use common::Duplex;

// Regression: a recovery file was offered only when no process had its writer's id, so a
// killed window whose id was reused (or a zombie) kept its work hidden.
#[test]
fn a_recovery_file_is_offered_when_its_window_is_gone_whatever_its_process_id() {
    use fiberplan_io::recovery::{RecoveryHeader, RecoveryStore};
    let dir = tempfile::tempdir().unwrap();
    let design = Duplex::method_b().build();
    let mut header = RecoveryHeader::now(None, None, "hall.ron".into(), 3);
    // Process 1 always runs: its id says nothing about the window that wrote the file.
    header.pid = 1;
    let left = dir.path().join("recovery-1-0.ron");
    let store = RecoveryStore::new(dir.path().to_owned());
    store.write(&left, &header, &design).unwrap();
    let (found, _) = RecoveryStore::new(dir.path().to_owned()).leftovers();
    assert_eq!(found.len(), 1, "offered although process 1 runs");
    assert_eq!(found[0].path, left);
}

#[test]
fn a_recovery_file_of_a_window_still_open_is_not_offered_until_it_closes() {
    use fiberplan_io::recovery::{RecoveryHeader, RecoveryStore};
    let dir = tempfile::tempdir().unwrap();
    let design = Duplex::method_b().build();
    let open = RecoveryStore::new(dir.path().to_owned());
    let lock = open.lock_own().unwrap();
    open.write(
        &open.own_file(),
        &RecoveryHeader::now(None, None, "open.ron".into(), 2),
        &design,
    )
    .unwrap();
    let later = RecoveryStore::new(dir.path().to_owned());
    assert!(later.leftovers().0.is_empty(), "its window still runs");
    // Only one window may hold a lock: a second taker is told so.
    assert!(RecoveryStore::lock_left(&open.own_file())
        .unwrap()
        .is_none());
    drop(lock);
    let (found, _) = later.leftovers();
    assert_eq!(found.len(), 1, "offered once its window closed");
    assert_eq!(found[0].path, open.own_file());
}
