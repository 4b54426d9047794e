//! The domain core in JS: `Registry`, `Agreement`, `Facility`, `Beneficiary`, `Period`.
//!
//! Plain data crosses as plain objects in the core's wire form (snake_case keys, ISO date
//! strings); only validated handles become classes.

use berdaya::agreement::{AgreementData, LifecycleEvent};
use berdaya::beneficiary::BeneficiaryData;
use berdaya::facility::Facility as CoreFacility;
use berdaya::period::Period as CorePeriod;
use berdaya::{
    Agency, Agreement as CoreAgreement, AgreementId, Beneficiary as CoreBeneficiary, BeneficiaryId,
    Coded, FacilityId, Partner, PartnerId, Registry as CoreRegistry,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::errors::{bad_argument, date_arg, throw};

/// Reads a plain JS object in the core's wire form.
pub(crate) fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        crate::errors::from_report(&berdaya::ErrorReport {
            code: "input.invalid".to_owned(),
            message: format!("invalid {what}: {e}"),
            help: None,
            field: Some(what.to_owned()),
            span: None,
        })
    })
}

/// Writes a value as plain JS objects (maps as objects, dates as ISO strings).
pub(crate) fn to_plain<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| bad_argument("result", &format!("serialisable ({e})")))
}

fn coded(err: &dyn Coded) -> JsValue {
    throw(err, None)
}

/// A calendar period, both ends included.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Period(CorePeriod);

#[wasm_bindgen]
impl Period {
    /// A period from `start` to `end` (ISO strings or `Date`s), both included.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string | Date")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] end: JsValue,
    ) -> Result<Period, JsValue> {
        let from = date_arg(&start, "start")?;
        let until = date_arg(&end, "end")?;
        CorePeriod::new(from, until)
            .map(Period)
            .map_err(|e| coded(&e))
    }

    /// First day, ISO.
    #[wasm_bindgen(getter)]
    pub fn start(&self) -> String {
        self.0.from().to_string()
    }

    /// Last day (included), ISO.
    #[wasm_bindgen(getter)]
    pub fn end(&self) -> String {
        self.0.until().to_string()
    }

    /// Whether `date` lies in the period.
    pub fn contains(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] date: JsValue,
    ) -> Result<bool, JsValue> {
        Ok(self.0.contains(date_arg(&date, "date")?))
    }
}

/// A cooperation agreement (MoU, umbrella agreement or PKS) with its dated lifecycle.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Agreement(pub(crate) CoreAgreement);

