// Converts plain objects (or arrays of values per column) into the columns that
// `Population.fromRecords` / `Population.fromColumns` hand to the core's column import, on the
// JS side: a few crossings into wasm in all instead of one per object.
//
// Imported by the wasm-bindgen glue (a snippet of bindings/wasm/src/records.rs); not part of
// the package's public API. Only *types* are checked here (a wrong type is `input.invalid`, as
// before); values (dates, NIKs, enumerations) are parsed and validated by the core, once per
// distinct value.
//
// The result is `{ invalid: "message" }` or `{ length, bytes, u32, columns }`: every string
// written as UTF-8 into `bytes` (a Uint8Array), every per-row index and string end into `u32`
// (a Uint32Array; offsets into it are called slots below), and a descriptor per column:
//   { name, kind: "text", ends }        one string per row (null is ""): `ends` is the slot of
//                                        n byte ends in `bytes`; the first starts at `start`
//   { name, kind: "dict", codes, ... }  `codes` the slot of n indices into the column's
//                                        distinct values (0xFFFFFFFF null), which are strings
//                                        (`count` of them, `ends`, `start` as above), numbers
//                                        (`numbers`, a Float64Array) or lists (strings as
//                                        above for their items, `counts` the slot of the
//                                        number of items of each of the `lists` lists)
//   { name, kind: "numbers", numbers }   a Float64Array (NaN null)
// The buffers are reused from call to call (up to a few MB): wasm copies them before the call
// returns.

const NULL = 0xffffffff;
const TEXT = ["id", "nik", "name"];
const DATES = ["birth_date", "residence_since", "discharged_on"];
const LISTS = ["disabilities", "skills"];
// In the schema's order, which is the order of a row's cell issues.
const COLUMNS = ["id", "nik", "name", "birth_date", "sex", "disabilities", "care_status", "upt_id",
  "residence_since", "discharged_on", "education", "dtks_decile", "employment", "skills", "regency"];
const SCHEMA = new Set(COLUMNS);

class Invalid {
  constructor(message) {
    this.message = message;
  }
}

function describe(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (v instanceof Date) return "a Date";
  return `a ${typeof v}`;
}

function bad(row, key, v, expected) {
  const where = row === undefined ? `column \`${key}\`` : `record ${row}, \`${key}\``;
  return new Invalid(`${where}: expected ${expected}, found ${describe(v)}`);
}

const pad = (n, w) => String(n).padStart(w, "0");

// A Date by its local calendar date (so midnight in WIB is never the previous day).
function isoOfDate(d) {
  const y = d.getFullYear();
  if (Number.isNaN(y)) return undefined;
  const ys = y >= 0 && y <= 9999 ? pad(y, 4) : String(y);
  return `${ys}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}`;
}

// The output buffers, grown as needed and reused.
let bytes = new Uint8Array(1 << 16);
let used = 0;
let u32 = new Uint32Array(1 << 14);
let slots = 0;

function reserveBytes(extra) {
  if (used + extra <= bytes.length) return;
  const b = new Uint8Array(Math.max(bytes.length * 2, used + extra));
  b.set(bytes.subarray(0, used));
  bytes = b;
}

// `k` slots of u32; returns the first.
function reserveSlots(k) {
  if (slots + k > u32.length) {
    const b = new Uint32Array(Math.max(u32.length * 2, slots + k));
    b.set(u32.subarray(0, slots));
    u32 = b;
  }
  const at = slots;
  slots += k;
  return at;
}

// Writes `s` as UTF-8 into `b` from `p` (a lone surrogate as U+FFFD, as TextEncoder does);
// returns the end. `b` has room for `s.length * 3` bytes from `p`.
function writeUtf8(b, p, s) {
  for (let k = 0; k < s.length; k++) {
    let c = s.charCodeAt(k);
    if (c < 0x80) {
      b[p++] = c;
      continue;
    }
    if (c < 0x800) {
      b[p++] = 0xc0 | (c >> 6);
      b[p++] = 0x80 | (c & 63);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = k + 1 < s.length ? s.charCodeAt(k + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        k++;
        b[p++] = 0xf0 | (cp >> 18);
        b[p++] = 0x80 | ((cp >> 12) & 63);
        b[p++] = 0x80 | ((cp >> 6) & 63);
        b[p++] = 0x80 | (cp & 63);
        continue;
      }
      c = 0xfffd;
    }
    b[p++] = 0xe0 | (c >> 12);
    b[p++] = 0x80 | ((c >> 6) & 63);
    b[p++] = 0x80 | (c & 63);
  }
  return p;
}

