# Hand-written conformance vectors for berdaya. Expectations are written out literally below
# (derived by hand from DOMAIN.md §4-§5 and the nik.rs spec); an independent Python model at
# the bottom cross-checks them for typos. HMAC expectations come from Python's hmac/hashlib.
import json, hmac, hashlib, datetime, sys

REF = "2020-09-09"

def ok_nik(prov, reg, dist, bd, sex, serial):
    return {"ok": {"province": prov, "regency": reg, "district": dist, "birth_date": bd, "sex": sex, "serial": serial}}

def err(code, field, start, end):
    e = {"code": code}
    e["field"] = field
    e["span"] = {"start": start, "end": end}
    return {"error": e}

nik = []
def N(slug, desc, s, expect, ref=REF):
    nik.append({"id": f"nik-{len(nik)+1:03d}-{slug}", "description": desc,
                "input": {"nik": s, "reference_date": ref}, "expect": expect})

# --- valid: seed and both sexes
N("seed-male", "Seed beneficiary: male, born 1995-11-07, registered in Bangil (35.14.14)",
  "3514140711950002", ok_nik("35", "35.14", "35.14.14", "1995-11-07", "M", 2))
N("seed-female", "Seed beneficiary: female (day 52 = 12 + 40), born 1998-03-12, Kedungwaru (35.04.03)",
  "3504035203980001", ok_nik("35", "35.04", "35.04.03", "1998-03-12", "F", 1))
N("male-day-01", "Day 01 is the smallest male day", "3573040101010001",
  ok_nik("35", "35.73", "35.73.04", "2001-01-01", "M", 1))
N("male-day-31", "Day 31 is the largest male day (31 Dec; 2085 is in the future so 1985)",
  "3578033112850010", ok_nik("35", "35.78", "35.78.03", "1985-12-31", "M", 10))
N("female-day-41", "Day 41 is day 1 for a woman", "3573044101000001",
  ok_nik("35", "35.73", "35.73.04", "2000-01-01", "F", 1))
N("female-day-71", "Day 71 is day 31 for a woman", "3578037101900123",
  ok_nik("35", "35.78", "35.78.03", "1990-01-31", "F", 123))
N("serial-0001", "Serial 0001 is the first serial", "3514140711950001",
  ok_nik("35", "35.14", "35.14.14", "1995-11-07", "M", 1))
N("serial-9999", "Serial 9999 is the largest serial", "3514140711959999",
  ok_nik("35", "35.14", "35.14.14", "1995-11-07", "M", 9999))
# --- East Java regency edges
N("jatim-regency-01", "35.01 Pacitan, the first kabupaten", "3501010101800001",
  ok_nik("35", "35.01", "35.01.01", "1980-01-01", "M", 1))
N("jatim-regency-29", "35.29 Sumenep, the last kabupaten", "3529014203850007",
  ok_nik("35", "35.29", "35.29.01", "1985-03-02", "F", 7))
N("jatim-regency-30", "35.30 is not an East Java regency (kabupaten end at 29)", "3530010101800001",
  err("nik.unknown_regency", "regency", 2, 4))
N("jatim-regency-70", "35.70 is not an East Java regency (kota start at 71)", "3570010101800001",
  err("nik.unknown_regency", "regency", 2, 4))
N("jatim-regency-71", "35.71 Kota Kediri, the first kota", "3571010101800001",
  ok_nik("35", "35.71", "35.71.01", "1980-01-01", "M", 1))
N("jatim-regency-79", "35.79 Kota Batu, the last kota", "3579030506070008",
  ok_nik("35", "35.79", "35.79.03", "2007-06-05", "M", 8))
N("jatim-regency-80", "35.80 is not an East Java regency (kota end at 79)", "3580010101800001",
  err("nik.unknown_regency", "regency", 2, 4))
N("jatim-regency-99", "35.99 is not an East Java regency", "3599010101800001",
  err("nik.unknown_regency", "regency", 2, 4))
N("jatim-regency-00", "Regency 00 is zero, reported before the East Java list", "3500140711950002",
  err("nik.zero_regency", "regency", 2, 4))