#[wasm_bindgen]
impl Agreement {
    /// Validates an agreement from its wire form (a plain object).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "AgreementData")] data: JsValue,
    ) -> Result<Agreement, JsValue> {
        let data: AgreementData = from_js(data, "agreement")?;
        CoreAgreement::new(data)
            .map(Agreement)
            .map_err(|e| coded(&e))
    }

    /// The id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.0.id().to_string()
    }

    /// The kind (`mou`, `kesepakatan_bersama`, `pks`, `implementing_arrangement`).
    #[wasm_bindgen(getter, unchecked_return_type = "AgreementKind")]
    pub fn kind(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.0.kind())
    }

    /// The status on `date`, a pure function of the history.
    #[wasm_bindgen(js_name = statusOn, unchecked_return_type = "AgreementStatus")]
    pub fn status_on(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] date: JsValue,
    ) -> Result<JsValue, JsValue> {
        to_plain(&self.0.status_on(date_arg(&date, "date")?))
    }

    /// Whether the agreement is in force on `date`.
    #[wasm_bindgen(js_name = inForceOn)]
    pub fn in_force_on(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] date: JsValue,
    ) -> Result<bool, JsValue> {
        Ok(self.0.in_force_on(date_arg(&date, "date")?))
    }

    /// The commitments as amended by `date`.
    #[wasm_bindgen(js_name = commitmentsOn, unchecked_return_type = "Commitment[]")]
    pub fn commitments_on(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] date: JsValue,
    ) -> Result<JsValue, JsValue> {
        to_plain(&self.0.commitments_on(date_arg(&date, "date")?))
    }

    /// The period as amended by `date`.
    #[wasm_bindgen(js_name = periodOn)]
    pub fn period_on(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] date: JsValue,
    ) -> Result<Period, JsValue> {
        Ok(Period(self.0.period_on(date_arg(&date, "date")?)))
    }

    /// Applies a dated lifecycle event, e.g. `{on: "2020-09-09", event: "signed"}`. An
    /// illegal transition throws and changes nothing.
    pub fn apply(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "LifecycleEvent")] event: JsValue,
    ) -> Result<(), JsValue> {
        let event: LifecycleEvent = from_js(event, "lifecycle event")?;
        self.0.apply(event).map_err(|e| coded(&e))
    }

    /// Records negotiation on `on`.
    pub fn negotiate(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] on: JsValue,
    ) -> Result<(), JsValue> {
        self.0
            .negotiate(date_arg(&on, "on")?)
            .map_err(|e| coded(&e))
    }

    /// Records approval on `on`.
    pub fn approve(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] on: JsValue,
    ) -> Result<(), JsValue> {
        self.0.approve(date_arg(&on, "on")?).map_err(|e| coded(&e))
    }

    /// Records the signature on `on`.
    pub fn sign(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] on: JsValue,
    ) -> Result<(), JsValue> {
        self.0.sign(date_arg(&on, "on")?).map_err(|e| coded(&e))
    }

    /// Suspends from `on`.
    pub fn suspend(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] on: JsValue,
        reason: &str,
    ) -> Result<(), JsValue> {
        self.0
            .suspend(date_arg(&on, "on")?, reason)
            .map_err(|e| coded(&e))
    }

    /// Resumes on `on`.
    pub fn resume(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] on: JsValue,
    ) -> Result<(), JsValue> {
        self.0.resume(date_arg(&on, "on")?).map_err(|e| coded(&e))
    }

    /// Ends early on `on`.
    pub fn terminate(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] on: JsValue,
        reason: &str,
    ) -> Result<(), JsValue> {
        self.0
            .terminate(date_arg(&on, "on")?, reason)
            .map_err(|e| coded(&e))
    }

    /// Marks the agreement extended by `successor` on `on`.
    pub fn extend(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] on: JsValue,
        successor: &str,
    ) -> Result<(), JsValue> {
        let on = date_arg(&on, "on")?;
        let successor = AgreementId::new(successor).map_err(|e| throw(&e, Some(successor)))?;
        self.0.extend(on, successor).map_err(|e| coded(&e))
    }

    /// Checks that this PKS lies inside the period of its parent MoU.
    #[wasm_bindgen(js_name = checkWithinParent)]
    pub fn check_within_parent(&self, parent: &Agreement) -> Result<(), JsValue> {
        self.0.check_within_parent(&parent.0).map_err(|e| coded(&e))
    }

    /// Whether two agreements are equal (same data and history).
    pub fn equals(&self, other: &Agreement) -> bool {
        self.0 == other.0
    }

    /// The wire form, history included.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "AgreementData")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.0)
    }
}

/// A UPT (residential unit) with its visit restrictions.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Facility(CoreFacility);

fn category(s: &str) -> Result<berdaya::VisitorCategory, JsValue> {
    serde_json::from_value(serde_json::Value::String(s.to_owned()))
        .map_err(|_| bad_argument("category", "`family`, `official` or `public`"))
}

#[wasm_bindgen]
impl Facility {
    /// Validates a facility from its wire form.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "FacilityData")] data: JsValue,
    ) -> Result<Facility, JsValue> {
        from_js(data, "facility").map(Facility)
    }

    /// The id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.0.id.to_string()
    }

    /// Whether visitors of `category` (`family`, `official`, `public`) may visit on `date`.
    #[wasm_bindgen(js_name = visitsAllowedOn)]
    pub fn visits_allowed_on(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] date: JsValue,
        #[wasm_bindgen(unchecked_param_type = "VisitorCategory")] category_name: &str,
    ) -> Result<bool, JsValue> {
        Ok(self
            .0
            .visits_allowed_on(date_arg(&date, "date")?, category(category_name)?))
    }

    /// The wire form.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "FacilityData")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.0)
    }
}

/// A beneficiary. `toString()` shows only the id.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Beneficiary(CoreBeneficiary);

#[wasm_bindgen]
impl Beneficiary {
    /// Validates a beneficiary from its wire form.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "BeneficiaryData")] data: JsValue,
    ) -> Result<Beneficiary, JsValue> {
        let data: BeneficiaryData = from_js(data, "beneficiary")?;
        CoreBeneficiary::new(data)
            .map(Beneficiary)
            .map_err(|e| coded(&e))
    }

    /// The id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.0.id().to_string()
    }

    /// Facts derived as of `asOf`.
    #[wasm_bindgen(unchecked_return_type = "DerivedFacts")]
    pub fn derived(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
    ) -> Result<JsValue, JsValue> {
        to_plain(&self.0.derived(date_arg(&as_of, "asOf")?))
    }

    /// The wire form. It holds personal data: call it only when you need it.
    #[wasm_bindgen(js_name = toData, unchecked_return_type = "BeneficiaryData")]
    pub fn to_data(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.0)
    }

    /// `Beneficiary(<id>)`: no personal data.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!("Beneficiary({})", self.0.id())
    }

    /// `JSON.stringify` gives only the id; use `toData()` for the record.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> String {
        self.0.id().to_string()
    }
}

