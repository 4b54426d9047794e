//! The domain core in Python: `Registry`, `Agreement`, `Facility`, `Beneficiary`, `Period`.
//!
//! Plain data crosses as dicts in the core's wire form (snake_case keys, ISO dates or
//! `datetime.date`); only validated handles become classes.

use berdaya::agreement::{AgreementData, LifecycleEvent};
use berdaya::beneficiary::BeneficiaryData;
use berdaya::facility::Facility;
use berdaya::period::Period;
use berdaya::{
    Agency, Agreement, AgreementId, Beneficiary, BeneficiaryId, FacilityId, Partner, PartnerId,
    Registry,
};
use pyo3::prelude::*;

use crate::{date_arg, from_py, raise, to_py};

/// A calendar period, both ends included.
#[pyclass(name = "Period", module = "berdaya._native", frozen, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PyPeriod(pub Period);

#[pymethods]
impl PyPeriod {
    #[new]
    #[pyo3(signature = (start, end))]
    fn new(py: Python<'_>, start: &Bound<'_, PyAny>, end: &Bound<'_, PyAny>) -> PyResult<Self> {
        let from = date_arg(start, "start")?;
        let until = date_arg(end, "end")?;
        Period::new(from, until)
            .map(PyPeriod)
            .map_err(|e| raise(py, "PeriodError", &e, None))
    }

    /// First day.
    #[getter]
    fn start(&self) -> chrono::NaiveDate {
        self.0.from()
    }

    /// Last day (included).
    #[getter]
    fn end(&self) -> chrono::NaiveDate {
        self.0.until()
    }

    /// Whether `date` lies in the period.
    fn contains(&self, date: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.0.contains(date_arg(date, "date")?))
    }

    fn __repr__(&self) -> String {
        format!("Period({}, {})", self.0.from(), self.0.until())
    }
}

/// A cooperation agreement (MoU, umbrella agreement or PKS) with its dated lifecycle.
#[pyclass(name = "Agreement", module = "berdaya._native", eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyAgreement(pub Agreement);

impl PyAgreement {
    fn op(&mut self, py: Python<'_>, event: LifecycleEvent) -> PyResult<()> {
        self.0
            .apply(event)
            .map_err(|e| raise(py, "AgreementError", &e, None))
    }
}

#[pymethods]
impl PyAgreement {
    /// Validates an agreement from its wire form (a dict: id, kind, title, parties, period,
    /// clauses, commitments, history ...).
    #[new]
    fn new(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let data: AgreementData = from_py(data, "agreement")?;
        Agreement::new(data)
            .map(PyAgreement)
            .map_err(|e| raise(py, "AgreementError", &e, None))
    }

    /// The id.
    #[getter]
    fn id(&self) -> String {
        self.0.id().to_string()
    }

