"""Writes conformance/explain.json: explanation vectors whose expectations are written here by
hand (outcomes, which clauses and facts each sentence speaks of, and key phrases per
language), never recorded from berdaya's output.

Ages and day counts below were worked out by hand from the dates (see the comments).
Run: python3 conformance/oracle/explain_vectors.py
"""

import json
from pathlib import Path

AS_OF = "2020-09-09"
vectors = []


def v(slug, description, rules, facts, lang, form, outcome, sentences, *, context=None,
      as_of=AS_OF, rule=None):
    inp = {"rules": rules, "facts": facts, "as_of": as_of, "lang": lang, "form": form}
    if context is not None:
        inp["context"] = context
    if rule is not None:
        inp["rule"] = rule
    vectors.append({
        "id": f"explain-{len(vectors) + 1:03d}-{slug}",
        "description": description,
        "input": inp,
        "expect": {"ok": {"outcome": outcome, "sentences": sentences}},
    })


def err(slug, description, lang, form, code, field):
    vectors.append({
        "id": f"explain-{len(vectors) + 1:03d}-{slug}",
        "description": description,
        "input": {"rules": "age >= 17", "facts": {}, "as_of": AS_OF, "lang": lang, "form": form},
        "expect": {"error": {"code": code, "field": field}},
    })


def S(kind, facts, *contains, clause=None, rule=None):
    s = {"kind": kind, "facts": facts, "contains": list(contains)}
    if clause is not None:
        s["clause"] = clause
    if rule is not None:
        s["rule"] = rule
    return s


def outcome(*contains):
    return S("outcome", [], *contains)


# --- integers with units: age (years), days in care (days) ---------------------------------
# born 2004-02-29: on 2020-09-09 the person is 16
v("age-ge-id-short", "age >= fails; Indonesian short form names usia in tahun",
  "age >= 17", {"birth_date": "2004-02-29"}, "id", "short", "ineligible",
  [S("summary", ["age"], "Tidak memenuhi syarat: usia 16 tahun, kurang dari batas minimal 17 tahun.",
     clause="age >= 17")])
v("age-ge-en-full", "age >= fails; English full form: outcome then the clause",
  "age >= 17", {"birth_date": "2004-02-29"}, "en", "full", "ineligible",
  [outcome("Not eligible."),
   S("reason", ["age"], "Age is 16 years", "below the minimum of 17 years", clause="age >= 17")])
# born 2003-09-09: 17 on the as-of date (the birthday counts)
v("age-ge-en-short-eligible", "age >= holds on the birthday",
  "age >= 17", {"birth_date": "2003-09-09"}, "en", "short", "eligible",
  [S("summary", ["age"], "Eligible: age is 17 years, at least 17 years.")])
v("age-ge-id-full-eligible", "age >= holds; Indonesian full form",
  "age >= 17", {"birth_date": "2003-09-09"}, "id", "full", "eligible",
  [outcome("Memenuhi syarat."), S("reason", ["age"], "Usia 17 tahun, memenuhi batas minimal 17 tahun.")])
# born 2000-02-29: 20 on 2021-02-28, 21 on 2021-03-01
v("age-leap-birthday-common-year", "a 29 February birthday is reached on 1 March in a common year",
  "age >= 21", {"birth_date": "2000-02-29"}, "id", "short", "ineligible",
  [S("summary", ["age"], "usia 20 tahun", "kurang dari batas minimal 21 tahun")], as_of="2021-02-28")
v("age-leap-birthday-reached", "the day after, 1 March 2021, the person is 21",
  "age >= 21", {"birth_date": "2000-02-29"}, "en", "short", "eligible",
  [S("summary", ["age"], "age is 21 years, at least 21 years")], as_of="2021-03-01")
# born 1975-01-01: 45 on 2020-09-09
v("age-between-id", "between fails: the unit is written once after the range",
  "age between 17 and 40", {"birth_date": "1975-01-01"}, "id", "short", "ineligible",
  [S("summary", ["age"], "usia 45 tahun, di luar rentang 17 sampai 40 tahun")])
