#!/usr/bin/env python3
"""An independent oracle for the rule vectors: a small re-implementation of the rule language
(tokenizer, parser, Kleene evaluator) in Python, standard library only. It recomputes the outcome
and missing facts of every evaluation vector and reports disagreements with the expectations.
Run: python3 conformance/rules/oracle.py
"""
import datetime as dt
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

SUB = {"mental": {"mental_psychosocial", "mental_developmental"},
       "sensory": {"sensory_visual", "sensory_hearing", "sensory_speech"}}
DIS = {"physical": ["fisik", "daksa"], "intellectual": ["intelektual", "grahita"], "mental": [],
       "mental_psychosocial": ["psikososial", "psychosocial", "laras"],
       "mental_developmental": ["perkembangan"], "sensory": ["sensorik"],
       "sensory_visual": ["netra"], "sensory_hearing": ["rungu"], "sensory_speech": ["wicara"]}
ENUMS = {
    "education": (["none", "sd", "smp", "sma", "diploma", "bachelor", "master", "doctorate"],
                  {"tidak_sekolah": "none", "sltp": "smp", "slta": "sma", "smk": "sma", "s1": "bachelor"}),
    "care_status": (["applicant", "resident", "alumnus", "none"],
                    {"calon": "applicant", "warga_binaan": "resident", "eks": "alumnus"}),
    "employment": (["unemployed", "employed", "self_employed", "employer"],
                   {"belum_bekerja": "unemployed", "wirausaha": "self_employed", "bekerja": "employed"}),
    "sex": (["m", "f"], {"l": "m", "p": "f", "perempuan": "f", "laki_laki": "m"}),
    "multiplicity": (["none", "tunggal", "ganda", "multi"],
                     {"single": "tunggal", "double": "ganda", "multiple": "multi"}),
    "partner_kind": (["university", "health_college", "polytechnic", "hospital", "business", "ngo",
                      "government_unit"],
                     {"universitas": "university", "rsud": "hospital", "rumah_sakit": "hospital"}),
}
INPUT = {"age": "birth_date", "days_in_care": "residence_since",
         "days_since_discharge": "discharged_on", "disability_count": "disabilities",
         "multiplicity": "disabilities", "nik_province": "nik", "nik_regency": "nik",
         "domicile_regency": "regency", "domicile_province": "regency"}
DATES = {"birth_date", "residence_since", "discharged_on"}


def canon_dis(s):
    s = s.lower()
    for k, al in DIS.items():
        if s == k or s in al:
            return k
    raise ValueError(s)


def enum_ord(fact, s):
    names, alias = ENUMS[fact]
    s = str(s).lower()
    s = alias.get(s, s)
    return names.index(s)


def date(s):
    return dt.date.fromisoformat(s)


def add_months(d, n):
    m = d.year * 12 + d.month - 1 + n
    y, m = divmod(m, 12)
    m += 1
    last = [31, 29 if (y % 4 == 0 and (y % 100 or y % 400 == 0)) else 28, 31, 30, 31, 30, 31, 31,
            30, 31, 30, 31][m - 1]
    return dt.date(y, m, min(d.day, last))


def fact_value(name, f, ctx, as_of):
    """The fact's value, or None if unknown."""
    g = lambda k: f.get(k)
    if name == "age":
        b = g("birth_date")
        if b is None or date(b) > as_of:
            return None
        b = date(b)
        return as_of.year - b.year - ((as_of.month, as_of.day) < (b.month, b.day))
    if name in DATES:
        return None if g(name) is None else date(g(name))
    if name == "days_in_care":
        return None if g("residence_since") is None else (as_of - date(g("residence_since"))).days
    if name == "days_since_discharge":
        return None if g("discharged_on") is None else (as_of - date(g("discharged_on"))).days
    if name in ("disabilities", "disability_count", "multiplicity"):
        if g("disabilities") is None:
            return None
        s = set()
        for x in g("disabilities"):
            x = canon_dis(x)
            if x in SUB and s & SUB[x]:
                continue
            for parent, kids in SUB.items():
                if x in kids:
                    s.discard(parent)
            s.add(x)
        if name == "disabilities":
            return s
        return len(s) if name == "disability_count" else min(len(s), 3)
    if name in ("nik_province", "nik_regency"):
        n = g("nik")
        if n is None or not re.fullmatch(r"\d{16}", n):
            return None
        return n[:2] if name == "nik_province" else n[:4]
    if name in ("domicile_regency", "domicile_province"):
        r = g("regency")
        if r is None:
            return None
        r = r.replace(".", "")
        return r if name == "domicile_regency" else r[:2]
    if name in ("agreement_in_force", "partner_kind"):
        v = ctx.get(name)
        return None if v is None else (enum_ord(name, v) if name == "partner_kind" else v)
    v = g(name)
    if v is None:
        return None
    if name in ENUMS:
        return enum_ord(name, v)
    return v


