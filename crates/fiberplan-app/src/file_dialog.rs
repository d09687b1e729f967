//! Fiberplan's own file dialog, drawn inside the window. It serves where the desktop's file
//! chooser cannot open (no XDG portal, no zenity or kdialog, an error from the backend) and
//! for users who prefer it: the folder's subfolders and matching files, and a path field that
//! has the keyboard focus when the dialog opens, so typing a full path and Enter is enough.

use egui::{Color32, Key, Ui};
use std::path::{Path, PathBuf};

/// The kind of file a dialog asks for: a name for it and the file name ending it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFilter {
    /// What the files are, e.g. "Fiberplan design".
    pub name: String,
    /// The ending without the dot, e.g. `ron`.
    pub extension: String,
}

impl FileFilter {
    /// A filter for files named `*.extension`.
    pub fn new(name: &str, extension: &str) -> Self {
        FileFilter {
            name: name.to_owned(),
            extension: extension.to_owned(),
        }
    }

    /// Fiberplan designs (`.ron`).
    pub fn design() -> Self {
        FileFilter::new("Fiberplan design", "ron")
    }

    /// The filter for an export named like `name` (by its ending).
    pub fn for_file_name(name: &str) -> Self {
        let extension = Path::new(name)
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        let what = match extension.as_str() {
            "csv" => "CSV table",
            "md" => "Markdown report",
            "json" => "JSON report",
            "svg" => "SVG drawing",
            "ron" => "Fiberplan design",
            _ => "File",
        };
        FileFilter::new(what, &extension)
    }

    /// Whether `name` ends in this filter's extension.
    pub fn matches(&self, name: &str) -> bool {
        self.extension.is_empty()
            || Path::new(name)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case(&self.extension))
    }
}

/// Whether a dialog opens an existing file or names one to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogKind {
    /// Pick an existing file.
    Open,
    /// Name a file to write (existing or new).
    Save,
}

/// How a dialog ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogOutcome {
    /// The user chose this file.
    Chosen(PathBuf),
    /// The user cancelled.
    Cancelled,
}

/// One entry of the folder shown.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    name: String,
    is_dir: bool,
}

/// The subfolders of `dir` and its files that match `filter`, folders first, each sorted by
/// name; hidden entries (a leading dot) are left out.
fn list_dir(dir: &Path, filter: &FileFilter) -> std::io::Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let Ok(e) = e else { continue };
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let is_dir = e.path().is_dir();
        if is_dir || filter.matches(&name) {
            entries.push(Entry { name, is_dir });
        }
    }
    entries.sort_by(|a, b| b.is_dir.cmp(&a.is_dir).then_with(|| a.name.cmp(&b.name)));
    Ok(entries)
}

/// The state of an open built-in file dialog.
#[derive(Debug, Clone)]
pub struct BuiltinDialog {
    kind: DialogKind,
    title: String,
    filter: FileFilter,
    dir: PathBuf,
    entries: Vec<Entry>,
    listing_error: Option<String>,
    /// What the path field holds: a full path, or a name in `dir`.
    path: String,
    error: Option<String>,
    /// A file the user chose that exists, waiting for "replace it?".
    replace: Option<PathBuf>,
    focus_path: bool,
}

