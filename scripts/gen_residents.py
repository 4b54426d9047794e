#!/usr/bin/env python3
"""Generate the synthetic residents and alumni of the East Java 2020 example.

Deterministic (fixed seed), standard library only. Writes examples/data/residents_2020.csv.
Every person is synthetic. NIKs have the valid structure of nik.rs with reference date
2020-09-09 (province, regency, district, day + 40 for women, month, year, serial != 0000);
about 80 % are registered in East Java (35). A few records deliberately disagree with their
NIK (birth date or sex) so that the example shows the warnings.

Usage: python3 scripts/gen_residents.py [output.csv]
"""
import csv
import datetime as dt
import random
import sys

REF = dt.date(2020, 9, 9)
rng = random.Random(20200909)

JATIM = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
         24, 25, 26, 27, 28, 29, 71, 72, 73, 74, 75, 76, 77, 78, 79]
OTHER = [(32, 73), (32, 4), (33, 74), (31, 71), (51, 71), (52, 1), (34, 71)]

# facility: (disabilities choices, age range at 2020-09-09, ppks, stay days range)
FACILITIES = {
    "upt-rsbd-pasuruan": (["physical"], (16, 40), "penyandang_disabilitas", (180, 730)),
    "upt-rsbrw-pasuruan": (["sensory_hearing;sensory_speech", "sensory_hearing"], (16, 35),
                           "penyandang_disabilitas", (180, 730)),
    "upt-rsbn-malang": (["sensory_visual"], (17, 45), "penyandang_disabilitas", (365, 730)),
    "upt-rsbg-tuban": (["intellectual", "intellectual;physical", "intellectual;physical;sensory_speech"],
                       (15, 50), "penyandang_disabilitas", (365, 1500)),
    "upt-rsbl-pasuruan": (["mental_psychosocial"], (20, 55), "penyandang_disabilitas", (90, 900)),
    "upt-pstw-magetan": (["", "", "physical"], (61, 85), "lanjut_usia_terlantar", (365, 2000)),
    "upt-psbr-jombang": ([""], (16, 21), "anak_terlantar", (150, 185)),
}
WEIGHTS = [40, 40, 25, 25, 20, 30, 20]
SKILLS = {"upt-rsbd-pasuruan": "sewing", "upt-rsbrw-pasuruan": "sewing",
          "upt-rsbn-malang": "shiatsu massage", "upt-rsbg-tuban": "eco-print batik",
          "upt-rsbl-pasuruan": "doormats", "upt-pstw-magetan": "", "upt-psbr-jombang": "automotive"}
GIVEN = ["Adi", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gilang", "Hana", "Indra", "Joko",
         "Kartika", "Lestari", "Made", "Nur", "Oki", "Putri", "Rizki", "Sari", "Tono", "Umi",
         "Wahyu", "Yuni"]
FAMILY = ["Santoso", "Wibowo", "Rahayu", "Susanto", "Hidayat", "Pratama", "Lestari", "Saputra",
          "Kurniawan", "Wulandari"]
EDU = ["none", "sd", "smp", "sma"]

used = set()


def nik(province, regency, district, birth, female):
    day = birth.day + (40 if female else 0)
    while True:
        serial = rng.randint(1, 9999)
        s = f"{province:02}{regency:02}{district:02}{day:02}{birth.month:02}{birth.year % 100:02}{serial:04}"
        if s not in used:
            used.add(s)
            return s


def d(x):
    return x.isoformat() if x else ""