# --- other provinces
N("province-32-kota-bandung", "32.73 Kota Bandung (Jawa Barat)", "3273012506910004",
  ok_nik("32", "32.73", "32.73.01", "1991-06-25", "M", 4))
N("province-96-papua-barat-daya", "96 Papua Barat Daya, the newest province code", "9601056512030002",
  ok_nik("96", "96.01", "96.01.05", "2003-12-25", "F", 2))
N("province-11-aceh", "11 Aceh, the first province code", "1101010101700001",
  ok_nik("11", "11.01", "11.01.01", "1970-01-01", "M", 1))
N("non-jatim-regency-form-only", "Outside East Java only the form of the regency is checked (32.30)",
  "3230011508790001", ok_nik("32", "32.30", "32.30.01", "1979-08-15", "M", 1))
N("non-jatim-regency-zero", "Regency 00 is rejected in every province", "3200140711950002",
  err("nik.zero_regency", "regency", 2, 4))
N("province-20-unknown", "20 is not a province code", "2014140711950002",
  err("nik.unknown_province", "province", 0, 2))
N("province-00-unknown", "00 is not a province code", "0014140711950002",
  err("nik.unknown_province", "province", 0, 2))
N("province-97-unknown", "97 is not a province code (Papua provinces end at 96)", "9714140711950002",
  err("nik.unknown_province", "province", 0, 2))
N("province-54-unknown", "54 (former Timor Timur) is not on the current list", "5401010101700001",
  err("nik.unknown_province", "province", 0, 2))
# --- district
N("district-00", "District 00 is rejected", "3514000711950002",
  err("nik.zero_district", "district", 4, 6))
N("district-99", "District 99 is accepted (no district list)", "3514990711950002",
  ok_nik("35", "35.14", "35.14.99", "1995-11-07", "M", 2))
# --- day
for raw, why in [("00", "Day 00 is neither a male nor a female day"),
                 ("32", "Day 32 is past the male range 01-31"),
                 ("40", "Day 40 is between the male and female ranges"),
                 ("72", "Day 72 is past the female range 41-71"),
                 ("99", "Day 99 is past every range")]:
    N(f"day-{raw}", why, f"351414{raw}11950002", err("nik.bad_birth_day", "birth_day", 6, 8))
# --- month
N("month-00", "Month 00 is rejected", "3514140700950002", err("nik.bad_birth_month", "birth_month", 8, 10))
N("month-13", "Month 13 is rejected", "3514140713950002", err("nik.bad_birth_month", "birth_month", 8, 10))
N("month-12", "Month 12 is accepted", "3514140712950002", ok_nik("35", "35.14", "35.14.14", "1995-12-07", "M", 2))
N("day-before-month", "Bad day and bad month: the day is checked first", "3514140013950002",
  err("nik.bad_birth_day", "birth_day", 6, 8))
# --- real dates
N("feb-29-2000-male", "29 Feb 00: 2000 is a leap year (1900 is not); 2000-02-29 is before the reference",
  "3578032902000001", ok_nik("35", "35.78", "35.78.03", "2000-02-29", "M", 1))
N("feb-29-2000-female", "29 Feb 00 for a woman (day 69)", "3578036902000002",
  ok_nik("35", "35.78", "35.78.03", "2000-02-29", "F", 2))
N("feb-29-00-before-2000", "29 Feb 00 before 2000: 2000-02-29 is in the future and 1900-02-29 is not a date",
  "3578032902000001", err("nik.birth_date_in_future", "birth_date", 6, 12), ref="1999-12-31")
N("feb-29-00-on-reference", "29 Feb 00 with the reference date 2000-02-29: equal is accepted",
  "3578032902000001", ok_nik("35", "35.78", "35.78.03", "2000-02-29", "M", 1), ref="2000-02-29")
N("feb-29-2004", "29 Feb 04: 2004 is a leap year", "3578032902040003",
  ok_nik("35", "35.78", "35.78.03", "2004-02-29", "M", 3))
