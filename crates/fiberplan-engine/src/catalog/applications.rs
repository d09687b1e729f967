//! Application limits (IEEE 802.3 channel insertion loss and reach) and fiber attenuation,
//! loaded from `assets/applications.ron` so a user can add a row or correct a figure.

use fiberplan_model::FiberType;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Limits of one application on one fiber grade.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GradeLimit {
    /// Fiber grade the limits apply to.
    pub fiber: FiberType,
    /// Operating reach, metres.
    pub reach_m: f64,
    /// Maximum channel insertion loss, dB.
    pub max_loss_db: f64,
}

/// An application (a PMD of IEEE 802.3) with its limits per fiber grade.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Application {
    /// Name, e.g. `100GBASE-SR4`; transceivers refer to it.
    pub name: String,
    /// Wavelength used for fiber attenuation, nm.
    pub wavelength_nm: u16,
    /// Limits per grade. A grade that is missing is not supported by the application.
    pub limits: Vec<GradeLimit>,
    /// Where the figures come from.
    pub source: String,
}

impl Application {
    /// Limits for `fiber`, if the application supports that grade.
    pub fn limit(&self, fiber: FiberType) -> Option<&GradeLimit> {
        self.limits.iter().find(|l| l.fiber == fiber)
    }
}

/// Cable attenuation of one fiber type at one wavelength.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attenuation {
    /// Fiber type.
    pub fiber: FiberType,
    /// Wavelength, nm.
    pub wavelength_nm: u16,
    /// Attenuation, dB/km.
    pub db_per_km: f64,
    /// Where the figure comes from.
    pub source: String,
}

/// The applications table and attenuation figures the loss and reach checks use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationTable {
    /// Applications.
    pub applications: Vec<Application>,
    /// Attenuation figures.
    pub attenuation: Vec<Attenuation>,
}

/// The built-in table, compiled from `assets/applications.ron`.
pub const BUILTIN_APPLICATIONS_RON: &str = include_str!("../../../../assets/applications.ron");

impl ApplicationTable {
    /// The built-in table.
    ///
    /// The asset is compiled in and covered by a test, so a parse failure here is a build
    /// defect, not user input.
    pub fn builtin() -> Self {
        let parsed = ron::from_str(BUILTIN_APPLICATIONS_RON);
        parsed.expect("compiled-in assets/applications.ron parses") // ok: build asset
    }

    /// The application called `name`.
    pub fn get(&self, name: &str) -> Option<&Application> {
        self.applications.iter().find(|a| a.name == name)
    }

    /// Attenuation of `fiber` at `wavelength_nm`, dB/km.
    pub fn attenuation_db_per_km(&self, fiber: FiberType, wavelength_nm: u16) -> Option<f64> {
        self.attenuation
            .iter()
            .find(|a| a.fiber == fiber && a.wavelength_nm == wavelength_nm)
            .map(|a| a.db_per_km)
    }

    /// Adds or replaces rows from another table (a user's additions win).
    pub fn merge(&mut self, other: ApplicationTable) {
        for app in other.applications {
            match self.applications.iter_mut().find(|a| a.name == app.name) {
                Some(existing) => *existing = app,
                None => self.applications.push(app),
            }
        }
        for att in other.attenuation {
            match self
                .attenuation
                .iter_mut()
                .find(|a| a.fiber == att.fiber && a.wavelength_nm == att.wavelength_nm)
            {
                Some(existing) => *existing = att,
                None => self.attenuation.push(att),
            }
        }
    }

    /// Name -> index map, for the checks.
    pub fn index(&self) -> HashMap<&str, usize> {
        self.applications
            .iter()
            .enumerate()
            .map(|(i, a)| (a.name.as_str(), i))
            .collect()
    }
}