TOKEN = re.compile(r'\s*(?:#[^\n]*|(\d{4}-\d{2}-\d{2})|(\d+)|("(?:[^"\\]|\\.)*")|([A-Za-z_]\w*)|(!=|<=|>=|[=<>()\[\],+-]))')


def tokenize(src):
    out, i = [], 0
    while i < len(src):
        m = TOKEN.match(src, i)
        if not m or m.end() == i:
            if src[i:].strip() == "":
                break
            raise SyntaxError(src[i:])
        i = m.end()
        d, n, s, w, p = m.groups()
        if d:
            out.append(("date", date(d)))
        elif n:
            out.append(("int", int(n)))
        elif s:
            out.append(("str", s[1:-1].replace('\\"', '"').replace("\\\\", "\\")))
        elif w:
            out.append(("word", w))
        elif p:
            out.append(("p", p))
    out.append(("eof", None))
    return out


class Parser:
    def __init__(self, src):
        self.t, self.i = tokenize(src), 0

    def peek(self, k=0):
        return self.t[self.i + k]

    def word(self, w):
        if self.peek() == ("word", w):
            self.i += 1
            return True
        return False

    def eat(self, p):
        assert self.t[self.i] == ("p", p), (self.t[self.i], p)
        self.i += 1

    def file(self):
        rules = {}
        while self.peek()[0] != "eof":
            assert self.word("rule")
            name = self.t[self.i][1]
            self.i += 1
            if self.peek()[0] == "str":
                self.i += 1
            self.eat("=")
            rules[name] = self.expr()
        return rules

    def expr(self):
        items = [self.conj()]
        while self.word("or"):
            items.append(self.conj())
        return items[0] if len(items) == 1 else ("or", items)

    def conj(self):
        items = [self.unary()]
        while self.word("and"):
            items.append(self.unary())
        return items[0] if len(items) == 1 else ("and", items)

    def unary(self):
        if self.word("not"):
            return ("not", self.unary())
        if self.peek() == ("p", "("):
            self.i += 1
            e = self.expr()
            self.eat(")")
            return e
        if self.word("true"):
            return ("const", True)
        if self.word("false"):
            return ("const", False)
        if self.word("known"):
            self.eat("(")
            f = self.t[self.i][1]
            self.i += 1
            self.eat(")")
            return ("known", f)
        default = None
        if self.word("default"):
            self.eat("(")
            fact = self.t[self.i][1]
            self.i += 1
            self.eat(",")
            if self.peek() == ("p", "["):
                self.i += 2
                default = []
            else:
                default = self.value()
            self.eat(")")
        else:
            fact = self.t[self.i][1]
            self.i += 1
        k = self.peek()
        if k[0] == "p" and k[1] in ("=", "!=", "<", "<=", ">", ">="):
            self.i += 1
            return ("cmp", fact, default, k[1], self.value())
        if self.word("between"):
            lo = self.value()
            assert self.word("and")
            return ("between", fact, default, lo, self.value())
        neg = False
        if self.peek() == ("word", "not") and self.peek(1) == ("word", "in"):
            self.i += 1
            neg = True
        if self.word("in"):
            return ("in", fact, default, neg, self.list())
        if self.word("has"):
            for q in ("any", "all", "none"):
                if self.peek() == ("word", q) and self.peek(1) == ("word", "of"):
                    self.i += 2
                    return ("has", fact, default, q, self.list())
            return ("has", fact, default, "any", [self.value()])
        if self.word("is"):
            neg = self.word("not")
            assert self.word("empty")
            return ("empty", fact, default, neg)
        return ("name", fact)

    def list(self):
        self.eat("[")
        out = []
        while self.peek() != ("p", "]"):
            out.append(self.value())
            if self.peek() == ("p", ","):
                self.i += 1
        self.eat("]")
        return out

    def value(self):
        kind, v = self.t[self.i]
        self.i += 1
        if kind == "p" and v == "-":
            self.i += 1
            return -self.t[self.i - 1][1]
        if kind == "word" and v == "as_of" or kind == "date":
            base = "as_of" if kind == "word" else v
            offs = []
            while self.peek()[0] == "p" and self.peek()[1] in "+-" and self.peek(1)[0] == "int":
                sign = 1 if self.peek()[1] == "+" else -1
                n = self.peek(1)[1] * sign
                unit = self.peek(2)[1]
                self.i += 3
                offs.append((n, unit))
            return ("date", base, offs)
        if kind == "word" and v in ("true", "false"):
            return v == "true"
        return v


