//! File > Pull from NetBox… and Push to NetBox…: the command line's options in a window. The
//! request runs on a worker thread, so the window stays live while NetBox answers; a pulled
//! site opens as a new, unsaved design (after "save changes?" when the open one has some).

use super::*;
use fiberplan_netbox::pull::pull;
use fiberplan_netbox::push::push;
use fiberplan_netbox::rest::{authorization_from_file, Client};
use std::sync::mpsc::{channel, Receiver};

const URL_KEY: &str = "fiberplan.netbox.url";
const TOKEN_KEY: &str = "fiberplan.netbox.token_file";
const SITE_KEY: &str = "fiberplan.netbox.site";

/// Which way the NetBox window works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetboxDirection {
    /// Read a site into a new design.
    Pull,
    /// Send the open design.
    Push,
}

/// What the worker answered.
enum Outcome {
    Pulled(Box<fiberplan_netbox::to_design::Pulled>),
    Pushed(String),
    Failed(String),
}

/// The NetBox window's fields and its running request.
pub struct NetboxForm {
    /// Pull or push.
    pub direction: NetboxDirection,
    /// NetBox's root URL.
    pub url: String,
    /// The file holding the API token.
    pub token_file: String,
    /// The site to pull.
    pub site: String,
    /// Push: only say what would change.
    pub dry_run: bool,
    /// Whether the window is open.
    pub open: bool,
    job: Option<Receiver<Outcome>>,
    /// The last result, and whether it is an error.
    pub result: Option<(String, bool)>,
}

impl Default for NetboxForm {
    fn default() -> Self {
        NetboxForm {
            direction: NetboxDirection::Pull,
            url: String::new(),
            token_file: String::new(),
            site: String::new(),
            dry_run: true,
            open: false,
            job: None,
            result: None,
        }
    }
}

impl NetboxForm {
    /// Restores the last URL, token file and site.
    pub fn load(&mut self, storage: &dyn eframe::Storage) {
        for (key, field) in [
            (URL_KEY, &mut self.url),
            (TOKEN_KEY, &mut self.token_file),
            (SITE_KEY, &mut self.site),
        ] {
            if let Some(v) = storage.get_string(key) {
                *field = v;
            }
        }
    }

    /// Keeps the URL, token file and site (never the token itself).
    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        storage.set_string(URL_KEY, self.url.clone());
        storage.set_string(TOKEN_KEY, self.token_file.clone());
        storage.set_string(SITE_KEY, self.site.clone());
    }

    /// Whether a request is running.
    pub fn running(&self) -> bool {
        self.job.is_some()
    }
}

fn push_report(pushed: &fiberplan_netbox::push::Pushed, dry_run: bool, url: &str) -> String {
    let prefix = if dry_run { "would " } else { "" };
    let mut lines: Vec<String> = pushed
        .steps
        .iter()
        .map(|s| format!("{prefix}{s}"))
        .collect();
    lines.extend(pushed.warnings.iter().map(|w| format!("warning: {w}")));
    lines.insert(
        0,
        match (pushed.steps.len(), dry_run) {
            (0, _) => format!("{url} already holds the design."),
            (n, true) => format!("{n} changes would be made to {url}; nothing was written."),
            (n, false) => format!("{n} changes made to {url}."),
        },
    );
    lines.join("\n")
}

impl FiberplanApp {
    /// Opens the NetBox window for `direction`.
    pub fn open_netbox(&mut self, direction: NetboxDirection) {
        self.netbox.direction = direction;
        self.netbox.open = true;
        self.netbox.result = None;
    }

    fn start_netbox(&mut self, ctx: &egui::Context) {
        let form = &mut self.netbox;
        let auth = match authorization_from_file(std::path::Path::new(form.token_file.trim())) {
            Ok(a) => a,
            Err(e) => {
                form.result = Some((e.to_string(), true));
                return;
            }
        };
        let client = Client::new(form.url.trim(), &auth);
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        match form.direction {
            NetboxDirection::Pull => {
                let site = form.site.trim().to_owned();
                let catalog = self.catalog.clone();
                std::thread::spawn(move || {
                    let out = match pull(&client, &site, &catalog) {
                        Ok(p) => Outcome::Pulled(Box::new(p)),
                        Err(e) => Outcome::Failed(e.to_string()),
                    };
                    let _ = tx.send(out);
                    ctx.request_repaint();
                });
            }
            NetboxDirection::Push => {
                let plan = fiberplan_netbox::export::plan(self.doc.design());
                let dry_run = form.dry_run;
                std::thread::spawn(move || {
                    let out = match push(&client, &plan, dry_run) {
                        Ok(p) => Outcome::Pushed(push_report(&p, dry_run, client.url())),
                        Err(e) => {
                            let mut text = format!("NetBox refused: {e}");
                            if e.done.is_empty() {
                                text.push_str("\nNothing was written to NetBox.");
                            } else {
                                text.push_str(&format!(
                                    "\nNetBox holds part of the design: {} changes were made before the error. Push again once it is fixed (a push only changes what differs):",
                                    e.done.len()
                                ));
                                for s in &e.done {
                                    text.push_str(&format!("\n  {s}"));
                                }
                            }
                            Outcome::Failed(text)
                        }
                    };
                    let _ = tx.send(out);
                    ctx.request_repaint();
                });
            }
        }
        form.job = Some(rx);
        form.result = None;
    }

