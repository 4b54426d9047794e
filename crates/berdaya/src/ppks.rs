//! The 26 kinds of people in need of social-welfare services (PPKS, formerly PMKS), in the
//! order of the appendix of Permensos 8/2012 (also listed under Permensos 5/2019).
//!
//! ```
//! use berdaya::ppks::Ppks;
//! assert_eq!(Ppks::PenyandangDisabilitas.number(), 9);
//! assert_eq!(Ppks::from_number(9), Some(Ppks::PenyandangDisabilitas));
//! assert_eq!(serde_json::to_string(&Ppks::Bwblp).unwrap(), "\"bwblp\"");
//! ```

use serde::{Deserialize, Serialize};

macro_rules! ppks {
    ($($(#[$m:meta])* $v:ident = $n:literal $id:literal),* $(,)?) => {
        /// A PPKS category. The wire form is the Indonesian name in snake_case.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
        pub enum Ppks {
            $($(#[$m])* $v),*
        }

        /// All 26 categories in appendix order.
        pub const ALL_PPKS: [Ppks; 26] = [$(Ppks::$v),*];

        impl Ppks {
            /// The number in the Permensos appendix, 1-26.
            pub fn number(self) -> u8 {
                match self { $(Ppks::$v => $n),* }
            }

            /// The Indonesian name, e.g. "Penyandang Disabilitas".
            pub fn indonesian(self) -> &'static str {
                match self { $(Ppks::$v => $id),* }
            }

            /// The category with appendix number `n` (1-26).
            pub fn from_number(n: u8) -> Option<Ppks> {
                ALL_PPKS.into_iter().find(|p| p.number() == n)
            }
        }
    };
}

ppks! {
    /// 1. Neglected toddler.
    AnakBalitaTerlantar = 1 "Anak Balita Terlantar",
    /// 2. Neglected child.
    AnakTerlantar = 2 "Anak Terlantar",
    /// 3. Child in conflict with the law.
    AnakBerhadapanDenganHukum = 3 "Anak Berhadapan dengan Hukum",
    /// 4. Street child.
    AnakJalanan = 4 "Anak Jalanan",
    /// 5. Child with disability.
    AnakDenganKedisabilitasan = 5 "Anak dengan Kedisabilitasan",
    /// 6. Child victim of violence.
    AnakKorbanTindakKekerasan = 6 "Anak Korban Tindak Kekerasan",
    /// 7. Child needing special protection.
    AnakYangMemerlukanPerlindunganKhusus = 7 "Anak yang Memerlukan Perlindungan Khusus",
    /// 8. Neglected elderly person.
    LanjutUsiaTerlantar = 8 "Lanjut Usia Terlantar",
    /// 9. Person with disability.
    PenyandangDisabilitas = 9 "Penyandang Disabilitas",
    /// 10. Sex worker.
    TunaSusila = 10 "Tuna Susila",
    /// 11. Homeless person.
    Gelandangan = 11 "Gelandangan",
    /// 12. Beggar.
    Pengemis = 12 "Pengemis",
    /// 13. Scavenger.
    Pemulung = 13 "Pemulung",
    /// 14. Minority group.
    KelompokMinoritas = 14 "Kelompok Minoritas",
    /// 15. Former prisoner (*bekas warga binaan lembaga pemasyarakatan*); not a UPT alumnus.
    Bwblp = 15 "BWBLP",
    /// 16. Person living with HIV.
    Odha = 16 "ODHA",
    /// 17. Victim of drug abuse.
    KorbanNapza = 17 "Korban NAPZA",
    /// 18. Victim of trafficking.
    KorbanTrafficking = 18 "Korban Trafficking",
    /// 19. Victim of violence.
    KorbanTindakKekerasan = 19 "Korban Tindak Kekerasan",
    /// 20. Migrant worker with social problems.
    PekerjaMigranBermasalahSosial = 20 "Pekerja Migran Bermasalah Sosial",
    /// 21. Victim of natural disaster.
    KorbanBencanaAlam = 21 "Korban Bencana Alam",
    /// 22. Victim of social disaster.
    KorbanBencanaSosial = 22 "Korban Bencana Sosial",
    /// 23. Economically vulnerable woman.
    PerempuanRawanSosialEkonomi = 23 "Perempuan Rawan Sosial Ekonomi",
    /// 24. Poor person.
    FakirMiskin = 24 "Fakir Miskin",
    /// 25. Family with psychosocial problems.
    KeluargaBermasalahSosialPsikologis = 25 "Keluarga Bermasalah Sosial Psikologis",
    /// 26. Remote indigenous community.
    KomunitasAdatTerpencil = 26 "Komunitas Adat Terpencil",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_one_to_twenty_six() {
        for (i, p) in ALL_PPKS.iter().enumerate() {
            assert_eq!(usize::from(p.number()), i + 1);
        }
        assert_eq!(Ppks::from_number(0), None);
        assert_eq!(Ppks::from_number(27), None);
    }
}