// Writes `s` as UTF-8 into `bytes`; returns the end.
function writeString(s) {
  reserveBytes(s.length * 3);
  used = writeUtf8(bytes, used, s);
  return used;
}

// Writes strings; `{ count, start, ends }` of a descriptor.
function writeStrings(list) {
  const start = used;
  const ends = reserveSlots(list.length);
  for (let k = 0; k < list.length; k++) u32[ends + k] = writeString(list[k]);
  return { count: list.length, start, ends };
}

// The type check of a new distinct value (or a throw); its form for the core.
function admit(name, v, row, kind) {
  if (kind === "date") {
    if (typeof v === "string") return v;
    if (v instanceof Date) {
      const iso = isoOfDate(v);
      if (iso === undefined) throw bad(row, name, v, "a valid Date");
      return iso;
    }
    throw bad(row, name, v, "a string, a Date or null");
  }
  if (kind === "number") {
    if (typeof v === "number") return v;
    throw bad(row, name, v, "a number or null");
  }
  if (typeof v === "string") return v;
  throw bad(row, name, v, "a string or null");
}

// Strings of the shape `dddd-dd-dd` are told apart by their digits through a table instead of
// a Map (no string hashing); whether they are dates at all is for the core to say. One table
// region per date column, of years 1900-2099 (others go through the Map); a Uint16Array, small
// enough to stay in the cache (past 65,535 distinct dates in a column, the Map too). The slots
// used are cleared by `begin`.
const Y0 = 1900;
const YEARS = 200;
const SPAN = YEARS * 20 * 40;
let daySlots = null;
const dayTouched = [];

function shapeKey(v) {
  if (v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return -1;
  let y = 0;
  for (let k = 0; k < 4; k++) {
    const d = v.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    y = y * 10 + d;
  }
  const m1 = v.charCodeAt(5) - 48, m2 = v.charCodeAt(6) - 48, d1 = v.charCodeAt(8) - 48, d2 = v.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 1 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 3 || d2 < 0 || d2 > 9) return -1;
  if (y < Y0 || y >= Y0 + YEARS) return -1;
  return ((y - Y0) * 20 + m1 * 10 + m2) * 40 + d1 * 10 + d2;
}

// Dictionary-encoded scalars, one row at a time (`add(i, value)`), each distinct value once.
// While there are few distinct values a scan finds them (faster than hashing), then a Map.
function dictEncoder(name, n, kind) {
  const codes = reserveSlots(n);
  const values = []; // distinct values in the form the core reads
  const forms = new Map(); // that form -> code
  const seen = []; // the values as given, with their codes, while few
  const seenCodes = [];
  let index = null; // then a Map of them
  let base = -1;
  if (kind === "date") {
    if (daySlots === null) daySlots = new Uint16Array(DATES.length * SPAN);
    base = DATES.indexOf(name) * SPAN;
  }
  return {
    add(i, v) {
      if (v === undefined || v === null) {
        u32[codes + i] = NULL;
        return;
      }
      let c = -1;
      if (base >= 0 && typeof v === "string") {
        const key = shapeKey(v);
        if (key >= 0) {
          c = daySlots[base + key] - 1;
          if (c < 0 && values.length < 0xffff) {
            c = values.length;
            values.push(v);
            daySlots[base + key] = c + 1;
            dayTouched.push(base + key);
          }
          if (c >= 0) {
            u32[codes + i] = c;
            return;
          }
        }
      }
      if (index === null) {
        for (let k = 0; k < seen.length; k++) {
          if (seen[k] === v) {
            c = seenCodes[k];
            break;
          }
        }
      } else {
        const hit = index.get(v);
        if (hit !== undefined) c = hit;
      }
      if (c < 0) {
        const form = admit(name, v, i + 1, kind);
        c = forms.get(form);
        if (c === undefined) {
          c = values.length;
          values.push(form);
          forms.set(form, c);
        }
        // A Date is found by its day (a Date object is rarely seen twice).
        if (!(v instanceof Date)) {
          if (index !== null) index.set(v, c);
          else {
            seen.push(v);
            seenCodes.push(c);
            if (seen.length > 16) index = new Map(seen.map((x, k) => [x, seenCodes[k]]));
          }
        }
      }
      u32[codes + i] = c;
    },
    done() {
      if (kind === "number") return { name, kind: "dict", codes, numbers: Float64Array.from(values) };
      return { name, kind: "dict", codes, ...writeStrings(values) };
    },
  };
}