    fn finish_netbox(&mut self) {
        let Some(rx) = &self.netbox.job else { return };
        let Ok(outcome) = rx.try_recv() else { return };
        self.netbox.job = None;
        match outcome {
            Outcome::Failed(e) => self.netbox.result = Some((e, true)),
            Outcome::Pushed(text) => {
                let first = text.lines().next().unwrap_or_default().to_owned();
                self.netbox.result = Some((text, false));
                self.notify(first, false);
            }
            Outcome::Pulled(p) => {
                let d = &p.design;
                let mut text = format!(
                    "Pulled site {} from {}: {} racks, {} devices, {} modules, {} cables.",
                    self.netbox.site.trim(),
                    self.netbox.url.trim(),
                    d.racks.len(),
                    d.enclosures.len() + d.equipment.len(),
                    d.modules.len(),
                    d.cables.len()
                );
                if p.unmapped.is_empty() {
                    text.push_str(" Everything was mapped.");
                } else {
                    text.push_str(&format!(" Not mapped ({}):", p.unmapped.len()));
                    for u in &p.unmapped {
                        text.push_str(&format!("\n  {u}"));
                    }
                }
                let first = text.lines().next().unwrap_or_default().to_owned();
                self.netbox.result = Some((text, false));
                self.guarded(Pending::Pulled(Box::new(p.design), first));
            }
        }
    }

    /// Makes a pulled design the open one: new and unsaved, so closing it asks first.
    pub(super) fn adopt_pulled(&mut self, design: Design, notice: String) {
        let name = design.name.clone();
        let mut doc = Document::new(design, None, self.apps.clone());
        doc.set_untitled_name(format!("{name} (from NetBox)"));
        doc.mark_unsaved();
        self.show(doc);
        self.notify(notice, false);
    }

    /// The NetBox window, when open.
    pub(super) fn netbox_ui(&mut self, ui: &mut Ui) {
        self.finish_netbox();
        if !self.netbox.open {
            return;
        }
        let ctx = ui.ctx().clone();
        let mut open = true;
        let mut go = false;
        let title = match self.netbox.direction {
            NetboxDirection::Pull => "Pull from NetBox",
            NetboxDirection::Push => "Push to NetBox",
        };
        egui::Window::new(title)
            .open(&mut open)
            .collapsible(false)
            .default_width(560.0)
            // Below the menu bar, as Find: a window at the top left would cover File.
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
            .show(&ctx, |ui| {
                let form = &mut self.netbox;
                match form.direction {
                    NetboxDirection::Pull => ui.label(
                        "Reads a site's racks, devices, modules, ports and cables into a new design. Types that are catalog parts become those parts; others keep what NetBox does not state as unconfirmed.",
                    ),
                    NetboxDirection::Push => ui.label(
                        "Creates or updates, by name, every object of this design in NetBox. A second push changes nothing; a cable whose ends or profile changed is deleted and created again.",
                    ),
                };
                egui::Grid::new("netbox-form").num_columns(2).show(ui, |ui| {
                    let l = ui.label("NetBox URL");
                    ui.add(
                        egui::TextEdit::singleline(&mut form.url)
                            .hint_text("https://netbox.example.com")
                            .desired_width(380.0),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label("Token file");
                    ui.add(
                        egui::TextEdit::singleline(&mut form.token_file)
                            .hint_text("a file holding nbt_… (v2) or a v1 token")
                            .desired_width(380.0),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                    if form.direction == NetboxDirection::Pull {
                        let l = ui.label("Site");
                        ui.add(
                            egui::TextEdit::singleline(&mut form.site)
                                .hint_text("name or slug")
                                .desired_width(380.0),
                        )
                        .labelled_by(l.id);
                        ui.end_row();
                    }
                });
                if form.direction == NetboxDirection::Push {
                    ui.checkbox(&mut form.dry_run, "Dry run: list the changes, write nothing");
                }
                let ready = !form.url.trim().is_empty()
                    && !form.token_file.trim().is_empty()
                    && (form.direction == NetboxDirection::Push || !form.site.trim().is_empty());
                ui.horizontal(|ui| {
                    let label = match (form.direction, form.dry_run) {
                        (NetboxDirection::Pull, _) => "Pull",
                        (NetboxDirection::Push, true) => "Show changes",
                        (NetboxDirection::Push, false) => "Push",
                    };
                    let allowed = ready && !form.running();
                    if ui.add_enabled(allowed, egui::Button::new(label)).clicked() {
                        go = true;
                    }
                    if form.running() {
                        ui.spinner();
                        ui.label("Waiting for NetBox…");
                    }
                });
                if let Some((text, error)) = &form.result {
                    ui.separator();
                    let colour = if *error {
                        ui.visuals().error_fg_color
                    } else {
                        ui.visuals().text_color()
                    };
                    egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                        ui.add(egui::Label::new(egui::RichText::new(text).monospace().color(colour)).wrap());
                    });
                }
            });
        if go {
            self.start_netbox(&ctx);
        }
        if !open {
            self.netbox.open = false;
        }
    }
}