v("age-between-en", "between fails in English",
  "age between 17 and 40", {"birth_date": "1975-01-01"}, "en", "full", "ineligible",
  [outcome("Not eligible."), S("reason", ["age"], "Age is 45 years, outside 17 to 40 years.")])
# 2016-01-01 .. 2020-09-09: 366 + 3*365 + 252 = 1713 days
v("days-in-care-id-thousands", "lama tinggal di UPT with the Indonesian thousands separator",
  "days_in_care >= 180", {"residence_since": "2016-01-01"}, "id", "short", "eligible",
  [S("summary", ["days_in_care"],
     "Memenuhi syarat: lama tinggal di UPT 1.713 hari, memenuhi batas minimal 180 hari.")])
v("days-in-care-en-thousands", "time in care with the English thousands separator",
  "days_in_care >= 180", {"residence_since": "2016-01-01"}, "en", "short", "eligible",
  [S("summary", ["days_in_care"], "time in care at the UPT is 1,713 days, at least 180 days")])
# 2000-01-01 .. 2020-09-09: 20*365 + 5 leap days + 252 = 7557 days
v("days-in-care-id-thousands-threshold", "both numbers take the separator: 7.557 and 1.000",
  "days_in_care >= 1000", {"residence_since": "2000-01-01"}, "id", "full", "eligible",
  [outcome("Memenuhi syarat."),
   S("reason", ["days_in_care"], "Lama tinggal di UPT 7.557 hari", "batas minimal 1.000 hari")])
# 2020-03-13 .. 2020-09-09 = 180 days
v("days-in-care-gt-id", "> fails at the bound",
  "days_in_care > 180", {"residence_since": "2020-03-13"}, "id", "short", "ineligible",
  [S("summary", ["days_in_care"], "lama tinggal di UPT 180 hari, tidak lebih dari 180 hari")])
v("days-in-care-gt-en", "> holds one day later",
  "days_in_care > 180", {"residence_since": "2020-03-12"}, "en", "short", "eligible",
  [S("summary", ["days_in_care"], "181 days, more than 180 days")])
# 2019-09-10 .. 2020-09-09 = 365 days (the year includes 29 February 2020)
v("days-since-discharge-le-id", "<= holds on the bound",
  "days_since_discharge <= 365", {"discharged_on": "2019-09-10"}, "id", "short", "eligible",
  [S("summary", ["days_since_discharge"],
     "lama sejak keluar dari UPT 365 hari, tidak melebihi batas maksimal 365 hari")])
v("days-since-discharge-le-en-fails", "<= fails one day earlier",
  "days_since_discharge <= 365", {"discharged_on": "2019-09-09"}, "en", "short", "ineligible",
  [S("summary", ["days_since_discharge"], "366 days, above the maximum of 365 days")])
# 2020-08-01 .. 2020-09-09 = 39 days
v("days-since-discharge-lt-en", "< fails",
  "days_since_discharge < 30", {"discharged_on": "2020-08-01"}, "en", "full", "ineligible",
  [outcome("Not eligible."),
   S("reason", ["days_since_discharge"], "Time since discharge from the UPT is 39 days, not less than 30 days.")])
v("days-since-discharge-lt-id", "< holds",
  "days_since_discharge < 30", {"discharged_on": "2020-08-20"}, "id", "short", "eligible",
  [S("summary", ["days_since_discharge"], "20 hari, kurang dari 30 hari")])

# --- welfare decile --------------------------------------------------------------------------
v("decile-le-id", "desil kesejahteraan above the maximum",
  "dtks_decile <= 4", {"dtks_decile": 7}, "id", "short", "ineligible",
  [S("summary", ["dtks_decile"], "desil kesejahteraan 7, melebihi batas maksimal 4")])
v("decile-between-en", "decile within a range",
  "dtks_decile between 1 and 4", {"dtks_decile": 3}, "en", "short", "eligible",
  [S("summary", ["dtks_decile"], "welfare decile is 3, within 1 to 4")])