N("feb-29-1904", "29 Feb 04 before 2004: falls back to 1904, also a leap year", "3578032902040003",
  ok_nik("35", "35.78", "35.78.03", "1904-02-29", "M", 3), ref="2003-06-01")
N("feb-29-1996", "29 Feb 96: 2096 is in the future, 1996 is a leap year", "3578036902960004",
  ok_nik("35", "35.78", "35.78.03", "1996-02-29", "F", 4))
N("feb-29-2001", "29 Feb 01: neither 2001 nor 1901 is a leap year", "3578032902010001",
  err("nik.bad_birth_date", "birth_date", 6, 12))
N("feb-29-1999", "29 Feb 99: neither 1999 nor 2099 is a leap year", "3578032902990001",
  err("nik.bad_birth_date", "birth_date", 6, 12))
N("feb-29-female-2001", "29 Feb 01 for a woman (day 69): not a date", "3578036902010001",
  err("nik.bad_birth_date", "birth_date", 6, 12))
N("feb-30", "30 Feb is never a date", "3578033002900001", err("nik.bad_birth_date", "birth_date", 6, 12))
N("apr-31-male", "31 April is not a date", "3578033104900001", err("nik.bad_birth_date", "birth_date", 6, 12))
N("apr-31-female", "31 April for a woman (day 71) is not a date", "3578037104900001",
  err("nik.bad_birth_date", "birth_date", 6, 12))
N("apr-30", "30 April is a date", "3578033004900001", ok_nik("35", "35.78", "35.78.03", "1990-04-30", "M", 1))
N("bad-date-before-serial", "31 April with serial 0000: the date is checked before the serial",
  "3578033104900000", err("nik.bad_birth_date", "birth_date", 6, 12))
# --- century resolution
N("century-equal-reference", "Born on the reference date (2020-09-09): equal is not after, so 2020",
  "3514140909200001", ok_nik("35", "35.14", "35.14.14", "2020-09-09", "M", 1))
N("century-day-after-reference", "Born the day after the reference date: 2020-09-10 is in the future, so 1920",
  "3514141009200001", ok_nik("35", "35.14", "35.14.14", "1920-09-10", "M", 1))
N("century-day-after-female", "Woman born the day after the reference date (day 50): 1920",
  "3514145009200001", ok_nik("35", "35.14", "35.14.14", "1920-09-10", "F", 1))
N("century-day-before-reference", "Born the day before the reference date: 2020",
  "3514140809200001", ok_nik("35", "35.14", "35.14.14", "2020-09-08", "M", 1))
N("century-2015-on-reference", "01-01-15 with reference 2015-01-01: 2015", "3578030101150001",
  ok_nik("35", "35.78", "35.78.03", "2015-01-01", "M", 1), ref="2015-01-01")
N("century-2015-before-reference", "01-01-15 with reference 2014-12-31: 1915", "3578030101150001",
  ok_nik("35", "35.78", "35.78.03", "1915-01-01", "M", 1), ref="2014-12-31")
N("century-yy-99", "YY 99 with reference 2020: 2099 is in the future, so 1999", "3514140101990001",
  ok_nik("35", "35.14", "35.14.14", "1999-01-01", "M", 1))
N("century-yy-00", "YY 00 with reference 2020: 2000", "3514140101000001",
  ok_nik("35", "35.14", "35.14.14", "2000-01-01", "M", 1))
N("future-both-centuries", "01-01-60 with reference 1950-01-01: 2060 and 1960 are both in the future",
  "3514140101600001", err("nik.birth_date_in_future", "birth_date", 6, 12), ref="1950-01-01")
N("future-before-serial", "Future date and serial 0000: the date is checked before the serial",
  "3514140101600000", err("nik.birth_date_in_future", "birth_date", 6, 12), ref="1950-01-01")
# --- serial
N("serial-0000", "Serial 0000 is rejected (serials start at 0001)", "3514140711950000",
  err("nik.zero_serial", "serial", 12, 16))
# --- check order on an all-zero tail
N("order-province", "Everything wrong: the province is reported first", "2000000000000000",
  err("nik.unknown_province", "province", 0, 2))