    /// `mou`, `kesepakatan_bersama`, `pks` or `implementing_arrangement`.
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.kind())
    }

    /// The status on `date` (`draft`, `negotiated`, `approved`, `signed`, `in_force`,
    /// `suspended`, `expired`, `terminated`, `extended`), a pure function of the history.
    fn status_on<'py>(
        &self,
        py: Python<'py>,
        date: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.status_on(date_arg(date, "date")?))
    }

    /// Whether the agreement is in force on `date`.
    fn in_force_on(&self, date: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.0.in_force_on(date_arg(date, "date")?))
    }

    /// The commitments as amended by `date`, as dicts.
    fn commitments_on<'py>(
        &self,
        py: Python<'py>,
        date: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.commitments_on(date_arg(date, "date")?))
    }

    /// The period as amended by `date`.
    fn period_on(&self, date: &Bound<'_, PyAny>) -> PyResult<PyPeriod> {
        Ok(PyPeriod(self.0.period_on(date_arg(date, "date")?)))
    }

    /// Applies a dated lifecycle event given as a dict, e.g.
    /// `{"on": date(2020, 9, 9), "event": "signed"}`. Illegal transitions raise
    /// `AgreementError` (code `agreement.illegal_transition`, ...) and change nothing.
    fn apply(&mut self, py: Python<'_>, event: &Bound<'_, PyAny>) -> PyResult<()> {
        let event: LifecycleEvent = from_py(event, "lifecycle event")?;
        self.op(py, event)
    }

    /// Records negotiation on `on`.
    fn negotiate(&mut self, py: Python<'_>, on: &Bound<'_, PyAny>) -> PyResult<()> {
        let on = date_arg(on, "on")?;
        self.0
            .negotiate(on)
            .map_err(|e| raise(py, "AgreementError", &e, None))
    }

    /// Records approval on `on`.
    fn approve(&mut self, py: Python<'_>, on: &Bound<'_, PyAny>) -> PyResult<()> {
        let on = date_arg(on, "on")?;
        self.0
            .approve(on)
            .map_err(|e| raise(py, "AgreementError", &e, None))
    }

    /// Records the signature on `on`.
    fn sign(&mut self, py: Python<'_>, on: &Bound<'_, PyAny>) -> PyResult<()> {
        let on = date_arg(on, "on")?;
        self.0
            .sign(on)
            .map_err(|e| raise(py, "AgreementError", &e, None))
    }

    /// Suspends the agreement from `on`.
    fn suspend(&mut self, py: Python<'_>, on: &Bound<'_, PyAny>, reason: &str) -> PyResult<()> {
        let on = date_arg(on, "on")?;
        self.0
            .suspend(on, reason)
            .map_err(|e| raise(py, "AgreementError", &e, None))
    }

    /// Resumes a suspended agreement on `on`.
    fn resume(&mut self, py: Python<'_>, on: &Bound<'_, PyAny>) -> PyResult<()> {
        let on = date_arg(on, "on")?;
        self.0
            .resume(on)
            .map_err(|e| raise(py, "AgreementError", &e, None))
    }

    /// Ends the agreement early on `on`.
    fn terminate(&mut self, py: Python<'_>, on: &Bound<'_, PyAny>, reason: &str) -> PyResult<()> {
        let on = date_arg(on, "on")?;
        self.0
            .terminate(on, reason)
            .map_err(|e| raise(py, "AgreementError", &e, None))
    }

    /// Marks the agreement extended by `successor` on `on`.
    fn extend(&mut self, py: Python<'_>, on: &Bound<'_, PyAny>, successor: &str) -> PyResult<()> {
        let on = date_arg(on, "on")?;
        let successor = AgreementId::new(successor)
            .map_err(|e| raise(py, "InputError", &e, Some(successor)))?;
        self.0
            .extend(on, successor)
            .map_err(|e| raise(py, "AgreementError", &e, None))
    }

    /// Checks that this PKS lies inside the period of its parent MoU.
    fn check_within_parent(&self, py: Python<'_>, parent: &Bound<'_, PyAgreement>) -> PyResult<()> {
        self.0
            .check_within_parent(&parent.borrow().0)
            .map_err(|e| raise(py, "AgreementError", &e, None))
    }

    /// The wire form (a dict) of the agreement, history included.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0)
    }

    fn __repr__(&self) -> String {
        format!("Agreement('{}')", self.0.id())
    }
}

/// A UPT (residential unit) with its visit restrictions.
#[pyclass(name = "Facility", module = "berdaya._native", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyFacility(pub Facility);

#[pymethods]
impl PyFacility {
    /// Validates a facility from its wire form (a dict).
    #[new]
    fn new(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        from_py(data, "facility").map(PyFacility)
    }

    /// The id.
    #[getter]
    fn id(&self) -> String {
        self.0.id.to_string()
    }

    /// Whether visitors of `category` (`family`, `official`, `public`) may visit on `date`.
    fn visits_allowed_on(
        &self,
        py: Python<'_>,
        date: &Bound<'_, PyAny>,
        category: &str,
    ) -> PyResult<bool> {
        let date = date_arg(date, "date")?;
        let category = parse_category(py, category)?;
        Ok(self.0.visits_allowed_on(date, category))
    }

    /// The wire form (a dict).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0)
    }

    fn __repr__(&self) -> String {
        format!("Facility('{}')", self.0.id)
    }
}

fn parse_category(py: Python<'_>, s: &str) -> PyResult<berdaya::VisitorCategory> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).map_err(|_| {
        crate::errors::bad_input(
            py,
            &format!("unknown visitor category `{s}`; expected family, official or public"),
        )
    })
}

