//! ATENSI (*Asistensi Rehabilitasi Sosial*): the seven direct services of Kemensos social
//! rehabilitation, and where they are delivered. Legal basis moved from Permensos 16/2020 to
//! 7/2021 and to 15/2025.
//!
//! ```
//! use berdaya::atensi::AtensiComponent;
//! let c: AtensiComponent = serde_json::from_str("\"vocational_training\"").unwrap();
//! assert_eq!(c.indonesian(), "Pelatihan Vokasional dan Pembinaan Kewirausahaan");
//! ```

use serde::{Deserialize, Serialize};

/// One of the seven ATENSI components.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum AtensiComponent {
    /// *Pemenuhan hidup layak*: food, clothing, shelter, basic needs.
    DecentLiving,
    /// *Perawatan sosial / pengasuhan anak*: social care or child care.
    SocialCare,
    /// *Dukungan keluarga*: family support.
    FamilySupport,
    /// *Terapi* (physical, psychosocial, mental-spiritual); see [`Therapy`].
    Therapy,
    /// *Pelatihan vokasional / pembinaan kewirausahaan*: vocational and entrepreneurship training.
    VocationalTraining,
    /// *Bantuan sosial / asistensi sosial*: social assistance.
    SocialAssistance,
    /// *Dukungan aksesibilitas*: accessibility support, including assistive devices.
    AccessibilitySupport,
}

/// All seven components in order.
pub const ALL_ATENSI: [AtensiComponent; 7] = [
    AtensiComponent::DecentLiving,
    AtensiComponent::SocialCare,
    AtensiComponent::FamilySupport,
    AtensiComponent::Therapy,
    AtensiComponent::VocationalTraining,
    AtensiComponent::SocialAssistance,
    AtensiComponent::AccessibilitySupport,
];

impl AtensiComponent {
    /// The Indonesian name.
    pub fn indonesian(self) -> &'static str {
        match self {
            AtensiComponent::DecentLiving => "Pemenuhan Hidup Layak",
            AtensiComponent::SocialCare => "Perawatan Sosial dan Pengasuhan Anak",
            AtensiComponent::FamilySupport => "Dukungan Keluarga",
            AtensiComponent::Therapy => "Terapi",
            AtensiComponent::VocationalTraining => {
                "Pelatihan Vokasional dan Pembinaan Kewirausahaan"
            }
            AtensiComponent::SocialAssistance => "Bantuan Sosial dan Asistensi Sosial",
            AtensiComponent::AccessibilitySupport => "Dukungan Aksesibilitas",
        }
    }
}

/// The kinds of ATENSI therapy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Therapy {
    /// *Terapi fisik*.
    Physical,
    /// *Terapi psikososial*.
    Psychosocial,
    /// *Terapi mental spiritual*.
    MentalSpiritual,
}

/// Where ATENSI is delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum DeliveryBase {
    /// *Berbasis keluarga*.
    Family,
    /// *Berbasis komunitas*.
    Community,
    /// *Residensial*: in a UPT.
    Residential,
}