v("decile-known-false-en", "known() of an unregistered decile: not registered in DTKS",
  "known(dtks_decile)", {}, "en", "full", "ineligible",
  [outcome("Not eligible."),
   S("reason", ["dtks_decile"], "Welfare decile (DTKS/DTSEN) is not recorded", "not registered in DTKS/DTSEN",
     clause="known(dtks_decile)")])
v("decile-or-not-known-id", "the r4 pattern: an unregistered person passes through not known()",
  "dtks_decile <= 4 or not known(dtks_decile)", {}, "id", "short", "eligible",
  [S("summary", ["dtks_decile"], "Memenuhi syarat", "desil kesejahteraan (DTKS/DTSEN) belum tercatat",
     "tidak terdaftar di DTKS/DTSEN")])
v("decile-known-true-id", "known() holds",
  "known(dtks_decile)", {"dtks_decile": 2}, "id", "short", "eligible",
  [S("summary", ["dtks_decile"], "desil kesejahteraan (DTKS/DTSEN) sudah tercatat")])

# --- dates -----------------------------------------------------------------------------------
v("birth-date-eq-leap-id", "a 29 February date in Indonesian",
  "birth_date = 2004-02-29", {"birth_date": "2004-02-29"}, "id", "short", "eligible",
  [S("summary", ["birth_date"], "tanggal lahir 29 Februari 2004, sesuai syarat")])
v("birth-date-lt-en", "< on dates fails: on or after",
  "birth_date < 2000-01-01", {"birth_date": "2004-02-29"}, "en", "full", "ineligible",
  [outcome("Not eligible."),
   S("reason", ["birth_date"], "Date of birth is 29 February 2004, on or after 1 January 2000.")])
v("birth-date-gt-id", "> on dates holds: setelah",
  "birth_date > 2000-02-29", {"birth_date": "2004-02-29"}, "id", "short", "eligible",
  [S("summary", ["birth_date"], "tanggal lahir 29 Februari 2004, setelah 29 Februari 2000")])
# as_of - 1 year = 2019-09-09
v("residence-since-relative-id", "a date relative to as_of is resolved and written out",
  "residence_since >= as_of - 1 year", {"residence_since": "2019-01-01"}, "id", "short", "ineligible",
  [S("summary", ["residence_since"], "tanggal masuk UPT 1 Januari 2019, sebelum 9 September 2019")])
v("residence-since-le-en", "<= on dates holds: on or before",
  "residence_since <= 2020-09-09", {"residence_since": "2020-09-09"}, "en", "short", "eligible",
  [S("summary", ["residence_since"], "9 September 2020, on or before 9 September 2020")])
v("discharged-between-id", "between on dates: antara ... dan ...",
  "discharged_on between 2020-01-01 and 2020-12-31", {"discharged_on": "2020-02-29"}, "id", "full",
  "eligible",
  [outcome("Memenuhi syarat."),
   S("reason", ["discharged_on"],
     "Tanggal keluar dari UPT 29 Februari 2020, antara 1 Januari 2020 dan 31 Desember 2020.")])
# 2020-03-31 - 1 month clamps to 2020-02-29
v("date-arith-clamps-en", "month arithmetic clamps to 29 February, written out",
  "discharged_on >= 2020-03-31 - 1 month", {"discharged_on": "2020-02-28"}, "en", "short",
  "ineligible",
  [S("summary", ["discharged_on"], "28 February 2020, before 29 February 2020")])

# --- enumerations ----------------------------------------------------------------------------
v("care-eq-id-fails", "= on care status: warga binaan is not eks warga binaan",
  "care_status = alumnus", {"care_status": "resident"}, "id", "short", "ineligible",
  [S("summary", ["care_status"], "status di UPT adalah warga binaan, bukan eks warga binaan")])
v("care-eq-en-holds", "= on care status holds (Indonesian spelling in the rule)",
  "care_status = eks", {"care_status": "alumnus"}, "en", "short", "eligible",
  [S("summary", ["care_status"], "care status is alumnus (former resident), as required",
     clause="care_status = alumnus")])