impl BuiltinDialog {
    /// A dialog titled `title` that opens a file of `filter` from `dir`.
    pub fn open(title: &str, filter: FileFilter, dir: PathBuf) -> Self {
        let path = format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR);
        BuiltinDialog::new(DialogKind::Open, title, filter, dir, path)
    }

    /// A dialog titled `title` that names a file of `filter` to write, in `dir` as
    /// `suggested_name` unless the user types another.
    pub fn save(title: &str, filter: FileFilter, dir: PathBuf, suggested_name: &str) -> Self {
        let path = dir.join(suggested_name).display().to_string();
        BuiltinDialog::new(DialogKind::Save, title, filter, dir, path)
    }

    fn new(kind: DialogKind, title: &str, filter: FileFilter, dir: PathBuf, path: String) -> Self {
        let mut d = BuiltinDialog {
            kind,
            title: title.to_owned(),
            filter,
            dir: PathBuf::new(),
            entries: Vec::new(),
            listing_error: None,
            path,
            error: None,
            replace: None,
            focus_path: true,
        };
        d.show_folder(dir);
        d
    }

    /// Whether it opens or saves.
    pub fn kind(&self) -> DialogKind {
        self.kind
    }

    /// The folder shown.
    pub fn folder(&self) -> &Path {
        &self.dir
    }

    /// Shows `dir`'s entries; a folder that cannot be read says why.
    fn show_folder(&mut self, dir: PathBuf) {
        match list_dir(&dir, &self.filter) {
            Ok(entries) => {
                self.entries = entries;
                self.listing_error = None;
            }
            Err(e) => {
                self.entries.clear();
                self.listing_error = Some(format!("Cannot read {}: {e}", dir.display()));
            }
        }
        self.dir = dir;
    }

    /// Moves to `dir`, keeping the file name typed so far for a save.
    fn go_to(&mut self, dir: PathBuf) {
        let name = match self.kind {
            DialogKind::Save => Path::new(&self.path)
                .file_name()
                .filter(|_| !Path::new(&self.path).is_dir())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            DialogKind::Open => String::new(),
        };
        self.path = if name.is_empty() {
            format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR)
        } else {
            dir.join(name).display().to_string()
        };
        self.error = None;
        self.replace = None;
        self.show_folder(dir);
        self.focus_path = true;
    }

    /// The path field as a path: `~` is the home folder, a relative path is in the folder
    /// shown.
    fn typed_path(&self) -> PathBuf {
        let text = self.path.trim();
        let home = std::env::var_os("HOME").map(PathBuf::from);
        let p = match (text.strip_prefix('~'), home) {
            (Some(""), Some(home)) => home,
            (Some(rest), Some(home)) if rest.starts_with('/') => home.join(&rest[1..]),
            _ => PathBuf::from(text),
        };
        if p.is_absolute() {
            p
        } else {
            self.dir.join(p)
        }
    }

    /// Takes what the path field says: a folder is shown, a file is chosen (a save adds the
    /// filter's ending when the name has none, and asks before replacing a file).
    fn submit(&mut self) -> Option<DialogOutcome> {
        if self.path.trim().is_empty() {
            self.error = Some("Type a file name or a full path.".to_owned());
            return None;
        }
        let mut p = self.typed_path();
        if p.is_dir() {
            self.go_to(p);
            return None;
        }
        match self.kind {
            DialogKind::Open => {
                if p.is_file() {
                    Some(DialogOutcome::Chosen(p))
                } else {
                    self.error = Some(format!("{} does not exist.", p.display()));
                    None
                }
            }
            DialogKind::Save => {
                if p.extension().is_none() && !self.filter.extension.is_empty() {
                    p.set_extension(&self.filter.extension);
                }
                let parent = p.parent().map(Path::to_path_buf).unwrap_or_default();
                if !parent.is_dir() {
                    self.error = Some(format!("The folder {} does not exist.", parent.display()));
                    return None;
                }
                if p.exists() && self.replace.as_ref() != Some(&p) {
                    self.replace = Some(p);
                    return None;
                }
                Some(DialogOutcome::Chosen(p))
            }
        }
    }

    /// Draws the dialog; returns how it ended, if it did this frame.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<DialogOutcome> {
        let mut outcome = None;
        let modal = egui::Modal::new(egui::Id::unique("fiberplan-file-dialog")).show(ctx, |ui| {
            ui.set_min_width(560.0);
            ui.heading(&self.title);
            outcome = self.body_ui(ui);
        });
        if outcome.is_none() && modal.should_close() {
            outcome = Some(DialogOutcome::Cancelled);
        }
        outcome
    }

    fn body_ui(&mut self, ui: &mut Ui) -> Option<DialogOutcome> {
        let mut outcome = None;
        ui.horizontal(|ui| {
            let up = self.dir.parent().map(Path::to_path_buf);
            if ui
                .add_enabled(up.is_some(), egui::Button::new("Parent folder"))
                .clicked()
            {
                if let Some(up) = up {
                    self.go_to(up);
                }
            }
            ui.label(format!("Folder: {}", self.dir.display()));
        });
        let mut go = None;
        egui::ScrollArea::vertical()
            .max_height(260.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                if let Some(e) = &self.listing_error {
                    ui.colored_label(Color32::from_rgb(225, 55, 55), e);
                }
                for e in &self.entries {
                    let text = if e.is_dir {
                        format!("{}/", e.name)
                    } else {
                        e.name.clone()
                    };
                    let r = ui.selectable_label(false, text);
                    if r.clicked() {
                        go = Some((e.clone(), false));
                    }
                    if r.double_clicked() {
                        go = Some((e.clone(), true));
                    }
                }
                if self.entries.is_empty() && self.listing_error.is_none() {
                    ui.weak(format!("No folders or {} files here.", self.filter.name));
                }
            });
        if let Some((e, double)) = go {
            let p = self.dir.join(&e.name);
            if e.is_dir {
                self.go_to(p);
            } else {
                self.path = p.display().to_string();
                self.replace = None;
                if double {
                    outcome = self.submit();
                }
            }
        }
        let enter = ui.horizontal(|ui| {
            let label = ui.label("Path");
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.path)
                    .desired_width(f32::INFINITY)
                    .hint_text(format!(
                        "a full path or a name, ending .{}",
                        self.filter.extension
                    )),
            );
            let field = field.labelled_by(label.id);
            if std::mem::take(&mut self.focus_path) {
                field.request_focus();
            }
            if field.changed() {
                self.error = None;
                self.replace = None;
            }
            field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter))
        });
        if enter.inner {
            outcome = outcome.or_else(|| self.submit());
        }
        if let Some(e) = &self.error {
            ui.colored_label(Color32::from_rgb(225, 55, 55), e);
        }
        if let Some(p) = &self.replace {
            ui.colored_label(
                Color32::from_rgb(240, 165, 30),
                format!(
                    "{} already exists. Press Enter or Replace to replace it.",
                    p.display()
                ),
            );
        }
        ui.horizontal(|ui| {
            let verb = match (self.kind, self.replace.is_some()) {
                (DialogKind::Open, _) => "Open",
                (DialogKind::Save, false) => "Save",
                (DialogKind::Save, true) => "Replace",
            };
            if ui.button(verb).clicked() {
                outcome = outcome.clone().or_else(|| self.submit());
            }
            if ui.button("Cancel").clicked() {
                outcome = Some(DialogOutcome::Cancelled);
            }
        });
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir(dir.path().join("sub")).expect("a subfolder");
        std::fs::write(dir.path().join("a.ron"), "x").expect("a design");
        std::fs::write(dir.path().join("b.csv"), "x").expect("a table");
        std::fs::write(dir.path().join(".hidden.ron"), "x").expect("a hidden file");
        dir
    }

    #[test]
    fn a_folder_lists_subfolders_then_matching_files() {
        let dir = folder();
        let names: Vec<String> = list_dir(dir.path(), &FileFilter::design())
            .expect("readable")
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["sub", "a.ron"]);
    }

    #[test]
    fn a_typed_name_without_an_ending_gets_the_filter_s() {
        let dir = folder();
        let mut d = BuiltinDialog::save("Save", FileFilter::design(), dir.path().into(), "x.ron");
        d.path = "new design".into();
        assert_eq!(
            d.submit(),
            Some(DialogOutcome::Chosen(dir.path().join("new design.ron")))
        );
    }

    #[test]
    fn saving_over_a_file_asks_first_and_a_missing_folder_is_named() {
        let dir = folder();
        let mut d = BuiltinDialog::save("Save", FileFilter::design(), dir.path().into(), "a.ron");
        assert_eq!(d.submit(), None);
        assert_eq!(d.replace, Some(dir.path().join("a.ron")));
        assert_eq!(
            d.submit(),
            Some(DialogOutcome::Chosen(dir.path().join("a.ron")))
        );
        d.path = dir.path().join("nope/x.ron").display().to_string();
        assert_eq!(d.submit(), None);
        assert!(d.error.as_deref().is_some_and(|e| e.contains("nope")));
    }

    #[test]
    fn a_typed_folder_is_shown_and_an_open_needs_an_existing_file() {
        let dir = folder();
        let mut d = BuiltinDialog::open("Open", FileFilter::design(), dir.path().into());
        d.path = "sub".into();
        assert_eq!(d.submit(), None);
        assert_eq!(d.folder(), dir.path().join("sub"));
        d.path = "missing.ron".into();
        assert_eq!(d.submit(), None);
        assert!(d.error.is_some());
        d.path = dir.path().join("a.ron").display().to_string();
        assert_eq!(
            d.submit(),
            Some(DialogOutcome::Chosen(dir.path().join("a.ron")))
        );
    }
}