N("order-regency", "Valid province, rest zero: regency", "3500000000000000",
  err("nik.zero_regency", "regency", 2, 4))
N("order-district", "Valid regency, rest zero: district", "3514000000000000",
  err("nik.zero_district", "district", 4, 6))
N("order-day", "Valid district, rest zero: day", "3514140000000000",
  err("nik.bad_birth_day", "birth_day", 6, 8))
N("order-month", "Valid day, rest zero: month", "3514140100000000",
  err("nik.bad_birth_month", "birth_month", 8, 10))
N("order-serial", "Valid date 2000-01-01, serial zero", "3514140101000000",
  err("nik.zero_serial", "serial", 12, 16))
# --- length
N("empty", "The empty string has the wrong length", "", err("nik.bad_length", "nik", 0, 0))
N("15-digits", "15 digits", "351414071195000", err("nik.bad_length", "nik", 0, 15))
N("17-digits", "17 digits", "35141407119500021", err("nik.bad_length", "nik", 0, 17))
N("length-before-province", "Length is checked before the province", "20141407119500", err("nik.bad_length", "nik", 0, 14))
# --- characters (spans are UTF-8 byte offsets)
N("leading-space", "Leading whitespace is rejected, not trimmed", " 3514140711950002",
  err("nik.invalid_character", "nik", 0, 1))
N("trailing-space", "Trailing whitespace is rejected, not trimmed", "3514140711950002 ",
  err("nik.invalid_character", "nik", 16, 17))
N("trailing-newline", "A trailing newline is rejected", "3514140711950002\n",
  err("nik.invalid_character", "nik", 16, 17))
N("inner-space", "Inner whitespace is rejected", "3514 140711950002",
  err("nik.invalid_character", "nik", 4, 5))
N("tab", "A tab is rejected", "351414\t0711950002", err("nik.invalid_character", "nik", 6, 7))
N("letter-o", "Letter O instead of zero", "35141407119500O2", err("nik.invalid_character", "nik", 14, 15))
N("dotted", "Dots between the parts are rejected", "35.14.14.071195.0002",
  err("nik.invalid_character", "nik", 2, 3))
N("hyphen-prefix", "A minus sign is rejected", "-3514140711950002", err("nik.invalid_character", "nik", 0, 1))
N("arabic-indic-digit", "Arabic-Indic digit one (U+0661, 2 bytes) at byte 2", "35\u0661414071195000",
  err("nik.invalid_character", "nik", 2, 4))
N("arabic-indic-all", "All 16 digits Arabic-Indic: the first character is bytes 0-2",
  "\u0663\u0665\u0661\u0664\u0661\u0664\u0660\u0667\u0661\u0661\u0669\u0665\u0660\u0660\u0660\u0662",
  err("nik.invalid_character", "nik", 0, 2))
N("fullwidth-first", "Fullwidth digit three (U+FF13, 3 bytes) first", "\uff13514140711950002",
  err("nik.invalid_character", "nik", 0, 3))
N("fullwidth-last", "Fullwidth digit two (U+FF12) last, at byte 15", "351414071195000\uff12",
  err("nik.invalid_character", "nik", 15, 18))
N("math-bold-zero", "Mathematical bold zero (U+1D7CE, 4 bytes) at byte 13", "3514140711950\U0001D7CE02",
  err("nik.invalid_character", "nik", 13, 17))
N("nbsp-trailing", "Trailing no-break space (U+00A0, 2 bytes)", "3514140711950002\u00a0",
  err("nik.invalid_character", "nik", 16, 18))
N("zero-width-space", "Leading zero-width space (U+200B, 3 bytes)", "\u200b3514140711950002",
  err("nik.invalid_character", "nik", 0, 3))
N("char-before-length", "A bad character past 16 digits: characters are checked before length",
  "35141407119500021x", err("nik.invalid_character", "nik", 17, 18))
N("char-in-short", "A bad character in a 15-character input", "35141407119500x",
  err("nik.invalid_character", "nik", 14, 15))
N("accent-after-digits", "é (2 bytes) after 16 digits", "3514140711950002\u00e9",
  err("nik.invalid_character", "nik", 16, 18))

