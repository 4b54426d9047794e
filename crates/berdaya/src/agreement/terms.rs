//! The terms of an agreement: its kind, parties and signatories, clauses, commitments with
//! their capacities, and the changes an addendum can make.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::{AgencyId, CommitmentId, FacilityId, PartnerId};
use crate::partner::Service;
use crate::period::Period;

/// The kind of an agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum AgreementKind {
    /// *Nota Kesepahaman*: a memorandum of understanding.
    Mou,
    /// *Kesepakatan Bersama*: an umbrella agreement.
    UmbrellaAgreement,
    /// *Perjanjian Kerja Sama*: the binding, operational agreement.
    Pks,
}

/// A party to an agreement: an agency of the office or a partner.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum PartyRef {
    /// A government agency.
    Agency(AgencyId),
    /// A partner.
    Partner(PartnerId),
}

impl fmt::Display for PartyRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartyRef::Agency(a) => write!(f, "agency:{a}"),
            PartyRef::Partner(p) => write!(f, "partner:{p}"),
        }
    }
}

/// Who signs for a party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    /// Name, or the office's title when the name is not recorded.
    pub name: String,
    /// Position, e.g. `Kepala Dinas Sosial Provinsi Jawa Timur`.
    pub position: String,
    /// The basis of the authority to sign (e.g. a *Surat Kuasa* or SK), if not the position itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
}

/// A party with its own number for the agreement and its signatory. The first party is
/// PIHAK PERTAMA, the second PIHAK KEDUA, and so on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// The agency or partner.
    pub party: PartyRef,
    /// The number this party gave the agreement, e.g. `060/123/107.3/2020`, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Who signs.
    pub signatory: Signatory,
}

/// Kinds of clauses (*pasal*) found in PKS documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum ClauseKind {
    /// *Komparisi*: identities of the parties.
    PartyIdentities,
    /// *Dasar hukum*.
    LegalBasis,
    /// *Maksud dan tujuan*.
    Purpose,
    /// *Ruang lingkup*.
    Scope,
    /// *Hak dan kewajiban*.
    RightsObligations,
    /// *Pelaksanaan*.
    Implementation,
    /// *Pembiayaan*.
    Financing,
    /// *Jangka waktu*.
    Duration,
    /// *Monitoring dan evaluasi*.
    MonitoringEvaluation,
    /// *Keadaan kahar*: force majeure.
    ForceMajeure,
    /// *Penyelesaian perselisihan*.
    DisputeResolution,
    /// *Perubahan / adendum*.
    Amendment,
    /// *Pengakhiran*.
    Termination,
    /// *Penutup*.
    Closing,
}

/// The unit a capacity is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum CapacityUnit {
    /// People served, trained or placed.
    Persons,
    /// Scholarships or study places.
    Scholarships,
    /// Jobs.
    Jobs,
    /// Sessions or visits.
    Sessions,
}

/// How a capacity counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum CapacityBasis {
    /// Places held at the same time.
    Concurrent,
    /// Places per year.
    PerYear,
    /// Places over the whole commitment period.
    Total,
}

/// A capacity (quota): at least one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Capacity {
    /// Number of places, at least 1.
    pub places: u32,
    /// Unit.
    pub unit: CapacityUnit,
    /// Concurrent, per year or in total.
    pub basis: CapacityBasis,
}

/// What one party commits to deliver under an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    /// Id, unique in the agreement.
    pub id: CommitmentId,
    /// The committing party.
    pub by: PartyRef,
    /// The service.
    pub service: Service,
    /// What exactly, e.g. the skill taught (`sewing`) or the programme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The UPTs whose residents or alumni it serves (empty: any).
    #[serde(default)]
    pub target_facilities: BTreeSet<FacilityId>,
    /// The quota; absent means unlimited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<Capacity>,
    /// Its own period inside the agreement's; absent means the agreement's period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The eligibility rule, as source text of the rule language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility: Option<String>,
    /// Whether a person enrolled here may not be enrolled at the same time in another
    /// commitment whose period overlaps this one's (false when absent).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exclusive: bool,
}

/// One change made by an addendum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Change {
    /// Sets (adds or replaces) the text of a clause.
    SetClause {
        /// Which clause.
        clause: ClauseKind,
        /// New text.
        text: String,
    },
    /// Removes a clause.
    RemoveClause {
        /// Which clause.
        clause: ClauseKind,
    },
    /// Adds a commitment, or replaces the one with the same id.
    SetCommitment {
        /// The commitment.
        commitment: Commitment,
    },
    /// Removes a commitment.
    RemoveCommitment {
        /// Its id.
        id: CommitmentId,
    },
    /// Changes the effective period. The signing date is never changed by an addendum.
    SetPeriod {
        /// The new period.
        period: Period,
    },
}

/// An addendum (*adendum*): its own number and the changes; its date is the event's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Addendum {
    /// Its number, e.g. `060/45/107.3/2022`.
    pub number: String,
    /// The changes, applied in order.
    pub changes: Vec<Change>,
}