v("sex-ne-id-holds", "!= holds",
  "sex != M", {"sex": "F"}, "id", "short", "eligible",
  [S("summary", ["sex"], "jenis kelamin perempuan, bukan laki-laki")])
v("sex-ne-en-fails", "!= fails",
  "sex != M", {"sex": "L"}, "en", "short", "ineligible",
  [S("summary", ["sex"], "sex is male, which is excluded")])
v("employment-in-id-fails", "in fails: atau between the listed values",
  "employment in [unemployed, self_employed]", {"employment": "employed"}, "id", "short", "ineligible",
  [S("summary", ["employment"], "status pekerjaan bekerja, bukan salah satu dari belum bekerja atau wirausaha")])
v("employment-in-en-holds", "in holds",
  "employment in [unemployed, self_employed]", {"employment": "wirausaha"}, "en", "short", "eligible",
  [S("summary", ["employment"], "employment status is self-employed, one of unemployed or self-employed")])
v("education-not-in-id-holds", "not in holds",
  "education not in [none, sd]", {"education": "smp"}, "id", "short", "eligible",
  [S("summary", ["education"], "pendidikan terakhir SMP/SLTP", "bukan salah satu yang dikecualikan",
     "SD")])
v("education-not-in-en-fails", "not in fails",
  "education not in [none, sd]", {"education": "sd"}, "en", "short", "ineligible",
  [S("summary", ["education"], "highest education is primary school (SD), one of the excluded values (no schooling or primary school (SD))")])
v("education-ge-id-fails", ">= on an ordered enum fails",
  "education >= sltp", {"education": "sd"}, "id", "short", "ineligible",
  [S("summary", ["education"], "pendidikan terakhir SD, kurang dari batas minimal SMP/SLTP")])
v("education-ge-en-holds", ">= on an ordered enum holds",
  "education >= smp", {"education": "sma"}, "en", "short", "eligible",
  [S("summary", ["education"],
     "highest education is senior secondary school (SMA), at least junior secondary school (SMP)")])
v("multiplicity-id", "multiplicity: ganda from two ragam",
  "multiplicity >= ganda", {"disabilities": ["fisik", "rungu"]}, "id", "short", "eligible",
  [S("summary", ["multiplicity"], "disabilitas bersifat ganda")])
v("disability-count-en", "disability_count > 1 fails with one type",
  "disability_count > 1", {"disabilities": ["fisik"]}, "en", "short", "ineligible",
  [S("summary", ["disability_count"], "number of disability types is 1, not more than 1")])
v("partner-kind-id", "partner kind from the context (rsud = hospital)",
  "partner_kind = hospital", {}, "id", "short", "eligible",
  [S("summary", ["partner_kind"], "jenis mitra adalah rumah sakit, sesuai syarat")],
  context={"partner_kind": "rsud"})

# --- region codes and text -------------------------------------------------------------------
v("nik-province-id", "NIK-derived province, with its name",
  'nik_province = "35"', {"nik": "3514140711950002"}, "id", "short", "eligible",
  [S("summary", ["nik_province"], "kode provinsi pada NIK adalah 35 (Jawa Timur), sesuai syarat")])
v("domicile-in-en", "domicile regency in a list, with official names",
  'domicile_regency in ["3520", "3578"]', {"regency": "3507"}, "en", "short", "ineligible",
  [S("summary", ["domicile_regency"],
     "regency/city of domicile is 35.07 (Kabupaten Malang), not one of 35.20 (Kabupaten Magetan) or 35.78 (Kota Surabaya)")])
v("upt-eq-en", "text fact",
  'upt_id = "upt-rsbg-tuban"', {"upt_id": "upt-rsbg-tuban"}, "en", "short", "eligible",
  [S("summary", ["upt_id"], "the UPT is upt-rsbg-tuban, as required")])

# --- lists -----------------------------------------------------------------------------------
v("dis-has-en", "has: the whole recorded set is stated",
  "disabilities has fisik", {"disabilities": ["fisik", "rungu"]}, "en", "short", "eligible",
  [S("summary", ["disabilities"], "disability types recorded are physical and hearing (rungu), which include physical")])