# ---------------------------------------------------------------- region
region = []
def R(slug, desc, s, expect):
    region.append({"id": f"region-{len(region)+1:03d}-{slug}", "description": desc,
                   "input": {"code": s}, "expect": expect})
def rok(code, level, prov, reg=None, kind=None, name=None):
    o = {"code": code, "level": level, "province": prov}
    if reg is not None: o["regency"] = reg
    if kind is not None: o["regency_kind"] = kind
    if name is not None: o["name"] = name
    return {"ok": o}
def rerr(code, field, start, end):
    return {"error": {"code": code, "field": field, "span": {"start": start, "end": end}}}
def bad(s):
    return rerr("region.bad_format", None, 0, len(s.encode()))

R("province-jatim", "Province 35 Jawa Timur", "35", rok("35", "province", "35", name="Jawa Timur"))
R("province-jabar", "Province 32 Jawa Barat", "32", rok("32", "province", "32", name="Jawa Barat"))
R("province-96", "Province 96 Papua Barat Daya", "96", rok("96", "province", "96", name="Papua Barat Daya"))
R("province-11", "Province 11 Aceh", "11", rok("11", "province", "11", name="Aceh"))
R("magetan-compact", "Kabupaten Magetan, compact", "3520",
  rok("35.20", "regency", "35", "35.20", "kabupaten", "Kabupaten Magetan"))
R("magetan-dotted", "Kabupaten Magetan, dotted", "35.20",
  rok("35.20", "regency", "35", "35.20", "kabupaten", "Kabupaten Magetan"))
R("pacitan-01", "35.01 Kabupaten Pacitan, first kabupaten", "35.01",
  rok("35.01", "regency", "35", "35.01", "kabupaten", "Kabupaten Pacitan"))
R("tulungagung-04", "35.04 Kabupaten Tulungagung", "3504",
  rok("35.04", "regency", "35", "35.04", "kabupaten", "Kabupaten Tulungagung"))
R("madiun-kabupaten-19", "35.19 Kabupaten Madiun", "35.19",
  rok("35.19", "regency", "35", "35.19", "kabupaten", "Kabupaten Madiun"))
R("sumenep-29", "35.29 Kabupaten Sumenep, last kabupaten", "35.29",
  rok("35.29", "regency", "35", "35.29", "kabupaten", "Kabupaten Sumenep"))
R("jatim-30-unknown", "35.30 is not an East Java regency", "35.30", rerr("region.unknown_regency", "regency", 3, 5))
R("jatim-30-compact-unknown", "3530 is not an East Java regency", "3530", rerr("region.unknown_regency", "regency", 2, 4))
R("jatim-70-unknown", "35.70 is not an East Java regency", "35.70", rerr("region.unknown_regency", "regency", 3, 5))
R("kota-kediri-71", "35.71 Kota Kediri, first kota", "3571",
  rok("35.71", "regency", "35", "35.71", "kota", "Kota Kediri"))
R("madiun-kota-77", "35.77 Kota Madiun", "35.77", rok("35.77", "regency", "35", "35.77", "kota", "Kota Madiun"))
R("surabaya-78", "35.78 Kota Surabaya", "35.78", rok("35.78", "regency", "35", "35.78", "kota", "Kota Surabaya"))
R("batu-79", "35.79 Kota Batu, last kota", "35.79", rok("35.79", "regency", "35", "35.79", "kota", "Kota Batu"))
R("jatim-80-unknown", "35.80 is not an East Java regency", "35.80", rerr("region.unknown_regency", "regency", 3, 5))
R("jatim-regency-zero", "35.00: regency zero", "35.00", rerr("region.zero_code", "regency", 3, 5))
R("jatim-regency-zero-compact", "3500: regency zero", "3500", rerr("region.zero_code", "regency", 2, 4))
R("kota-bandung", "32.73 Kota Bandung: no name outside East Java", "32.73",
  rok("32.73", "regency", "32", "32.73", "kota"))
