//! `--startup-timings`: how long each step of opening the window took, printed once the
//! first frame is on screen, after which the window closes. The figures split the time
//! between Fiberplan's own work (reading and checking the design, building the first frame)
//! and the window system's and graphics driver's start-up, which Fiberplan does not control.

use fiberplan_app::FiberplanApp;
use std::time::{Duration, Instant};

/// When each step of opening the window ended.
pub struct Milestones {
    /// The process started (the first line of `main`).
    pub began: Instant,
    /// The window was asked for.
    pub window_opening: Instant,
    /// The window and the renderer were ready (the driver's start-up done).
    pub window_ready: Instant,
    /// The design was read and checked (on its own thread, beside the window's start-up).
    pub design_ready: Instant,
    /// The app was built on the design.
    pub app_ready: Instant,
}

/// The app, timing its first frames.
pub struct Timed {
    app: FiberplanApp,
    at: Milestones,
    /// Time spent inside the first frame's `ui`, and when it ended.
    first_frame: Option<(Duration, Instant)>,
    /// The report was printed (closing takes a frame more).
    reported: bool,
}

impl Timed {
    /// Wraps `app`, opened at the milestones `at`.
    pub fn new(app: FiberplanApp, at: Milestones) -> Self {
        Timed {
            app,
            at,
            first_frame: None,
            reported: false,
        }
    }

    /// The report, once the first frame has been painted and presented (`shown`).
    fn report(&self, built: Duration, built_end: Instant, shown: Instant) -> String {
        let since = |t: Instant| ms(t.duration_since(self.at.began));
        let at = &self.at;
        // The design is read on its own thread: only the part of it the window waited for
        // after its own start-up delays the first frame.
        let waited_for_design = at.design_ready.saturating_duration_since(at.window_ready);
        let driver =
            at.window_ready.duration_since(at.window_opening) + shown.duration_since(built_end);
        let both_ready = at.design_ready.max(at.window_ready);
        let app = at.window_opening.duration_since(at.began)
            + waited_for_design
            + at.app_ready.saturating_duration_since(both_ready)
            + built;
        format!(
            "startup: window and renderer ready  {:>7.1} ms\n\
             startup: design read and checked    {:>7.1} ms\n\
             startup: first frame built          {:>7.1} ms\n\
             startup: first frame shown          {:>7.1} ms\n\
             startup: Fiberplan's share          {:>7.1} ms (of which the frame {:.1} ms)\n\
             startup: window system and driver   {:>7.1} ms\n",
            since(at.window_ready),
            since(at.design_ready),
            since(built_end),
            since(shown),
            ms(app),
            ms(built),
            ms(driver),
        )
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

impl eframe::App for Timed {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let start = Instant::now();
        self.app.ui(ui, frame);
        match self.first_frame {
            None => {
                let end = Instant::now();
                self.first_frame = Some((end.duration_since(start), end));
                // The next frame begins once this one has been painted and presented.
                ui.ctx().request_repaint();
            }
            Some(_) if self.reported => {}
            Some((built, built_end)) => {
                self.reported = true;
                let text = self.report(built, built_end, start);
                let _ = crate::exit::say(format_args!("{text}"));
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::App::save(&mut self.app, storage);
    }
}