v("dis-has-subtype-id", "has a type matches its sub-type (sensorik rungu)",
  "disabilities has sensory", {"disabilities": ["rungu"]}, "id", "short", "eligible",
  [S("summary", ["disabilities"], "ragam disabilitas yang tercatat sensorik rungu, mencakup sensorik")])
v("dis-has-any-id-fails", "has any of fails",
  "disabilities has any of [fisik, rungu]", {"disabilities": ["netra"]}, "id", "short", "ineligible",
  [S("summary", ["disabilities"], "sensorik netra", "tidak mencakup satu pun dari fisik atau sensorik rungu")])
v("dis-has-all-id-fails", "has all of fails",
  "disabilities has all of [intellectual, mental]", {"disabilities": ["intelektual"]}, "id", "full",
  "ineligible",
  [outcome("Tidak memenuhi syarat."),
   S("reason", ["disabilities"], "Ragam disabilitas yang tercatat intelektual", "tidak mencakup seluruh intelektual dan mental")])
v("dis-has-none-en-fails", "has none of fails through a sub-type (psikososial is mental)",
  "disabilities has none of [intellectual, mental]", {"disabilities": ["psikososial"]}, "en", "short",
  "ineligible",
  [S("summary", ["disabilities"], "mental (psychosocial)", "include one of the excluded intellectual or mental")])
v("dis-is-empty-id", "is empty holds",
  "disabilities is empty", {"disabilities": []}, "id", "short", "eligible",
  [S("summary", ["disabilities"], "tidak ada ragam disabilitas yang tercatat")])
v("dis-is-not-empty-en-fails", "is not empty fails",
  "disabilities is not empty", {"disabilities": []}, "en", "short", "ineligible",
  [S("summary", ["disabilities"], "Not eligible: no disability types are recorded.")])
v("skills-has-en", "has on a text list",
  "skills has batik", {"skills": ["batik", "sewing"]}, "en", "short", "eligible",
  [S("summary", ["skills"], "skills include batik")])
v("skills-has-any-id", "has any of on a text list names the matching value",
  "skills has any of [batik, sewing]", {"skills": ["sewing", "jamu"]}, "id", "short", "eligible",
  [S("summary", ["skills"], "keterampilan mencakup sewing, salah satu dari batik atau sewing")])
v("skills-has-all-en-fails", "has all of fails: only some present",
  "skills has all of [batik, sewing]", {"skills": ["batik"]}, "en", "short", "ineligible",
  [S("summary", ["skills"], "skills include only batik of batik and sewing")])
v("certificates-has-none-id-fails", "has none of fails on certificates",
  "certificates has none of [sttr]", {"certificates": ["sttr"]}, "id", "short", "ineligible",
  [S("summary", ["certificates"], "sertifikat mencakup STTR yang dikecualikan")])
v("ppks-not-empty-id", "is not empty on PPKS categories",
  "ppks is not empty", {"ppks": ["penyandang_disabilitas"]}, "id", "short", "eligible",
  [S("summary", ["ppks"], "kategori PPKS yang tercatat: penyandang disabilitas")])

# --- yes/no ----------------------------------------------------------------------------------
v("agreement-id-fails", "the agreement is not in force",
  "agreement_in_force", {}, "id", "short", "ineligible",
  [S("summary", ["agreement_in_force"], "Tidak memenuhi syarat: PKS tidak sedang berlaku.")],
  context={"agreement_in_force": False})
v("agreement-en-holds", "the agreement is in force",
  "agreement_in_force", {}, "en", "full", "eligible",
  [outcome("Eligible."), S("reason", ["agreement_in_force"], "The agreement (PKS) is in force.")],
  context={"agreement_in_force": True})

# --- undetermined ----------------------------------------------------------------------------
v("undetermined-id-short", "undetermined: the missing facts in one line, in input order",
  "age >= 17 and dtks_decile <= 4", {}, "id", "short", "undetermined",
  [S("summary", ["birth_date", "dtks_decile"],
     "Belum dapat diputuskan: tanggal lahir dan desil kesejahteraan (DTKS/DTSEN) belum tercatat.")])