def resolve(fact, v, as_of):
    """A literal as a comparable value for `fact`."""
    if isinstance(v, tuple) and v[0] == "date":
        d = as_of if v[1] == "as_of" else v[1]
        for n, u in v[2]:
            u = {"hari": "day", "minggu": "week", "bulan": "month", "tahun": "year"}.get(u, u).rstrip("s")
            if u == "day":
                d += dt.timedelta(days=n)
            elif u == "week":
                d += dt.timedelta(weeks=n)
            else:
                d = add_months(d, n * (12 if u == "year" else 1))
        return d
    if fact in ENUMS:
        return enum_ord(fact, v)
    if fact in ("nik_province", "nik_regency", "domicile_regency", "domicile_province"):
        return str(v).replace(".", "")
    return v


T, F, U = "T", "F", "U"


def ev(e, rules, f, ctx, as_of):
    """(value, missing input facts)"""
    op = e[0]
    if op == "const":
        return (T if e[1] else F), set()
    if op == "not":
        v, m = ev(e[1], rules, f, ctx, as_of)
        return {T: F, F: T, U: U}[v], m
    if op in ("and", "or"):
        dom = F if op == "and" else T
        miss, unknown = set(), False
        for x in e[1]:
            v, m = ev(x, rules, f, ctx, as_of)
            if v == dom:
                return dom, set()
            if v == U:
                unknown, miss = True, miss | m
        return (U, miss) if unknown else ({F: T, T: F}[dom], set())
    if op == "name":
        if e[1] in rules:
            return ev(rules[e[1]], rules, f, ctx, as_of)
        v = fact_value(e[1], f, ctx, as_of)
        if v is None:
            return U, {e[1]}
        return (T if v else F), set()
    if op == "known":
        return (T if fact_value(e[1], f, ctx, as_of) is not None else F), set()
    fact, default = e[1], e[2]
    v = fact_value(fact, f, ctx, as_of)
    if v is None and default is not None:
        v = set() if default == [] else resolve(fact, default, as_of)
    if v is None:
        return U, {INPUT.get(fact, fact)}
    b = lambda x: ((T if x else F), set())
    if op == "cmp":
        t = resolve(fact, e[4], as_of)
        return b({"=": v == t, "!=": v != t, "<": v < t, "<=": v <= t, ">": v > t, ">=": v >= t}[e[3]])
    if op == "between":
        return b(resolve(fact, e[3], as_of) <= v <= resolve(fact, e[4], as_of))
    if op == "in":
        return b((v in [resolve(fact, x, as_of) for x in e[4]]) != e[3])
    if op == "empty":
        return b((len(v) == 0) != e[3])
    if op == "has":
        if fact == "disabilities":
            def has(x):
                x = canon_dis(x)
                return x in v or bool(SUB.get(x, set()) & v)
        else:
            has = lambda x: x in v
        hits = [has(x) for x in e[4]]
        return b({"any": any(hits), "all": all(hits), "none": not any(hits)}[e[3]])
    raise ValueError(e)


def main():
    bad = total = 0
    for path in sorted(glob.glob(os.path.join(HERE, "*.json"))):
        for v in json.load(open(path, encoding="utf-8"))["vectors"]:
            if "outcome" not in v["expect"]:
                continue
            total += 1
            src = v["rules"]
            p = Parser(src)
            first = next((l.strip() for l in src.splitlines() if l.strip() and not l.strip().startswith("#")), "")
            if first.startswith("rule "):
                rules = p.file()
                root = rules[v.get("rule") or list(rules)[-1]]
            else:
                rules, root = {}, p.expr()
            as_of = date(v["as_of"])
            val, miss = ev(root, rules, v["facts"], v.get("context", {}), as_of)
            got = {T: "eligible", F: "ineligible", U: "undetermined"}[val]
            want = v["expect"]
            if got != want["outcome"] or sorted(miss) != want.get("missing", []):
                bad += 1
                print("DISAGREE", v["id"], got, sorted(miss), "expected", want["outcome"], want.get("missing"))
    print(f"oracle: {total - bad}/{total} evaluation vectors agree")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