// Dictionary-encoded lists (arrays of strings): each distinct item gets a small number, and
// lists are found in a trie of arrays indexed by those numbers.
function listEncoder(name, n) {
  const codes = reserveSlots(n);
  const values = [];
  const items = new Map(); // item -> its number
  const root = { code: -1, next: [] };
  return {
    add(i, v) {
      if (v === undefined || v === null) {
        u32[codes + i] = NULL;
        return;
      }
      if (!Array.isArray(v)) throw bad(i + 1, name, v, "an array of strings or null");
      let node = root;
      for (let k = 0; k < v.length; k++) {
        const item = v[k];
        if (typeof item !== "string") throw bad(i + 1, name, item, "an array of strings");
        let id = items.get(item);
        if (id === undefined) {
          id = items.size;
          items.set(item, id);
        }
        let child = node.next[id];
        if (child === undefined) {
          child = { code: -1, next: [] };
          node.next[id] = child;
        }
        node = child;
      }
      if (node.code < 0) {
        node.code = values.length;
        values.push(v.slice());
      }
      u32[codes + i] = node.code;
    },
    done() {
      const counts = reserveSlots(values.length);
      for (let k = 0; k < values.length; k++) u32[counts + k] = values[k].length;
      return { name, kind: "dict", codes, lists: values.length, counts, ...writeStrings(values.flat()) };
    },
  };
}

// Per-row strings (id, nik, name), written as UTF-8 during the pass (while the string is in
// the cache) into a buffer of the column's own, which is copied into \`bytes\` after the pass so
// that each column's strings lie end to end.
function textEncoder(name, n) {
  let buf = new Uint8Array(Math.max(256, n * 16));
  let p = 0;
  const ends = new Uint32Array(n);
  return {
    add(i, v) {
      if (typeof v === "string") {
        if (p + v.length * 3 > buf.length) {
          const b = new Uint8Array(Math.max(buf.length * 2, p + v.length * 3));
          b.set(buf.subarray(0, p));
          buf = b;
        }
        p = writeUtf8(buf, p, v);
      } else if (v !== undefined && v !== null) {
        throw bad(i + 1, name, v, "a string or null");
      }
      ends[i] = p;
    },
    done() {
      reserveBytes(p);
      const start = used;
      bytes.set(buf.subarray(0, p), start);
      used += p;
      const at = reserveSlots(n);
      for (let i = 0; i < n; i++) u32[at + i] = ends[i] + start;
      return { name, kind: "text", start, ends: at };
    },
  };
}

function encoder(name, n) {
  if (TEXT.includes(name)) return textEncoder(name, n);
  if (DATES.includes(name)) return dictEncoder(name, n, "date");
  if (LISTS.includes(name)) return listEncoder(name, n);
  if (name === "dtks_decile") return dictEncoder(name, n, "number");
  return dictEncoder(name, n, "string");
}

// A column given whole; `at(i)` is the value of row `i`.
function encode(name, at, n) {
  const e = encoder(name, n);
  for (let i = 0; i < n; i++) e.add(i, at(i));
  return e.done();
}

// The result, with the buffers as written.
function result(n, columns) {
  const out = { length: n, bytes: bytes.subarray(0, used), u32: u32.subarray(0, slots), columns };
  // Large buffers are not kept between calls (a page that imported a million rows once should
  // not hold their text); the result holds them until wasm has copied them.
  if (bytes.length > 1 << 22) bytes = new Uint8Array(1 << 16);
  if (u32.length > 1 << 20) u32 = new Uint32Array(1 << 14);
  return out;
}

function begin() {
  used = 0;
  slots = 0;
  for (const k of dayTouched) daySlots[k] = 0;
  dayTouched.length = 0;
}

// Throws for the first record from index `from` that is not a plain object.
function notObjects(records, from) {
  for (let i = from; i < records.length; i++) {
    const r = records[i];
    if (r === null || typeof r !== "object" || Array.isArray(r) || r instanceof Date) {
      throw new Invalid(`record ${i + 1}: expected an object, found ${describe(r)}`);
    }
  }
}

/**
 * An array of plain objects in the tabular form, as columns; with `only` (an array of
 * column names) just those and `id` (the others are left unknown, and not read).
 */