R("kota-bandung-compact", "3273 Kota Bandung, compact", "3273", rok("32.73", "regency", "32", "32.73", "kota"))
R("papua-barat-daya-regency", "96.01: kabupaten outside East Java, no name", "96.01",
  rok("96.01", "regency", "96", "96.01", "kabupaten"))
R("papua-barat-daya-kota", "96.71: kota outside East Java", "9671", rok("96.71", "regency", "96", "96.71", "kota"))
R("non-jatim-form-only", "32.30: outside East Java only the form is checked", "32.30",
  rok("32.30", "regency", "32", "32.30", "kabupaten"))
R("non-jatim-regency-zero", "32.00: regency zero", "32.00", rerr("region.zero_code", "regency", 3, 5))
R("province-20-unknown", "20 is not a province", "20", rerr("region.unknown_province", "province", 0, 2))
R("province-00-unknown", "00 is not a province", "00", rerr("region.unknown_province", "province", 0, 2))
R("province-97-unknown", "97 is not a province", "97", rerr("region.unknown_province", "province", 0, 2))
R("province-20-regency", "20.01: unknown province at regency level", "20.01",
  rerr("region.unknown_province", "province", 0, 2))
R("province-before-regency", "0000: the province is checked before the zero regency", "0000",
  rerr("region.unknown_province", "province", 0, 2))
R("district-dotted", "35.04.03 Kedungwaru: district level, no name", "35.04.03",
  rok("35.04.03", "district", "35", "35.04", "kabupaten"))
R("district-compact", "350403 Kedungwaru, compact", "350403",
  rok("35.04.03", "district", "35", "35.04", "kabupaten"))
R("district-kota", "35.73.04 Sukun in Kota Malang", "35.73.04", rok("35.73.04", "district", "35", "35.73", "kota"))
R("district-zero", "35.20.00: district zero", "35.20.00", rerr("region.zero_code", "district", 6, 8))
R("district-zero-compact", "352000: district zero", "352000", rerr("region.zero_code", "district", 4, 6))
R("regency-before-district", "35.30.00: the unknown regency is reported before the zero district", "35.30.00",
  rerr("region.unknown_regency", "regency", 3, 5))
R("village-dotted", "35.20.03.2001: village level", "35.20.03.2001",
  rok("35.20.03.2001", "village", "35", "35.20", "kabupaten"))
R("village-compact", "3520032001: village level, compact", "3520032001",
  rok("35.20.03.2001", "village", "35", "35.20", "kabupaten"))
R("village-other-province", "31.71.01.1001: a village in DKI Jakarta", "31.71.01.1001",
  rok("31.71.01.1001", "village", "31", "31.71", "kota"))
R("village-zero", "35.20.03.0000: village zero", "35.20.03.0000", rerr("region.zero_code", "village", 9, 13))
R("village-zero-compact", "3520030000: village zero", "3520030000", rerr("region.zero_code", "village", 6, 10))
for slug, desc, s in [
    ("empty", "The empty string", ""),
    ("one-digit", "A single digit", "3"),
    ("three-digits", "Three digits: no level has 3", "352"),
    ("five-digits", "Five digits", "35200"),
    ("eight-digits", "Eight digits: no level has 8", "35200320"),
    ("eleven-digits", "Eleven digits", "35200320011"),
    ("mixed-dotting", "Mixed dotting 35.2003", "35.2003"),
    ("mixed-dotting-2", "Mixed dotting 3520.03", "3520.03"),
    ("trailing-dot", "Trailing dot", "35.20."),
    ("leading-dot", "Leading dot", ".35"),
    ("double-dot", "Empty group between dots", "35..20"),
    ("one-digit-group", "A one-digit regency group", "35.2"),
    ("three-digit-group", "A three-digit regency group", "35.200"),
    ("three-digit-province", "A three-digit province group", "350.20"),
    ("short-village", "A three-digit village group", "35.20.03.200"),
    ("long-village", "A five-digit village group", "35.20.03.20011"),
    ("five-groups", "Five groups", "35.20.03.2001.01"),
    ("leading-space", "Leading whitespace is not trimmed", " 35"),
    ("trailing-space", "Trailing whitespace is not trimmed", "3520 "),
    ("hyphen", "Hyphen as separator", "35-20"),
    ("letter", "A letter in a group", "35.2a"),
    ("unknown-province-bad-form", "Malformed and unknown province: format first", "20.2003"),
    ("arabic-indic", "Arabic-Indic digits (2 bytes each, 4 bytes in all)", "\u0663\u0665"),
    ("fullwidth-dotted", "Fullwidth digits, dotted (span in bytes)", "\uff13\uff15.\uff12\uff10"),
]:
    R(f"bad-{slug}", desc, s, bad(s))