impl Beneficiary {
    /// The core beneficiary (for other exports of this crate).
    pub(crate) fn core(&self) -> &CoreBeneficiary {
        &self.0
    }
}

/// Agencies, facilities, partners, agreements and beneficiaries, kept consistent, with a
/// versioned JSON snapshot.
#[wasm_bindgen]
#[derive(Debug, Clone, Default)]
pub struct Registry(pub(crate) CoreRegistry);

fn ids<T: ToString>(items: impl IntoIterator<Item = T>) -> Vec<String> {
    items.into_iter().map(|x| x.to_string()).collect()
}

impl Registry {
    /// The core registry (for other exports of this crate).
    pub(crate) fn core(&self) -> &CoreRegistry {
        &self.0
    }
}

#[wasm_bindgen]
impl Registry {
    /// An empty registry.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Registry {
        Registry(CoreRegistry::new())
    }

    /// Reads a JSON snapshot.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(s: &str) -> Result<Registry, JsValue> {
        CoreRegistry::from_json(s)
            .map(Registry)
            .map_err(|e| throw(&e, Some(s)))
    }

    /// The JSON snapshot.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> Result<String, JsValue> {
        self.0.to_json().map_err(|e| coded(&e))
    }

    /// The East Java scenario of 9 September 2020.
    #[wasm_bindgen(js_name = eastJava2020)]
    pub fn east_java_2020() -> Result<Registry, JsValue> {
        berdaya::scenario::east_java_2020()
            .map(Registry)
            .map_err(|e| coded(&e))
    }

    /// Adds an agency.
    #[wasm_bindgen(js_name = addAgency)]
    pub fn add_agency(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Agency")] data: JsValue,
    ) -> Result<(), JsValue> {
        let a: Agency = from_js(data, "agency")?;
        self.0.add_agency(a).map_err(|e| coded(&e))
    }

    /// Adds a facility (wire form).
    #[wasm_bindgen(js_name = addFacility)]
    pub fn add_facility(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "FacilityData")] data: JsValue,
    ) -> Result<(), JsValue> {
        let f: CoreFacility = from_js(data, "facility")?;
        self.0.add_facility(f).map_err(|e| coded(&e))
    }

    /// Adds a partner.
    #[wasm_bindgen(js_name = addPartner)]
    pub fn add_partner(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Partner")] data: JsValue,
    ) -> Result<(), JsValue> {
        let p: Partner = from_js(data, "partner")?;
        self.0.add_partner(p).map_err(|e| coded(&e))
    }

    /// Adds an agreement.
    #[wasm_bindgen(js_name = addAgreement)]
    pub fn add_agreement(&mut self, agreement: &Agreement) -> Result<(), JsValue> {
        self.0
            .add_agreement(agreement.0.clone())
            .map_err(|e| coded(&e))
    }

    /// Adds a beneficiary.
    #[wasm_bindgen(js_name = addBeneficiary)]
    pub fn add_beneficiary(&mut self, beneficiary: &Beneficiary) -> Result<(), JsValue> {
        self.0
            .add_beneficiary(beneficiary.0.clone())
            .map_err(|e| coded(&e))
    }

    /// The agreement with this id.
    pub fn agreement(&self, id: &str) -> Option<Agreement> {
        let id = AgreementId::new(id).ok()?;
        self.0.agreement(&id).cloned().map(Agreement)
    }

    /// The facility with this id.
    pub fn facility(&self, id: &str) -> Option<Facility> {
        let id = FacilityId::new(id).ok()?;
        self.0.facility(&id).cloned().map(Facility)
    }

    /// The beneficiary with this id.
    pub fn beneficiary(&self, id: &str) -> Option<Beneficiary> {
        let id = BeneficiaryId::new(id).ok()?;
        self.0.beneficiary(&id).cloned().map(Beneficiary)
    }

    /// The partner with this id, as a plain object.
    #[wasm_bindgen(unchecked_return_type = "Partner | undefined")]
    pub fn partner(&self, id: &str) -> Result<JsValue, JsValue> {
        let Ok(id) = PartnerId::new(id) else {
            return Ok(JsValue::UNDEFINED);
        };
        match self.0.partner(&id) {
            Some(p) => to_plain(p),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Ids of all agreements.
    #[wasm_bindgen(js_name = agreementIds)]
    pub fn agreement_ids(&self) -> Vec<String> {
        ids(self.0.agreements().map(|a| a.id()))
    }

    /// Ids of all facilities.
    #[wasm_bindgen(js_name = facilityIds)]
    pub fn facility_ids(&self) -> Vec<String> {
        ids(self.0.facilities().map(|f| &f.id))
    }

    /// Ids of all partners.
    #[wasm_bindgen(js_name = partnerIds)]
    pub fn partner_ids(&self) -> Vec<String> {
        ids(self.0.partners().map(|p| &p.id))
    }

    /// Ids of all beneficiaries.
    #[wasm_bindgen(js_name = beneficiaryIds)]
    pub fn beneficiary_ids(&self) -> Vec<String> {
        ids(self.0.beneficiaries().map(|b| b.id()))
    }

    /// Ids of the agreements in force on `date`.
    #[wasm_bindgen(js_name = agreementsInForceOn)]
    pub fn agreements_in_force_on(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] date: JsValue,
    ) -> Result<Vec<String>, JsValue> {
        let date = date_arg(&date, "date")?;
        Ok(ids(self
            .0
            .agreements_in_force_on(date)
            .into_iter()
            .map(|a| a.id())))
    }

    /// Agreements in force on `date` that end within `days` days.
    #[wasm_bindgen(js_name = agreementsExpiringWithin, unchecked_return_type = "{ agreement: string; until: string }[]")]
    pub fn agreements_expiring_within(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] date: JsValue,
        days: u32,
    ) -> Result<JsValue, JsValue> {
        let date = date_arg(&date, "date")?;
        let rows: Vec<serde_json::Value> = self
            .0
            .agreements_expiring_within(date, days)
            .into_iter()
            .map(|(a, until)| serde_json::json!({"agreement": a.id(), "until": until}))
            .collect();
        to_plain(&rows)
    }

    /// Commitments for `service` in force on `date`.
    #[wasm_bindgen(js_name = commitmentsByService, unchecked_return_type = "{ agreement: string; commitment: Commitment }[]")]
    pub fn commitments_by_service(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Service")] service: &str,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] date: JsValue,
    ) -> Result<JsValue, JsValue> {
        let date = date_arg(&date, "date")?;
        let service: berdaya::Service = serde_json::from_value(serde_json::Value::String(
            service.to_owned(),
        ))
        .map_err(|_| bad_argument("service", "a service name such as `vocational_training`"))?;
        let rows: Vec<serde_json::Value> = self
            .0
            .commitments_by_service(service, date)
            .into_iter()
            .map(|(a, c)| serde_json::json!({"agreement": a.id(), "commitment": c}))
            .collect();
        to_plain(&rows)
    }

    /// Ids of the facilities closed to `category` on `date`.
    #[wasm_bindgen(js_name = facilitiesClosedTo)]
    pub fn facilities_closed_to(
        &self,
        #[wasm_bindgen(unchecked_param_type = "VisitorCategory")] category_name: &str,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] date: JsValue,
    ) -> Result<Vec<String>, JsValue> {
        let date = date_arg(&date, "date")?;
        Ok(ids(self
            .0
            .facilities_closed_to(category(category_name)?, date)
            .into_iter()
            .map(|f| &f.id)))
    }

    /// Ids of the beneficiaries of `facility` with care status `status` as of `asOf`.
    #[wasm_bindgen(js_name = beneficiariesBy)]
    pub fn beneficiaries_by(
        &self,
        facility: &str,
        status: &str,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
    ) -> Result<Vec<String>, JsValue> {
        let as_of = date_arg(&as_of, "asOf")?;
        let facility = FacilityId::new(facility).map_err(|e| throw(&e, Some(facility)))?;
        let status: berdaya::vocab::CareStatus =
            status.parse().map_err(|e| throw(&e, Some(status)))?;
        Ok(ids(self
            .0
            .beneficiaries_by(&facility, status, as_of)
            .into_iter()
            .map(|b| b.id())))
    }

    /// Counts by facility and care status as of `asOf`.
    #[wasm_bindgen(js_name = careCounts, unchecked_return_type = "{ facility: string | null; care_status: string | null; count: number }[]")]
    pub fn care_counts(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
    ) -> Result<JsValue, JsValue> {
        let as_of = date_arg(&as_of, "asOf")?;
        let mut rows = Vec::new();
        for (facility, by_status) in self.0.care_counts(as_of) {
            for (status, count) in by_status {
                rows.push(serde_json::json!({"facility": facility, "care_status": status, "count": count}));
            }
        }
        to_plain(&rows)
    }

    /// Validation warnings as of `asOf` (ids and codes only).
    #[wasm_bindgen(unchecked_return_type = "{ beneficiary: string; code: string }[]")]
    pub fn warnings(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
    ) -> Result<JsValue, JsValue> {
        let as_of = date_arg(&as_of, "asOf")?;
        let rows: Vec<serde_json::Value> = self
            .0
            .warnings(as_of)
            .into_iter()
            .map(|(id, w)| serde_json::json!({"beneficiary": id, "code": w.code()}))
            .collect();
        to_plain(&rows)
    }
}