export function encodeRecords(records, only) {
  try {
    if (!Array.isArray(records)) throw new Invalid(`expected an array of objects, found ${describe(records)}`);
    const n = records.length;
    begin();
    let wanted = null;
    if (only !== undefined && only !== null) {
      if (!Array.isArray(only) || only.some((c) => typeof c !== "string")) {
        notObjects(records, 0);
        throw new Invalid(`\`columns\` must be an array of column names, found ${describe(only)}`);
      }
      wanted = new Set(only.map((c) => c.trim().toLowerCase()));
    }
    const read = (col) => wanted === null || col === "id" || wanted.has(col);
    // A slot per row and column read, taken at once (growing the buffer column by column
    // copied it several times).
    reserveSlots(n * COLUMNS.filter(read).length + (n >> 1) + 4096);
    slots = 0;
    reserveBytes(n * 16 * TEXT.filter(read).length);
    // One pass over the objects (each is read once, while it is in the cache), an encoder per
    // column read; each property read at its own site (monomorphic when the objects share a
    // shape).
    const use = (col) => (read(col) ? encoder(col, n) : null);
    const eId = use("id"), eNik = use("nik"), eName = use("name"), eBirth = use("birth_date"), eSex = use("sex");
    const eDis = use("disabilities"), eCare = use("care_status"), eUpt = use("upt_id"), eSince = use("residence_since");
    const eOut = use("discharged_on"), eEdu = use("education"), eDtks = use("dtks_decile"), eEmp = use("employment");
    const eSkills = use("skills"), eReg = use("regency");
    let i = 0;
    try {
      for (; i < n; i++) {
        const r = records[i];
        if (r === null || typeof r !== "object" || Array.isArray(r) || r instanceof Date) break;
        eId.add(i, r.id);
        if (eNik !== null) eNik.add(i, r.nik);
        if (eName !== null) eName.add(i, r.name);
        if (eBirth !== null) eBirth.add(i, r.birth_date);
        if (eSex !== null) eSex.add(i, r.sex);
        if (eDis !== null) eDis.add(i, r.disabilities);
        if (eCare !== null) eCare.add(i, r.care_status);
        if (eUpt !== null) eUpt.add(i, r.upt_id);
        if (eSince !== null) eSince.add(i, r.residence_since);
        if (eOut !== null) eOut.add(i, r.discharged_on);
        if (eEdu !== null) eEdu.add(i, r.education);
        if (eDtks !== null) eDtks.add(i, r.dtks_decile);
        if (eEmp !== null) eEmp.add(i, r.employment);
        if (eSkills !== null) eSkills.add(i, r.skills);
        if (eReg !== null) eReg.add(i, r.regency);
      }
    } catch (e) {
      // A record that is not an object is reported before any value of another type.
      if (e instanceof Invalid) notObjects(records, i + 1);
      throw e;
    }
    notObjects(records, i);
    // In the schema's order.
    const columns = [eId, eNik, eName, eBirth, eSex, eDis, eCare, eUpt, eSince, eOut, eEdu, eDtks, eEmp, eSkills, eReg]
      .filter((e) => e !== null)
      .map((e) => e.done());
    return result(n, columns);
  } catch (e) {
    if (e instanceof Invalid) return { invalid: e.message };
    throw e;
  }
}

/**
 * Columns given whole: `{ id: [...], birth_date: [...], dtks_decile: Float64Array, ... }`,
 * each an array (values as in a record) or, for the date columns (day numbers) and
 * `dtks_decile`, a `Float64Array`/`Int32Array` (NaN unknown).
 */
export function encodeColumns(columns) {
  try {
    if (columns === null || typeof columns !== "object" || Array.isArray(columns)) {
      throw new Invalid(`expected an object of columns, found ${describe(columns)}`);
    }
    begin();
    let n;
    const out = [];
    for (const name of Object.keys(columns)) {
      // Other names are ignored, as extra keys of records and extra CSV columns are.
      if (!SCHEMA.has(name)) continue;
      const values = columns[name];
      const typed = values instanceof Float64Array || values instanceof Int32Array;
      if (!Array.isArray(values) && !typed) throw bad(undefined, name, values, "an array or a Float64Array");
      if (n === undefined) n = values.length;
      if (values.length !== n) throw new Invalid(`column \`${name}\` has ${values.length} values, the first ${n}`);
      if (typed) {
        if (!DATES.includes(name) && name !== "dtks_decile") {
          throw bad(undefined, name, values, "an array (typed arrays are for dates and dtks_decile)");
        }
        out.push({ name, kind: "numbers", numbers: values instanceof Float64Array ? values : Float64Array.from(values) });
      } else {
        out.push(encode(name, (i) => values[i], n));
      }
    }
    return result(n ?? 0, out);
  } catch (e) {
    if (e instanceof Invalid) return { invalid: e.message };
    throw e;
  }
}