def main(out):
    rows = []
    # The two example beneficiaries of DOMAIN.md section 6.
    rows.append(dict(id="pm-0001", nik="3514140711950002", name="Contoh Satu", sex="M",
                     birth_date="1995-11-07", domicile="35.14.14", ppks="penyandang_disabilitas",
                     disabilities="sensory_hearing;sensory_speech", education="smp", paket="",
                     slb="true", decile_source="dtsen", decile="2", decile_as_of="2020-01-01",
                     facility="upt-rsbrw-pasuruan", applied_on="2018-06-18", assessed_on="2018-06-25",
                     admitted_on="2018-07-02", exit_stage="graduated", exit_on="2020-06-30",
                     alumnus_on="2020-07-01", livelihood="employed", partner="batik-wistara",
                     employees="", skill="sewing"))
    used.add("3514140711950002")
    rows.append(dict(id="pm-0002", nik="3504035203980001", name="Contoh Dua", sex="F",
                     birth_date="1998-03-12", domicile="35.04.03", ppks="penyandang_disabilitas",
                     disabilities="physical", education="sma", paket="c", slb="false",
                     decile_source="dtks", decile="3", decile_as_of="2019-12-01",
                     facility="upt-rsbd-pasuruan", applied_on="2017-07-03", assessed_on="2017-07-10",
                     admitted_on="2017-07-17", exit_stage="graduated", exit_on="2019-07-15",
                     alumnus_on="2019-07-16", livelihood="", partner="", employees="",
                     skill="sewing"))
    used.add("3504035203980001")
    facilities = list(FACILITIES)
    for i in range(3, 201):
        fac = rng.choices(facilities, WEIGHTS)[0]
        dis_choices, (amin, amax), ppks, (smin, smax) = FACILITIES[fac]
        female = rng.random() < 0.45
        age = rng.randint(amin, amax)
        birth = REF - dt.timedelta(days=age * 365 + rng.randint(0, 364))
        birth = max(min(birth, dt.date(2005, 1, 1)), dt.date(1950, 1, 2))
        if rng.random() < 0.8:
            province, regency = 35, rng.choice(JATIM)
        else:
            province, regency = rng.choice(OTHER)
        district = rng.randint(1, 20)
        number = nik(province, regency, district, birth, female)
        sex, stored_birth = ("F" if female else "M"), birth
        if i % 67 == 0:  # a corrected birth date: the NIK keeps the old one
            stored_birth = birth + dt.timedelta(days=1)
        if i % 89 == 0:  # sex recorded differently from the NIK
            sex = "M" if female else "F"
        domicile = f"35.{regency:02}" if province == 35 and rng.random() < 0.9 else \
            f"35.{rng.choice(JATIM):02}"
        # care history
        kind = rng.random()
        # admitted at 14 or older; at 60 or older in the PSTW, 15 or older in the PSBR
        youngest = {"upt-pstw-magetan": 60, "upt-psbr-jombang": 15}.get(fac, 14)
        admitted = REF - dt.timedelta(days=rng.randint(30, max(31, min(2400, (age - youngest) * 365 - 10))))
        applied = admitted - dt.timedelta(days=rng.randint(7, 40))
        assessed = applied + dt.timedelta(days=rng.randint(1, 6))
        stay = rng.randint(smin, smax)
        exit_stage = exit_on = alumnus_on = ""
        if kind < 0.08:  # still an applicant or under assessment on 2020-09-09
            applied = REF - dt.timedelta(days=rng.randint(1, 20))
            assessed = applied + dt.timedelta(days=3) if rng.random() < 0.5 else None
            if assessed and assessed > REF:
                assessed = None
            admitted = None
        elif admitted + dt.timedelta(days=stay) <= REF:
            end = admitted + dt.timedelta(days=stay)
            r = rng.random()
            if r < 0.7:
                exit_stage, exit_on = "graduated", end
                if rng.random() < 0.8:
                    alumnus_on = end + dt.timedelta(days=1)
            elif r < 0.85:
                exit_stage, exit_on = "returned_to_family", end
            elif r < 0.95:
                exit_stage, exit_on = "referred", end
            else:
                exit_stage, exit_on = "left", end
        livelihood = partner = employees = ""
        if exit_stage == "graduated":
            r = rng.random()
            if r < 0.35:
                livelihood = "unemployed"
            elif r < 0.55:
                livelihood = "employed"
                if fac in ("upt-rsbd-pasuruan", "upt-rsbrw-pasuruan") and rng.random() < 0.5:
                    partner = "batik-wistara"
            elif r < 0.75:
                livelihood = "self_employed"
            elif r < 0.8:
                livelihood, employees = "employer", str(rng.randint(1, 4))
        source = rng.choice(["dtks", "dtks", ""])
        rows.append(dict(
            id=f"pm-{i:04}", nik=number,
            name=f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
            sex=sex, birth_date=d(stored_birth), domicile=domicile, ppks=ppks,
            disabilities=rng.choice(dis_choices), education=rng.choice(EDU + [""]),
            paket="", slb=rng.choice(["true", "false", ""]) if ppks == "penyandang_disabilitas" else "false",
            decile_source=source, decile=str(rng.randint(1, 5)) if source else "",
            decile_as_of="2019-12-01" if source else "",
            facility=fac, applied_on=d(applied), assessed_on=d(assessed) if admitted or assessed else "",
            admitted_on=d(admitted), exit_stage=exit_stage, exit_on=d(exit_on) if exit_on else "",
            alumnus_on=d(alumnus_on) if alumnus_on else "", livelihood=livelihood,
            partner=partner, employees=employees,
            skill=SKILLS[fac] if admitted else ""))
    with open(out, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "examples/data/residents_2020.csv")
