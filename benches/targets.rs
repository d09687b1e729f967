//! Opening a data hall (issue 18): every figure with its target, on generated halls
//! (`fiberplan generate --racks N --seed 1`, 1% faults), printed as one table.
//!
//! - `fiberplan check` end to end (the release binary: read, parse, repair check, full
//!   check, text report written to a file) of 200 and 1,000 racks, and the 1,000-rack run's
//!   peak resident memory;
//! - the full trace and check of the 200-rack hall in process, beside its floor: a bare pass
//!   over a table of the same fiber hops (each traced fiber followed node to node through a
//!   next-node table laid out as the check's graph is, summing a loss per hop), on the same
//!   two cores;
//! - the re-check after one edit, the save and the load of the 200-rack hall;
//! - the window from process start to the first frame showing the 200-rack hall, with
//!   Fiberplan's own share apart from the window system's and driver's (`fiberplan
//!   --startup-timings`), under the display in `DISPLAY` or, without one, a virtual X server
//!   (Xvfb) started for it when there is one.
//!
//! Each figure is the median of several runs; the criterion benches (`engine`) give the
//! spread. Run with `cargo bench --bench targets`.

// A bench's main is not public API.
#![allow(missing_docs)]

mod common;

use common::{flip_first_cord, hall};
use fiberplan_edit::apply;
use fiberplan_engine::catalog::ApplicationTable;
use fiberplan_engine::trace::{check, CheckMode, Report};
use fiberplan_io::{open_design, save_design};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One line of the table.
struct Figure {
    what: String,
    measured: String,
    target: String,
    met: Option<bool>,
}

fn figure(what: &str, measured: String, target: &str, met: Option<bool>) -> Figure {
    Figure {
        what: what.to_owned(),
        measured,
        target: target.to_owned(),
        met,
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The median time of `f`, with freeing what it made counted in (as criterion does, and as
/// opening another design frees the last one).
fn timed<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    // A few runs first, untimed, so caches, the thread pool and the allocator's thresholds
    // have settled (glibc raises its mmap threshold as large blocks are freed).
    for _ in 0..3 {
        drop(f());
    }
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                drop(f());
                t.elapsed()
            })
            .collect(),
    )
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

/// Runs `fiberplan check FILE` with its report written to a file; the wall time and the
/// peak resident memory of the process.
fn check_process(design: &Path, out: &Path) -> (Duration, Option<u64>) {
    let report = std::fs::File::create(out).expect("report file");
    let t = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_fiberplan"))
        .arg("check")
        .arg(design)
        .stdout(report)
        .stderr(Stdio::null())
        .spawn()
        .expect("fiberplan runs");
    let (status, peak) = wait_with_peak(child);
    let d = t.elapsed();
    assert!(
        matches!(status, 0 | 1),
        "fiberplan check exited with {status}"
    );
    (d, peak)
}

/// Waits for `child`; its exit status and peak resident memory in bytes where the OS says.
#[cfg(target_os = "linux")]
fn wait_with_peak(child: std::process::Child) -> (i32, Option<u64>) {
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `usage` is a plain C struct that wait4 fills in; the pid is our own child,
    // which nothing else waits for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4");
    std::mem::forget(child);
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    // ru_maxrss is in kilobytes on Linux.
    (code, Some(usage.ru_maxrss as u64 * 1024))
}

#[cfg(not(target_os = "linux"))]
fn wait_with_peak(mut child: std::process::Child) -> (i32, Option<u64>) {
    let status = child.wait().expect("wait");
    (status.code().unwrap_or(-1), None)
}

/// The floor of the full check: every traced fiber of `report` followed through a
/// next-node table (one entry per graph node of its piece, pieces one after another, as the
/// check lays them out) for as many hops as it has, summing a loss per hop, on the same
/// thread pool as the check. (Fibers are walked for their length, not to an end mark: two
/// fibers of a faulty channel meet head to head at a transmitter, which would close a loop.)
struct Floor {
    next: Vec<u32>,
    loss_db: Vec<f32>,
    starts: Vec<(u32, u32)>,
    hops: usize,
}