# ---------------------------------------------------------------- pseudonym
pseudo = []
def P(slug, desc, s, key, ref=REF, expect=None):
    if expect is None:
        kb = key.encode("utf-8")
        if len(kb) < 16:
            expect = {"error": {"code": "pseudonym.short_key"}}
        else:
            expect = {"ok": {"pseudonym": hmac.new(kb, s.encode("ascii"), hashlib.sha256).hexdigest()}}
    pseudo.append({"id": f"pseudonym-{len(pseudo)+1:03d}-{slug}", "description": desc,
                   "input": {"nik": s, "reference_date": ref, "key_utf8": key}, "expect": expect})

P("seed-male", "Seed male beneficiary with the office key", "3514140711950002", "kunci-rahasia-dinsos-jatim")
P("seed-female", "Seed female beneficiary with the office key", "3504035203980001", "kunci-rahasia-dinsos-jatim")
P("reference-date-irrelevant", "The reference date does not change the pseudonym (same as seed-male)",
  "3514140711950002", "kunci-rahasia-dinsos-jatim", ref="2030-01-01")
P("key-16-ascii", "A 16-byte key is the shortest accepted", "3514140711950002", "0123456789abcdef")
P("key-15-ascii", "A 15-byte key is rejected", "3514140711950002", "0123456789abcde")
P("key-empty", "An empty key is rejected", "3514140711950002", "")
P("key-16-bytes-8-chars", "8 characters, 16 UTF-8 bytes: accepted (length is in bytes)", "3514140711950002",
  "\u00e9" * 8)
P("key-15-bytes-8-chars", "8 characters, 15 UTF-8 bytes: rejected", "3514140711950002", "\u00e9" * 7 + "a")
P("key-15-chars-16-bytes", "15 characters, 16 UTF-8 bytes: accepted", "3504035203980001", "kunci-rahasia-\u00e9")
P("key-longer-than-block", "A 100-byte key (longer than the SHA-256 block, so HMAC hashes it)",
  "3578032902000001", "k" * 100)
P("other-key-other-pseudonym", "Another key gives another pseudonym", "3514140711950002", "0123456789abcdeg")
assert len({json.dumps(v["expect"]) for v in pseudo if "ok" in v["expect"]}) == \
    sum(1 for v in pseudo if "ok" in v["expect"]) - 1  # only reference-date-irrelevant repeats

# ---------------------------------------------------------------- independent model cross-check
PROV = {11,12,13,14,15,16,17,18,19,21,31,32,33,34,35,36,51,52,53,61,62,63,64,65,71,72,73,74,75,76,81,82,91,92,93,94,95,96}
JATIM = set(range(1, 30)) | set(range(71, 80))
def model_nik(s, ref):
    ref = datetime.date.fromisoformat(ref)
    b = s.encode()
    pos = 0
    for ch in s:
        n = len(ch.encode())
        if ch not in "0123456789":
            return err("nik.invalid_character", "nik", pos, pos + n)
        pos += n
    if len(s) != 16: return err("nik.bad_length", "nik", 0, len(s))
    p, k, c, dd, mm, yy = (int(s[i:i+2]) for i in range(0, 12, 2))
    if p not in PROV: return err("nik.unknown_province", "province", 0, 2)
    if k == 0: return err("nik.zero_regency", "regency", 2, 4)
    if p == 35 and k not in JATIM: return err("nik.unknown_regency", "regency", 2, 4)
    if c == 0: return err("nik.zero_district", "district", 4, 6)
    if 1 <= dd <= 31: day, sex = dd, "M"
    elif 41 <= dd <= 71: day, sex = dd - 40, "F"
    else: return err("nik.bad_birth_day", "birth_day", 6, 8)
    if not 1 <= mm <= 12: return err("nik.bad_birth_month", "birth_month", 8, 10)
    cands = []
    for y in (2000 + yy, 1900 + yy):
        try: cands.append(datetime.date(y, mm, day))
        except ValueError: pass
    if not cands: return err("nik.bad_birth_date", "birth_date", 6, 12)
    ok = [d for d in cands if d <= ref]
    if not ok: return err("nik.birth_date_in_future", "birth_date", 6, 12)
    if s[12:] == "0000": return err("nik.zero_serial", "serial", 12, 16)
    return ok_nik(f"{p:02}", f"{p:02}.{k:02}", f"{p:02}.{k:02}.{c:02}", max(ok).isoformat(), sex, int(s[12:]))

