// Converts plain objects (or arrays of values per column) into the columns that
// `Population.fromRecords` / `Population.fromColumns` hand to the core's column import, on the
// JS side: one crossing into wasm per column instead of one per object.
//
// Imported by the wasm-bindgen glue (a snippet of bindings/wasm/src/records.rs); not part of
// the package's public API. Only *types* are checked here (a wrong type is `input.invalid`, as
// before); values (dates, NIKs, enumerations) are parsed and validated by the core, once per
// distinct value.
//
// The result is `{ length, columns: [...] }` or `{ invalid: "message" }`. A column is
//   { name, kind: "text", text, ends }  one string per row, concatenated; `ends` (Uint32Array)
//                                        the cumulative UTF-16 lengths; null is ""
//   { name, kind: "dict", codes, values } `codes` (Uint32Array) an index into `values` per row
//                                        (0xFFFFFFFF null); `values` strings, arrays of
//                                        strings (lists) or numbers
//   { name, kind: "numbers", numbers }   a Float64Array (NaN null)

const NULL = 0xffffffff;
const TEXT = ["id", "nik", "name"];
const STRINGS = ["sex", "care_status", "upt_id", "education", "employment", "regency"];
const DATES = ["birth_date", "residence_since", "discharged_on"];
const LISTS = ["disabilities", "skills"];
// In the schema's order, which is the order of a row's cell issues.
const SCHEMA = new Set(["id", "nik", "name", "birth_date", "sex", "disabilities", "care_status", "upt_id",
  "residence_since", "discharged_on", "education", "dtks_decile", "employment", "skills", "regency"]);

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

// Per-row strings: id, nik, name.
function textColumn(name, at, n) {
  const parts = new Array(n);
  const ends = new Uint32Array(n);
  let end = 0;
  for (let i = 0; i < n; i++) {
    const v = at(i);
    if (typeof v === "string") {
      parts[i] = v;
      end += v.length;
    } else if (v === undefined || v === null) {
      parts[i] = "";
    } else {
      throw bad(i + 1, name, v, "a string or null");
    }
    ends[i] = end;
  }
  return { name, kind: "text", text: parts.join(""), ends };
}

function sameList(a, b) {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

// Dictionary-encoded: each distinct value once.
function dictColumn(name, at, n, kind) {
  const codes = new Uint32Array(n);
  const values = [];
  const index = new Map();
  for (let i = 0; i < n; i++) {
    let v = at(i);
    if (v === undefined || v === null) {
      codes[i] = NULL;
      continue;
    }
    if (kind === "list") {
      if (!Array.isArray(v)) throw bad(i + 1, name, v, "an array of strings or null");
      // Keyed by the items joined; a hit is confirmed item by item (a key can be shared).
      const key = v.length === 1 ? v[0] : v.join("\u0000");
      const c = index.get(key);
      if (c !== undefined && sameList(values[c], v)) {
        codes[i] = c;
        continue;
      }
      for (const item of v) if (typeof item !== "string") throw bad(i + 1, name, item, "an array of strings");
      codes[i] = values.length;
      values.push(v.slice());
      if (c === undefined) index.set(key, codes[i]);
      continue;
    }
    const c = index.get(v);
    if (c !== undefined) {
      codes[i] = c;
      continue;
    }
    if (kind === "date" && v instanceof Date) {
      const iso = isoOfDate(v);
      if (iso === undefined) throw bad(i + 1, name, v, "a valid Date");
      v = iso;
      const c = index.get(v);
      if (c !== undefined) {
        codes[i] = c;
        continue;
      }
    } else if (kind === "number" ? typeof v !== "number" : typeof v !== "string") {
      const expected = kind === "number" ? "a number or null" : kind === "date" ? "a string, a Date or null" : "a string or null";
      throw bad(i + 1, name, v, expected);
    }
    codes[i] = values.length;
    values.push(v);
    index.set(v, codes[i]);
  }
  return { name, kind: "dict", codes, values };
}

function encode(name, at, n) {
  if (TEXT.includes(name)) return textColumn(name, at, n);
  if (DATES.includes(name)) return dictColumn(name, at, n, "date");
  if (LISTS.includes(name)) return dictColumn(name, at, n, "list");
  if (name === "dtks_decile") return dictColumn(name, at, n, "number");
  return dictColumn(name, at, n, "string");
}

/** An array of plain objects in the tabular form, as columns. */
export function encodeRecords(records) {
  try {
    if (!Array.isArray(records)) throw new Invalid(`expected an array of objects, found ${describe(records)}`);
    const n = records.length;
    for (let i = 0; i < n; i++) {
      const r = records[i];
      if (r === null || typeof r !== "object" || Array.isArray(r) || r instanceof Date) {
        throw new Invalid(`record ${i + 1}: expected an object, found ${describe(r)}`);
      }
    }
    const columns = [];
    for (const name of SCHEMA) {
      columns.push(encode(name, (i) => records[i][name], n));
    }
    return { length: n, columns };
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
    return { length: n ?? 0, columns: out };
  } catch (e) {
    if (e instanceof Invalid) return { invalid: e.message };
    throw e;
  }
}