/// A beneficiary (resident, alumnus or applicant). Its repr shows no personal data.
#[pyclass(name = "Beneficiary", module = "berdaya._native", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyBeneficiary(pub Beneficiary);

#[pymethods]
impl PyBeneficiary {
    /// Validates a beneficiary from its wire form (a dict).
    #[new]
    fn new(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let data: BeneficiaryData = from_py(data, "beneficiary")?;
        Beneficiary::new(data)
            .map(PyBeneficiary)
            .map_err(|e| raise(py, "BeneficiaryError", &e, None))
    }

    /// The id.
    #[getter]
    fn id(&self) -> String {
        self.0.id().to_string()
    }

    /// Facts derived as of `as_of` (age, care status, days in care, days since discharge,
    /// facility, decile, employment, deceased, warnings), as a dict.
    fn derived<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.derived(date_arg(as_of, "as_of")?))
    }

    /// The wire form (a dict). It holds personal data: the caller asks for it explicitly.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0)
    }

    fn __repr__(&self) -> String {
        format!("Beneficiary('{}')", self.0.id())
    }
}

/// The aggregate of agencies, facilities, partners, agreements and beneficiaries, with
/// referential integrity and a versioned JSON snapshot.
#[pyclass(name = "Registry", module = "berdaya._native")]
#[derive(Debug, Clone, Default)]
pub struct PyRegistry(pub Registry);

fn ids<T: ToString>(items: impl IntoIterator<Item = T>) -> Vec<String> {
    items.into_iter().map(|x| x.to_string()).collect()
}

#[pymethods]
impl PyRegistry {
    /// An empty registry.
    #[new]
    fn new() -> Self {
        PyRegistry(Registry::new())
    }

    /// Reads a JSON snapshot (older schema versions are migrated; newer ones are refused).
    #[staticmethod]
    fn from_json(py: Python<'_>, s: &str) -> PyResult<Self> {
        Registry::from_json(s)
            .map(PyRegistry)
            .map_err(|e| raise(py, "SnapshotError", &e, Some(s)))
    }