v("undetermined-en-full", "undetermined full form: one sentence per missing fact",
  "age >= 17 and dtks_decile <= 4", {}, "en", "full", "undetermined",
  [outcome("Cannot be decided yet."),
   S("missing", ["birth_date"], "Date of birth is not recorded."),
   S("missing", ["dtks_decile"], "Welfare decile (DTKS/DTSEN) is not recorded.")])
v("undetermined-nik-id-full", "the NIK is the input of nik_province; known clauses are not listed",
  'age >= 17 and nik_province = "35"', {"birth_date": "1990-01-01"}, "id", "full", "undetermined",
  [outcome("Belum dapat diputuskan."), S("missing", ["nik"], "NIK belum tercatat.")])
v("undetermined-care-en-short", "a missing input named as the office names it",
  "days_in_care >= 180", {}, "en", "short", "undetermined",
  [S("summary", ["residence_since"], "date of admission to the UPT is not recorded")])

# --- structure: several clauses, rules, connectives --------------------------------------------
v("and-first-false-only", "a false and: only its first false clause decides",
  "age >= 17 and days_in_care >= 180", {"birth_date": "2010-01-01", "residence_since": "2020-09-01"},
  "en", "full", "ineligible",
  [outcome("Not eligible."), S("reason", ["age"], "Age is 10 years")])
v("or-false-every-child", "a false or: every child decides, in source order",
  "care_status = alumnus or days_in_care >= 180",
  {"care_status": "resident", "residence_since": "2020-06-01"}, "id", "full", "ineligible",
  [outcome("Tidak memenuhi syarat."),
   S("reason", ["care_status"], "Status di UPT adalah warga binaan"),
   S("reason", ["days_in_care"], "Lama tinggal di UPT 100 hari", "kurang dari batas minimal 180 hari")])
v("ruleset-rules-en", "a rule of a set: reasons from the referenced rule first, with their rule",
  "rule r1 \"Usia kerja\" = age between 18 and 45\nrule r2 = r1 and disabilities is not empty",
  {"birth_date": "1995-08-17", "disabilities": ["rungu"]}, "en", "full", "eligible",
  [outcome("Eligible."),
   S("reason", ["age"], "Age is 25 years, within 18 to 45 years.", rule="r1", clause="age between 18 and 45"),
   S("reason", ["disabilities"], "Disability types recorded: hearing (rungu).", rule="r2")],
  rule="r2")
v("ruleset-rules-id-short", "short form of the same: only the first clause",
  "rule r1 \"Usia kerja\" = age between 18 and 45\nrule r2 = r1 and disabilities is not empty",
  {"birth_date": "1995-08-17", "disabilities": ["rungu"]}, "id", "short", "eligible",
  [S("summary", ["age"], "Memenuhi syarat: usia 25 tahun, dalam rentang 18 sampai 45 tahun.", rule="r1")],
  rule="r2")
v("not-has-all-id", "not(...) fails: the inner clause held and is stated as such",
  "not (disabilities has all of [intellectual, mental])", {"disabilities": ["intelektual", "laras"]},
  "id", "short", "ineligible",
  [S("summary", ["disabilities"], "Tidak memenuhi syarat", "mencakup seluruh intelektual dan mental")])
v("true-rule-en", "a rule with no clause: just the outcome",
  "true", {}, "en", "short", "eligible", [S("summary", [], "Eligible.")])
v("false-rule-id-full", "a rule with no clause, full form",
  "false", {}, "id", "full", "ineligible", [outcome("Tidak memenuhi syarat.")])

# --- bad arguments ---------------------------------------------------------------------------
err("bad-lang", "only en and id", "fr", "short", "rule.explain.unknown_language", "lang")
err("bad-form", "only short and full", "en", "long", "rule.explain.unknown_form", "form")

out = Path(__file__).resolve().parent.parent / "explain.json"
out.write_text(json.dumps({"suite": "explain", "vectors": vectors}, ensure_ascii=False, indent=1) + "\n",
               encoding="utf-8")
print(f"{len(vectors)} vectors -> {out}")