NAMES = {11: "Aceh", 32: "Jawa Barat", 35: "Jawa Timur", 96: "Papua Barat Daya", 31: "DKI Jakarta"}
JN = {1: "Kabupaten Pacitan", 4: "Kabupaten Tulungagung", 19: "Kabupaten Madiun", 20: "Kabupaten Magetan",
      29: "Kabupaten Sumenep", 71: "Kota Kediri", 77: "Kota Madiun", 78: "Kota Surabaya", 79: "Kota Batu"}
def model_region(s):
    W = [2, 2, 2, 4]
    if "." in s:
        parts = s.split(".")
    else:
        widths = {2: [2], 4: [2, 2], 6: [2, 2, 2], 10: [2, 2, 2, 4]}.get(len(s.encode()))
        if widths is None or not s.isascii(): return bad(s)
        parts, i = [], 0
        for w in widths: parts.append(s[i:i+w]); i += w
    if not 1 <= len(parts) <= 4: return bad(s)
    for i, g in enumerate(parts):
        if len(g) != W[i] or not all(ch in "0123456789" for ch in g): return bad(s)
    v = [int(g) for g in parts]
    dotted = "." in s
    starts = [0, 3, 6, 9] if dotted else [0, 2, 4, 6]
    if v[0] not in PROV: return rerr("region.unknown_province", "province", 0, 2)
    lv = ["province", "regency", "district", "village"]
    if len(v) >= 2:
        if v[1] == 0: return rerr("region.zero_code", "regency", starts[1], starts[1] + 2)
        if v[0] == 35 and v[1] not in JATIM: return rerr("region.unknown_regency", "regency", starts[1], starts[1] + 2)
    if len(v) >= 3 and v[2] == 0: return rerr("region.zero_code", "district", starts[2], starts[2] + 2)
    if len(v) >= 4 and v[3] == 0: return rerr("region.zero_code", "village", starts[3], starts[3] + 4)
    code = ".".join(parts)
    if len(v) == 1: return rok(code, "province", parts[0], name=NAMES[v[0]])
    name = JN[v[1]] if (len(v) == 2 and v[0] == 35) else None
    return rok(code, lv[len(v) - 1], parts[0], f"{parts[0]}.{parts[1]}", "kota" if v[1] >= 71 else "kabupaten", name)

bad_count = 0
for v in nik:
    m = model_nik(v["input"]["nik"], v["input"]["reference_date"])
    if m != v["expect"]:
        bad_count += 1; print("NIK MISMATCH", v["id"], v["expect"], m)
for v in region:
    m = model_region(v["input"]["code"])
    if m != v["expect"]:
        bad_count += 1; print("REGION MISMATCH", v["id"], v["expect"], m)
ids = [v["id"] for v in nik + region + pseudo]
assert len(ids) == len(set(ids))
if bad_count: sys.exit(1)

out = sys.argv[1]
for suite, vecs in [("nik", nik), ("region", region), ("pseudonym", pseudo)]:
    with open(f"{out}/{suite}.json", "w", encoding="utf-8") as f:
        json.dump({"suite": suite, "vectors": vecs}, f, ensure_ascii=True, indent=2)
        f.write("\n")
print(len(nik), len(region), len(pseudo))
