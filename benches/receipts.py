"""Cost of decision receipts and snapshot envelopes from Python (see docs/receipts.md).

Run after installing the wheel: .venv/bin/python benches/receipts.py
"""
import time
from datetime import date
import berdaya

reg = berdaya.Registry.east_java_2020()
rules = berdaya.RuleEligibility(reg)
KEY = b"dinsos-jatim receipts 2020"
on = date(2020, 9, 9)
targets = [{"agreement": a, "commitment": c} for a, c in [
    ("pks-2020-batik-wistara", "jobs"), ("pks-2020-batik-wistara", "batik-training"),
    ("pks-2020-stikes-hutama-abdi-husada", "scholarships")]]
ids = reg.beneficiary_ids()
req = {"seed": "east-java-2020", "commitments": [dict(t, places=5) for t in targets],
       "applicants": berdaya.applicants_from_registry(reg, ids, targets, rules, on),
       "priorities": [{"fact": "dtks_decile", "order": "asc", "nulls": "last"}]}
out = berdaya.allocate(req)
best = {}
for _ in range(5):
    t = time.perf_counter(); rs = berdaya.allocation_receipts(reg, rules, KEY, req, out, on); a = time.perf_counter() - t
    t = time.perf_counter(); st = [r.replay(reg, KEY, rules) for r in rs]; b = time.perf_counter() - t
    t = time.perf_counter(); js = [r.to_json() for r in rs]; back = [berdaya.Receipt.from_json(j) for j in js]; c = time.perf_counter() - t
    best = {k: min(best.get(k, 9e9), v) for k, v in {"issue": a, "replay": b, "json": c}.items()}
n = len(rs)
assert all(s == {"status": "holds"} for s in st)
print(f"{n} allocation receipts ({len(ids)} people x {len(targets)} commitments)")
for k, v in best.items():
    print(f"  {k}: {v*1e3:.1f} ms total, {v/n*1e6:.1f} us per receipt")
print(f"  mean JSON size {sum(map(len, js))/n:.0f} bytes")
t = time.perf_counter(); env = reg.to_envelope(); e1 = time.perf_counter() - t
t = time.perf_counter(); berdaya.Registry.from_envelope(env); e2 = time.perf_counter() - t
t = time.perf_counter(); berdaya.Registry.from_json(reg.to_json()); e3 = time.perf_counter() - t
print(f"envelope {len(env)} bytes: write {e1*1e3:.1f} ms, verified read {e2*1e3:.1f} ms (plain JSON read {e3*1e3:.1f} ms)")