impl Floor {
    fn of(report: &Report) -> Floor {
        let mut offsets: std::collections::HashMap<u32, u32> = Default::default();
        let mut next: Vec<u32> = Vec::new();
        let mut starts = Vec::new();
        let mut hops = 0;
        for channel in report.channels().iter() {
            let piece = report.piece(channel);
            let base = *offsets.entry(channel.piece).or_insert_with(|| {
                let base = next.len() as u32;
                next.resize(next.len() + piece.graph.adjacency.len(), u32::MAX);
                base
            });
            for &t in &channel.traces {
                let path = piece.traces.path(t as usize);
                hops += path.len();
                for w in path.windows(2) {
                    next[base as usize + w[0].index()] = base + w[1].index() as u32;
                }
                if let Some(first) = path.first() {
                    starts.push((base + first.index() as u32, path.len() as u32));
                }
            }
        }
        let loss_db = (0..next.len()).map(|i| (i % 7) as f32 * 0.05).collect();
        Floor {
            next,
            loss_db,
            starts,
            hops,
        }
    }

    /// The pass: total loss of every fiber, and the hops walked.
    fn pass(&self) -> (f32, usize) {
        self.starts
            .par_chunks(1024)
            .map(|chunk| {
                let (mut loss, mut walked) = (0.0f32, 0usize);
                for &(start, len) in chunk {
                    let mut n = start;
                    for _ in 0..len {
                        loss += self.loss_db[n as usize];
                        walked += 1;
                        // A fiber's last node may lead on (into the fiber coming back).
                        n = self.next[n as usize].min(start);
                    }
                }
                (loss, walked)
            })
            .reduce(|| (0.0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    }
}

/// A virtual X server for the window's figure, stopped when dropped.
struct Display {
    name: String,
    server: Option<std::process::Child>,
}

impl Drop for Display {
    fn drop(&mut self) {
        if let Some(s) = &mut self.server {
            let _ = s.kill();
            let _ = s.wait();
        }
    }
}

/// The display to open the window on: `DISPLAY`, or a fresh Xvfb at 1600x1000.
fn display() -> Option<Display> {
    if let Ok(name) = std::env::var("DISPLAY") {
        return Some(Display { name, server: None });
    }
    let number = 90 + std::process::id() % 9;
    let server = Command::new("Xvfb")
        .arg(format!(":{number}"))
        .args(["-screen", "0", "1600x1000x24", "-nolisten", "tcp"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
    let t = Instant::now();
    while !socket.exists() && t.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(Display {
        name: format!(":{number}"),
        server: Some(server),
    })
}

/// `fiberplan --startup-timings FILE`: wall time to the first frame shown, and
/// Fiberplan's own share of it, as the window reports them.
fn window_first_frame(design: &Path, display: &str, data: &Path) -> Option<(Duration, Duration)> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fiberplan"));
    cmd.arg("--startup-timings")
        .arg(design)
        .env("DISPLAY", display)
        .env("XDG_RUNTIME_DIR", data)
        .env("XDG_DATA_HOME", data)
        .env("XDG_CONFIG_HOME", data)
        .env("FIBERPLAN_DATA_DIR", data)
        .stderr(Stdio::null());
    let lavapipe = Path::new("/usr/share/vulkan/icd.d/lvp_icd.x86_64.json");
    if std::env::var_os("VK_ICD_FILENAMES").is_none() && lavapipe.exists() {
        cmd.env("VK_ICD_FILENAMES", lavapipe);
    }
    let out = cmd.output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let field = |name: &str| -> Option<Duration> {
        let line = text.lines().find(|l| l.contains(name))?;
        let value: f64 = line
            .split_whitespace()
            .find_map(|w| w.parse::<f64>().ok())?;
        Some(Duration::from_secs_f64(value / 1e3))
    };
    Some((field("first frame shown")?, field("Fiberplan's share")?))
}

fn main() {
    // `cargo bench` passes `--bench` and any filter; a filter that does not name this
    // bench skips it.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if !filter.is_empty() && !filter.iter().any(|f| "targets".contains(f.as_str())) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let apps = ApplicationTable::builtin();
    let mut table: Vec<Figure> = Vec::new();

    let (design, _) = hall();
    let path_200 = dir.path().join("hall-200.ron");
    save_design(&design, &path_200).expect("save");
    // Written by another process, so this one's heap holds only what it measures.
    let path_1000 = dir.path().join("hall-1000.ron");
    let written = Command::new(env!("CARGO_BIN_EXE_fiberplan"))
        .args(["generate", "--racks", "1000", "--seed", "1"])
        .arg(&path_1000)
        .stdout(Stdio::null())
        .status()
        .expect("fiberplan generate runs");
    assert!(written.success(), "fiberplan generate: {written}");
    let out = dir.path().join("check.txt");

    let runs: Vec<Duration> = (0..7).map(|_| check_process(&path_200, &out).0).collect();
    let d = median(runs);
    table.push(figure(
        "fiberplan check, 200 racks, end to end",
        secs(d),
        "<= 0.40 s",
        Some(d.as_secs_f64() <= 0.4),
    ));
    let runs: Vec<(Duration, Option<u64>)> =
        (0..3).map(|_| check_process(&path_1000, &out)).collect();
    let d = median(runs.iter().map(|r| r.0).collect());
    table.push(figure(
        "fiberplan check, 1,000 racks, end to end",
        secs(d),
        "<= 2.00 s",
        Some(d.as_secs_f64() <= 2.0),
    ));
    let peak = runs.iter().filter_map(|r| r.1).max();
    table.push(match peak {
        Some(p) => figure(
            "fiberplan check, 1,000 racks, peak memory",
            format!("{} MB", p / 1_000_000),
            "<= 400 MB",
            Some(p <= 400_000_000),
        ),
        None => figure(
            "fiberplan check, 1,000 racks, peak memory",
            "not measured on this OS".to_owned(),
            "<= 400 MB",
            None,
        ),
    });

    let full = timed(21, || check(&design, &apps, CheckMode::Review));
    table.push(figure(
        "full trace and check, 200 racks",
        ms(full),
        "<= 20 ms",
        Some(full.as_secs_f64() <= 0.020),
    ));
    let report = check(&design, &apps, CheckMode::Review);
    let floor = Floor::of(&report);
    let walked = floor.pass().1;
    assert_eq!(
        walked, floor.hops,
        "the floor walks every hop of every fiber"
    );
    let bare = timed(31, || floor.pass());
    let ratio = full.as_secs_f64() / bare.as_secs_f64();
    table.push(figure(
        &format!("  floor: bare pass over {} fiber hops", floor.hops),
        format!("{} ({ratio:.1}x)", ms(bare)),
        "check within 3x",
        Some(ratio <= 3.0),
    ));

    let edit = flip_first_cord(&design);
    let mut edited = design.clone();
    apply(&mut edited, edit.clone()).expect("edit");
    let touched = edit.touched();
    let mut after = check(&edited, &apps, CheckMode::Review);
    let recheck = timed(201, || after.update(&edited, &apps, &touched));
    table.push(figure(
        "re-check after one edit, 200 racks",
        format!("{:.3} ms", recheck.as_secs_f64() * 1e3),
        "<= 1 ms",
        Some(recheck.as_secs_f64() <= 0.001),
    ));

    let saved = dir.path().join("saved.ron");
    let save = timed(9, || save_design(&design, &saved).expect("save"));
    table.push(figure(
        "save, 200 racks",
        ms(save),
        "<= 150 ms",
        Some(save.as_secs_f64() <= 0.150),
    ));
    let load = timed(9, || open_design(&path_200).expect("load"));
    table.push(figure(
        "  load and repair check, 200 racks",
        ms(load),
        "(part of check)",
        None,
    ));

    let window = display().and_then(|display| {
        let data = dir.path().join("window");
        std::fs::create_dir_all(&data).ok()?;
        let runs: Vec<(Duration, Duration)> = (0..3)
            .filter_map(|_| window_first_frame(&path_200, &display.name, &data))
            .collect();
        (!runs.is_empty()).then(|| {
            (
                median(runs.iter().map(|r| r.0).collect()),
                median(runs.iter().map(|r| r.1).collect()),
            )
        })
    });
    match window {
        Some((shown, own)) => {
            table.push(figure(
                "window: start to first frame, 200 racks",
                ms(shown),
                "<= 1500 ms",
                Some(shown.as_secs_f64() <= 1.5),
            ));
            table.push(figure(
                "  of which Fiberplan's own work",
                ms(own),
                "(the rest: X and driver)",
                None,
            ));
        }
        None => table.push(figure(
            "window: start to first frame, 200 racks",
            "not measured: no display and no Xvfb".to_owned(),
            "<= 1500 ms",
            None,
        )),
    }

    println!("\nOpening a data hall: figures and targets (issue 18)\n");
    println!("{:<46} {:>26}  {:<26} met", "figure", "measured", "target");
    for f in &table {
        let met = match f.met {
            Some(true) => "yes",
            Some(false) => "NO",
            None => "",
        };
        println!("{:<46} {:>26}  {:<26} {met}", f.what, f.measured, f.target);
    }
    println!();
}