    /// The JSON snapshot (current `schema_version`).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        self.0
            .to_json()
            .map_err(|e| raise(py, "SnapshotError", &e, None))
    }

    /// Writes the snapshot to `path` (str or os.PathLike) atomically, in a checksummed
    /// envelope: a temporary file in the same directory, fsync, rename. Raises
    /// `SnapshotError` (`snapshot.io`).
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        py.detach(|| self.0.save(&path))
            .map_err(|e| raise(py, "SnapshotError", &e, None))
    }

    /// Reads and verifies a file written by `save`. Raises `SnapshotError`:
    /// `snapshot.not_found`, `snapshot.truncated`, `snapshot.corrupted` (with `.line` and
    /// `.bytes` in the message), `snapshot.checksum_mismatch`, `snapshot.bad_header`, or the
    /// snapshot's own codes.
    #[staticmethod]
    fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        py.detach(|| Registry::load(&path))
            .map(PyRegistry)
            .map_err(|e| raise(py, "SnapshotError", &e, None))
    }

    /// The snapshot in its checksummed envelope (what `save` writes).
    fn to_envelope(&self, py: Python<'_>) -> PyResult<String> {
        self.0
            .to_envelope()
            .map_err(|e| raise(py, "SnapshotError", &e, None))
    }

    /// Verifies an envelope and reads the snapshot in it.
    #[staticmethod]
    fn from_envelope(py: Python<'_>, text: &str) -> PyResult<Self> {
        Registry::from_envelope(text)
            .map(PyRegistry)
            .map_err(|e| raise(py, "SnapshotError", &e, None))
    }

    /// Erases the personal data of a beneficiary on `on` (UU 27/2022): keeps the id, the
    /// registration date and the care history; receipts about the person stay valid and
    /// replay as `subject_erased`. Raises `RegistryError` (`registry.not_found`).
    fn erase_personal_data(
        &mut self,
        py: Python<'_>,
        beneficiary: &str,
        on: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let id = BeneficiaryId::new(beneficiary)
            .map_err(|e| raise(py, "InputError", &e, Some(beneficiary)))?;
        let on = crate::date_arg(on, "on")?;
        self.0
            .erase_personal_data(&id, on)
            .map_err(|e| raise(py, "RegistryError", &e, None))
    }

    /// The day the beneficiary's personal data was erased, or None.
    fn erased_on(&self, beneficiary: &str) -> Option<chrono::NaiveDate> {
        let id = BeneficiaryId::new(beneficiary).ok()?;
        self.0.erased_on(&id)
    }

    /// The East Java scenario of 9 September 2020 (DOMAIN.md §6).
    #[staticmethod]
    fn east_java_2020(py: Python<'_>) -> PyResult<Self> {
        berdaya::scenario::east_java_2020()
            .map(PyRegistry)
            .map_err(|e| raise(py, "BerdayaError", &e, None))
    }

    /// Adds an agency (dict).
    fn add_agency(&mut self, py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<()> {
        let a: Agency = from_py(data, "agency")?;
        self.0
            .add_agency(a)
            .map_err(|e| raise(py, "RegistryError", &e, None))
    }

    /// Adds a facility (dict or `Facility`).
    fn add_facility(&mut self, py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<()> {
        let f = match data.cast::<PyFacility>() {
            Ok(f) => f.get().0.clone(),
            Err(_) => from_py(data, "facility")?,
        };
        self.0
            .add_facility(f)
            .map_err(|e| raise(py, "RegistryError", &e, None))
    }

    /// Adds a partner (dict).
    fn add_partner(&mut self, py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<()> {
        let p: Partner = from_py(data, "partner")?;
        self.0
            .add_partner(p)
            .map_err(|e| raise(py, "RegistryError", &e, None))
    }

    /// Adds an agreement (`Agreement` or dict).
    fn add_agreement(&mut self, py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<()> {
        let a = match data.cast::<PyAgreement>() {
            Ok(a) => a.borrow().0.clone(),
            Err(_) => PyAgreement::new(py, data)?.0,
        };
        self.0
            .add_agreement(a)
            .map_err(|e| raise(py, "RegistryError", &e, None))
    }

    /// Adds a beneficiary (`Beneficiary` or dict).
    fn add_beneficiary(&mut self, py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<()> {
        let b = match data.cast::<PyBeneficiary>() {
            Ok(b) => b.get().0.clone(),
            Err(_) => PyBeneficiary::new(py, data)?.0,
        };
        self.0
            .add_beneficiary(b)
            .map_err(|e| raise(py, "RegistryError", &e, None))
    }

    /// The agreement with this id, or None.
    fn agreement(&self, id: &str) -> Option<PyAgreement> {
        let id = AgreementId::new(id).ok()?;
        self.0.agreement(&id).cloned().map(PyAgreement)
    }

    /// The facility with this id, or None.
    fn facility(&self, id: &str) -> Option<PyFacility> {
        let id = FacilityId::new(id).ok()?;
        self.0.facility(&id).cloned().map(PyFacility)
    }

    /// The beneficiary with this id, or None.
    fn beneficiary(&self, id: &str) -> Option<PyBeneficiary> {
        let id = BeneficiaryId::new(id).ok()?;
        self.0.beneficiary(&id).cloned().map(PyBeneficiary)
    }

    /// The partner with this id as a dict, or None.
    fn partner<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        let Ok(id) = PartnerId::new(id) else {
            return Ok(None);
        };
        self.0.partner(&id).map(|p| to_py(py, p)).transpose()
    }

    /// Ids of all agreements, facilities, partners and beneficiaries.
    fn agreement_ids(&self) -> Vec<String> {
        ids(self.0.agreements().map(|a| a.id()))
    }

    /// Ids of all facilities.
    fn facility_ids(&self) -> Vec<String> {
        ids(self.0.facilities().map(|f| &f.id))
    }

    /// Ids of all partners.
    fn partner_ids(&self) -> Vec<String> {
        ids(self.0.partners().map(|p| &p.id))
    }

    /// Ids of all beneficiaries.
    fn beneficiary_ids(&self) -> Vec<String> {
        ids(self.0.beneficiaries().map(|b| b.id()))
    }

    /// Ids of the agreements in force on `date`.
    fn agreements_in_force_on(&self, date: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
        let date = date_arg(date, "date")?;
        Ok(ids(self
            .0
            .agreements_in_force_on(date)
            .into_iter()
            .map(|a| a.id())))
    }

    /// Agreements in force on `date` that end within `days` days: dicts `{agreement, until}`.
    fn agreements_expiring_within<'py>(
        &self,
        py: Python<'py>,
        date: &Bound<'_, PyAny>,
        days: u32,
    ) -> PyResult<Bound<'py, PyAny>> {
        let date = date_arg(date, "date")?;
        let rows: Vec<serde_json::Value> = self
            .0
            .agreements_expiring_within(date, days)
            .into_iter()
            .map(|(a, until)| serde_json::json!({"agreement": a.id(), "until": until}))
            .collect();
        to_py(py, &rows)
    }

    /// Commitments for `service` in force on `date`: dicts `{agreement, commitment}` (the whole commitment).
    fn commitments_by_service<'py>(
        &self,
        py: Python<'py>,
        service: &str,
        date: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let date = date_arg(date, "date")?;
        let service: berdaya::Service = serde_json::from_value(serde_json::Value::String(
            service.to_owned(),
        ))
        .map_err(|_| crate::errors::bad_input(py, &format!("unknown service `{service}`")))?;
        let rows: Vec<serde_json::Value> = self
            .0
            .commitments_by_service(service, date)
            .into_iter()
            .map(|(a, c)| serde_json::json!({"agreement": a.id(), "commitment": c}))
            .collect();
        to_py(py, &rows)
    }

    /// Ids of the facilities closed to `category` on `date`.
    fn facilities_closed_to(
        &self,
        py: Python<'_>,
        category: &str,
        date: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<String>> {
        let date = date_arg(date, "date")?;
        let category = parse_category(py, category)?;
        Ok(ids(self
            .0
            .facilities_closed_to(category, date)
            .into_iter()
            .map(|f| &f.id)))
    }

    /// Ids of the beneficiaries of `facility` with care status `status` as of `as_of`.
    fn beneficiaries_by(
        &self,
        py: Python<'_>,
        facility: &str,
        status: &str,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<String>> {
        let as_of = date_arg(as_of, "as_of")?;
        let facility =
            FacilityId::new(facility).map_err(|e| raise(py, "InputError", &e, Some(facility)))?;
        let status: berdaya::vocab::CareStatus = status
            .parse()
            .map_err(|e| raise(py, "InputError", &e, Some(status)))?;
        Ok(ids(self
            .0
            .beneficiaries_by(&facility, status, as_of)
            .into_iter()
            .map(|b| b.id())))
    }

    /// Counts by facility and care status as of `as_of`: dicts `{facility, care_status, count}`.
    fn care_counts<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let as_of = date_arg(as_of, "as_of")?;
        let mut rows = Vec::new();
        for (facility, by_status) in self.0.care_counts(as_of) {
            for (status, count) in by_status {
                rows.push(serde_json::json!({"facility": facility, "care_status": status, "count": count}));
            }
        }
        to_py(py, &rows)
    }

    /// Validation warnings as of `as_of`: dicts `{beneficiary, code}` (no personal data).
    fn warnings<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let as_of = date_arg(as_of, "as_of")?;
        let rows: Vec<serde_json::Value> = self
            .0
            .warnings(as_of)
            .into_iter()
            .map(|(id, w)| serde_json::json!({"beneficiary": id, "code": w.code()}))
            .collect();
        to_py(py, &rows)
    }

    fn __repr__(&self) -> String {
        format!(
            "Registry({} agreements, {} facilities, {} partners, {} beneficiaries)",
            self.0.agreements().count(),
            self.0.facilities().count(),
            self.0.partners().count(),
            self.0.beneficiaries().count()
        )
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPeriod>()?;
    m.add_class::<PyAgreement>()?;
    m.add_class::<PyFacility>()?;
    m.add_class::<PyBeneficiary>()?;
    m.add_class::<PyRegistry>()?;
    Ok(())
}
