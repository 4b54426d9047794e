"""The public typing has no `Any`, and the TypedDicts of `berdaya.types` match real outputs.

The second part is what keeps the types honest: for representative calls of every function
that returns a dict, each key returned must be declared in its TypedDict (recursively), each
required key must be present, and each value must have the declared type.
"""

import ast
import json
import sys
import typing
from datetime import date
from pathlib import Path
from typing import Dict, List, Literal, Union

import pytest

import berdaya
import berdaya.types as T
from berdaya import _native

PKG = Path(berdaya.__file__).parent

# ---------------------------------------------------------------------------------------------
# 1. No `Any`


def _any_uses(tree: ast.AST) -> List[int]:
    """Lines naming `Any` (a name, `typing.Any`, an import, or inside a string annotation)."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "Any":
            lines.append(node.lineno)
        elif isinstance(node, ast.Attribute) and node.attr == "Any":
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and any(a.name == "Any" for a in node.names):
            lines.append(node.lineno)
    return lines


def _string_annotations(tree: ast.AST) -> List[ast.AST]:
    """String (forward-reference) annotations, parsed."""
    out = []
    for node in ast.walk(tree):
        anns = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            a = node.args
            anns = [x.annotation for x in a.posonlyargs + a.args + a.kwonlyargs if x.annotation]
            anns += [x.annotation for x in (a.vararg, a.kwarg) if x is not None and x.annotation]
            anns.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            anns = [node.annotation]
        for ann in anns:
            for sub in ast.walk(ann) if ann is not None else []:
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                    try:
                        out.append(ast.parse(sub.value, mode="eval"))
                    except SyntaxError:
                        pass
    return out


@pytest.mark.parametrize("name", ["_native.pyi", "types.py", "display.py", "tables.py", "errors.py"])
def test_no_any_in_typed_modules(name):
    tree = ast.parse((PKG / name).read_text(encoding="utf-8"))
    found = _any_uses(tree) + [0 for t in _string_annotations(tree) if _any_uses(t)]
    assert not found, f"`Any` in berdaya/{name} at lines {found}"


@pytest.mark.parametrize("name", ["frames.py", "__init__.py"])
def test_no_any_in_public_signatures(name):
    tree = ast.parse((PKG / name).read_text(encoding="utf-8"))
    bad = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
            a = node.args
            anns = [x.annotation for x in a.posonlyargs + a.args + a.kwonlyargs + [a.vararg, a.kwarg] if x]
            for ann in [*anns, node.returns]:
                if ann is None:
                    bad.append(f"{node.name}: unannotated")
                    continue
                if _any_uses(ann) or any(_any_uses(t) for t in _string_annotations(ast.Module([ast.AnnAssign(target=ast.Name("x"), annotation=ann, simple=1)], []))):
                    bad.append(node.name)
        elif isinstance(node, ast.ImportFrom) and any(x.name == "Any" for x in node.names):
            bad.append(f"imports Any (line {node.lineno})")
    assert not bad, f"berdaya/{name}: {bad}"


def test_types_module_imports_without_typing_extensions():
    # Python >= 3.9 with only the standard library: the module uses `typing` alone.
    tree = ast.parse((PKG / "types.py").read_text(encoding="utf-8"))
    mods = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert mods <= {"typing", "datetime"}, mods


# ---------------------------------------------------------------------------------------------
# 2. The TypedDicts match real outputs


def _is_typeddict(tp: object) -> bool:
    return isinstance(tp, type) and issubclass(tp, dict) and hasattr(tp, "__required_keys__")


def _check(value: object, tp: object, path: str, errors: List[str]) -> None:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is object:
        return
    if _is_typeddict(tp):
        if not isinstance(value, dict):
            errors.append(f"{path}: expected a dict for {tp.__name__}, got {type(value).__name__}")
            return
        hints = typing.get_type_hints(tp)
        for key in value:
            if key not in hints:
                errors.append(f"{path}: key `{key}` not declared in {tp.__name__}")
        for key in tp.__required_keys__:
            if key not in value:
                errors.append(f"{path}: required key `{key}` of {tp.__name__} missing")
        for key, v in value.items():
            if key in hints:
                _check(v, hints[key], f"{path}.{key}", errors)
        return
    if origin is Union:
        for alt in args:
            trial: List[str] = []
            _check(value, alt, path, trial)
            if not trial:
                return
        errors.append(f"{path}: {value!r:.80} matches no alternative of {tp}")
        return
    if origin is Literal:
        if value not in args:
            errors.append(f"{path}: {value!r} not one of {args}")
        return
    if origin in (list, List):
        if not isinstance(value, list):
            errors.append(f"{path}: expected a list, got {type(value).__name__}")
            return
        for i, v in enumerate(value):
            _check(v, args[0], f"{path}[{i}]", errors)
        return
    if origin in (dict, Dict):
        if not isinstance(value, dict):
            errors.append(f"{path}: expected a dict, got {type(value).__name__}")
            return
        for k, v in value.items():
            _check(k, args[0], f"{path}<key>", errors)
            _check(v, args[1], f"{path}[{k!r}]", errors)
        return
    if tp is type(None):
        if value is not None:
            errors.append(f"{path}: expected None, got {value!r:.40}")
        return
    if tp is int:
        if not isinstance(value, int) or isinstance(value, bool):
            errors.append(f"{path}: expected int, got {value!r:.40}")
        return
    if tp is date:
        if not isinstance(value, date):
            errors.append(f"{path}: expected datetime.date, got {value!r:.40}")
        return
    if isinstance(tp, type):
        if not isinstance(value, tp):
            errors.append(f"{path}: expected {tp.__name__}, got {value!r:.40}")
        return
    errors.append(f"{path}: cannot check type {tp}")


def conforms(value: object, tp: object) -> List[str]:
    errors: List[str] = []
    _check(value, tp, "$", errors)
    return errors


def test_the_checker_catches_drift():
    assert conforms({"agreement": "a", "commitment": "c"}, T.CommitmentRef) == []
    assert conforms({"agreement": "a"}, T.CommitmentRef)  # required key missing
    assert conforms({"agreement": "a", "commitment": "c", "x": 1}, T.CommitmentRef)  # undeclared key
    assert conforms({"status": "holds", "facts": "x"}, T.Replay)  # wrong value type
    assert conforms([{"outcome": "enrolled", "enrollment": True}], List[T.EnrolOutcome])  # bool is no int


AS_OF = date(2020, 9, 9)
KEY = b"dinsos-jatim receipts 2020"
JOBS = {"agreement": "pks-2020-batik-wistara", "commitment": "jobs"}
BATIK = {"agreement": "pks-2020-batik-wistara", "commitment": "batik-training"}
SCHOLARSHIPS = {"agreement": "pks-2020-stikes-hutama-abdi-husada", "commitment": "scholarships"}


@pytest.fixture(scope="module")
def reg():
    return berdaya.Registry.east_java_2020()


@pytest.fixture(scope="module")
def rules(reg):
    return berdaya.RuleEligibility(reg)


def _all_ok(pairs):
    errors = []
    for label, value, tp in pairs:
        errors += [f"{label}: {e}" for e in conforms(value, tp)]
    assert not errors, "\n".join(errors[:40])


def test_domain_outputs(reg):
    nik = berdaya.Nik("3514140711950002", reference_date=AS_OF)
    pairs = [
        ("Nik.info", nik.info(), T.NikInfo),
        ("Region.info", berdaya.Region("35.14").info(), T.RegionInfo),
        ("Region.info province", berdaya.Region("35").info(), T.RegionInfo),
        ("Region.info district", berdaya.Region("35.14.01").info(), T.RegionInfo),
    ]
    for a in reg.agreement_ids():
        ag = reg.agreement(a)
        pairs.append((f"Agreement {a}", ag.to_dict(), T.AgreementDict))
        pairs.append((f"commitments_on {a}", ag.commitments_on(date(2021, 6, 1)), List[T.Commitment]))
    for f in reg.facility_ids():
        pairs.append((f"Facility {f}", reg.facility(f).to_dict(), T.FacilityDict))
    for p in reg.partner_ids():
        pairs.append((f"partner {p}", reg.partner(p), T.PartnerDict))
    for b in reg.beneficiary_ids():
        ben = reg.beneficiary(b)
        pairs.append((f"Beneficiary {b}", ben.to_dict(), T.BeneficiaryDict))
        pairs.append((f"derived {b}", ben.derived(AS_OF), T.DerivedFacts))
    for on in (AS_OF, date(2021, 6, 1), date(2024, 1, 1)):
        pairs += [
            ("agreements_expiring_within", reg.agreements_expiring_within(on, 3650), List[T.ExpiringSoon]),
            ("commitments_by_service", reg.commitments_by_service("employment", on), List[T.ServiceCommitment]),
            ("care_counts", reg.care_counts(on), List[T.CareCount]),
            ("warnings", reg.warnings(on), List[T.RegistryWarning]),
        ]
    assert reg.agreements_expiring_within(AS_OF, 3650) and reg.care_counts(AS_OF)
    _all_ok(pairs)


def test_history_and_amendments_match(reg):
    # An agreement with every kind of event in its history.
    ag = reg.agreement("pks-2020-batik-wistara")
    first = ag.commitments_on(AS_OF)[0]
    ag.suspend(date(2020, 10, 1), "audit")
    ag.resume(date(2020, 10, 15))
    ag.apply(
        {
            "on": date(2020, 11, 1),
            "event": "amended",
            "addendum": {
                "number": "ADD-1",
                "changes": [
                    {"change": "set_clause", "clause": "purpose", "text": "pelatihan"},
                    {"change": "remove_clause", "clause": "financing"},
                    {"change": "set_commitment", "commitment": dict(first, description="lebih")},
                    {"change": "set_period", "period": {"from": "2020-09-09", "until": "2026-09-08"}},
                ],
            },
        }
    )
    ag.terminate(date(2021, 1, 1), "ended early")
    history = ag.to_dict()["history"]
    assert {e["event"] for e in history} >= {"suspended", "resumed", "amended", "terminated"}
    _all_ok([("to_dict", ag.to_dict(), T.AgreementDict), ("commitments", ag.commitments_on(date(2020, 12, 1)), List[T.Commitment])])


def test_rule_outputs():
    rule = berdaya.Rule("age >= 17 and disabilities has fisik and days_in_care >= 180")
    person = {"birth_date": date(2004, 2, 29), "disabilities": ["fisik"], "residence_since": date(2020, 6, 1)}
    d = rule.evaluate(person, as_of=AS_OF)
    unknown = rule.evaluate({}, as_of=AS_OF)
    rs = berdaya.RuleSet("rule r1 = age between 18 and 45\nrule r2 = r1 and skills has batik")
    vs = berdaya.VersionedRuleSet(
        "rule v @2020 from 2020-01-01 until 2020-12-31 = age >= 17\nrule v @2022 from 2022-01-01 = age >= 18"
    )
    vd = vs.evaluate("v", {"birth_date": date(2000, 1, 1)}, as_of=AS_OF)
    pairs = [
        ("check", berdaya.check("age betwen 18 and 45"), List[T.Diagnostic]),
        ("check ok", berdaya.check("age >= 18"), List[T.Diagnostic]),
        ("check warnings", berdaya.check("age >= 0 or age < 0"), List[T.Diagnostic]),
        ("Rule.warnings", berdaya.Rule("age >= 0").warnings, List[T.Diagnostic]),
        ("RuleSet.warnings", rs.warnings, List[T.Diagnostic]),
        ("VersionedRuleSet.warnings", vs.warnings, List[T.Diagnostic]),
        ("Decision.to_dict", d.to_dict(), T.DecisionDict),
        ("Decision.to_dict unknown", unknown.to_dict(), T.DecisionDict),
        ("Decision.reasons", d.reasons, List[T.Reason]),
        ("rule set reasons", rs.rule("r2").evaluate({"birth_date": date(1990, 1, 1), "skills": ["batik"]}, as_of=AS_OF).to_dict(), T.DecisionDict),
        ("Explanation.to_dict", d.explain("id", "full").to_dict(), T.ExplanationDict),
        ("Explanation.to_dict unknown", unknown.explain("en", "full").to_dict(), T.ExplanationDict),
        ("sentences", d.explain("en", "full").sentences, List[T.ExplanationSentence]),
        ("sensitive_facts", rule.sensitive_facts(), List[T.SensitiveFact]),
        ("eligible_from", rule.eligible_from(person, as_of=AS_OF), T.Counterfactual),
        ("eligible_from unknown", rule.eligible_from({}, as_of=AS_OF), T.Counterfactual),
        ("settling_facts", rule.settling_facts({}, as_of=AS_OF), List[T.SettlingFact]),
        ("versions", vs.versions("v"), List[T.RuleVersion]),
        ("gaps", vs.gaps("v"), List[T.DateSpan]),
        ("VersionedDecision.version", vd.version, T.RuleVersion),
        ("versioned eligible_from", vs.eligible_from("v", {"birth_date": date(2010, 1, 1)}, as_of=AS_OF), T.VersionedCounterfactual),
    ]
    assert any(x["severity"] == "warning" for x in berdaya.Rule("age >= 0").warnings)
    _all_ok(pairs)


def test_context_timeline_and_import_report(reg):
    csv = "id,birth_date,sex\npm-1,1990-01-01,M\npm-2,not a date,F\npm-3,1991-02-03,X\n"
    pop = berdaya.Population.from_csv(csv, reference_date=AS_OF, on_error="skip_row")
    _all_ok(
        [
            ("context_timeline", berdaya.context_timeline(reg, "pks-2020-batik-wistara"), T.ContextTimeline),
            ("import_report", pop.import_report, T.ImportReport),
        ]
    )
    assert pop.import_report["issues"]


def test_enrollment_allocation_and_receipt_outputs(reg, rules):
    ids = reg.beneficiary_ids()[:30]
    applicants = berdaya.applicants_from_registry(reg, ids, [JOBS, BATIK], rules, AS_OF)
    request = {
        "seed": "2020-1",
        "commitments": [{**JOBS, "places": 2}, {**BATIK, "places": 3}],
        "applicants": applicants,
        "priorities": [{"fact": "dtks_decile", "order": "asc", "nulls": "last"}],
    }
    out = berdaya.allocate(request)
    prefs = [dict(a, preferences=[BATIK, JOBS]) for a in applicants]
    out_da = berdaya.allocate(dict(request, applicants=prefs))
    assert out["placements"] and out["unplaced"] and out_da["mode"] == "deferred_acceptance"
    receipts = berdaya.allocation_receipts(reg, rules, KEY, request, out, AS_OF)

    ledger = berdaya.Enrollments()
    first = ledger.enrol_or_wait(reg, rules, "pm-0014", JOBS, date(2020, 10, 1))
    enrol_receipt = ledger.enrol_with_receipt(reg, rules, KEY, "pm-0002", BATIK, date(2020, 10, 1))
    ok = [i for i in reg.beneficiary_ids() if rules.decide(reg.beneficiary(i), SCHOLARSHIPS, AS_OF)["outcome"] == "eligible"]
    no = [i for i in reg.beneficiary_ids() if rules.decide(reg.beneficiary(i), SCHOLARSHIPS, AS_OF)["outcome"] == "ineligible"]
    waiting = berdaya.Enrollments(
        {"waitlists": [{"target": SCHOLARSHIPS, "entries": [{"beneficiary": b, "since": "2020-09-09"} for b in [no[0], *ok[:3]]]}]}
    )
    offers, offer_receipts = waiting.offer_places_with_receipts(reg, rules, KEY, SCHOLARSHIPS, date(2020, 10, 1))
    n = waiting.enrollments[0]["id"]
    waiting.activate(n, date(2020, 10, 2))
    done = waiting.complete(
        reg, rules, n, date(2021, 3, 1), {"kind": "training", "title": "Batik", "issued_on": date(2021, 3, 1)}
    )
    unknown = {"outcome": "undetermined", "missing": ["eligibility"]}
    with pytest.raises(berdaya.EnrollmentError):  # refused, and listed as needing information
        ledger.enrol_or_wait(reg, lambda b, t, d: unknown, "pm-0003", JOBS, date(2020, 10, 1))

    outcomes = berdaya.Outcomes()
    outcomes.record(reg, waiting, n, date(2021, 3, 1), {"kind": "completed_training"})
    outcomes.record(
        reg, waiting, n, date(2021, 4, 1), {"kind": "certified", "certificate": {"kind": "competency", "title": "K"}}
    )
    outcomes.record(reg, waiting, n, date(2021, 5, 1), {"kind": "employed", "partner": "batik-wistara"})

    rule = berdaya.Rule("age between 18 and 45")
    rule_receipt = berdaya.Receipt.for_rule(rule, {"birth_date": date(1990, 1, 1)}, as_of=AS_OF, subject="pm-1", key=KEY)
    all_receipts = [*receipts, enrol_receipt, *offer_receipts, rule_receipt]
    snap = json.loads(reg.to_json())
    for b in snap["beneficiaries"]:
        if b["id"] == "pm-0002":
            b["birth_date"] = "1940-01-01"
    edited = berdaya.Registry.from_json(json.dumps(snap))

    pairs = [
        ("applicants_from_registry", applicants, List[T.Applicant]),
        ("allocate", out, T.AllocationResult),
        ("allocate (deferred acceptance)", out_da, T.AllocationResult),
        ("RuleEligibility.decide", rules.decide(reg.beneficiary("pm-0014"), JOBS, AS_OF), T.EligibilityDecision),
        ("RuleEligibility.rules", rules.rules(), List[T.CommitmentRule]),
        ("enrol_or_wait", first, T.EnrolOutcome),
        ("offers", offers, List[T.Offer]),
        ("complete", done, List[T.Offer]),
        ("waitlist", waiting.waitlist(SCHOLARSHIPS), List[T.WaitlistEntry]),
        ("get", waiting.get(n), T.EnrollmentRecord),
        ("of_beneficiary", waiting.of_beneficiary(ok[0]), List[T.EnrollmentRecord]),
        ("enrollments", waiting.enrollments + ledger.enrollments, List[T.EnrollmentRecord]),
        ("waitlists", waiting.waitlists, List[T.Waitlist]),
        ("needs_information", ledger.needs_information, List[T.NeedsInformationEntry]),
        ("Enrollments.to_dict", waiting.to_dict(), T.EnrollmentsDict),
        ("Enrollments.to_dict 2", ledger.to_dict(), T.EnrollmentsDict),
        ("Outcomes.records", outcomes.records, List[T.OutcomeRecord]),
        ("Outcomes.to_dict", outcomes.to_dict(), T.OutcomesDict),
        ("report", berdaya.report(reg, waiting, outcomes, date(2021, 9, 9), min_cell=1), T.Report),
        ("report suppressed", berdaya.report(reg, waiting, outcomes, date(2021, 9, 9)), T.Report),
    ]
    assert ledger.needs_information and waiting.waitlists
    for r in all_receipts:
        pairs += [
            ("Receipt.to_dict", r.to_dict(), T.ReceiptDict),
            ("Receipt.replay", r.replay(reg, KEY) if r.kind != "rule" else r.replay_facts(rule, {}, key=KEY), T.Replay),
            ("Receipt.replay edited", r.replay(edited, KEY) if r.kind != "rule" else {"status": "holds"}, T.Replay),
            ("Receipt.target", r.target, Union[T.CommitmentRef, None]),
            ("Receipt.rule", r.rule, Union[T.RuleStamp, None]),
            ("Receipt.reasons", r.reasons, List[T.ReceiptReason]),
            ("Receipt.action", r.action, Union[T.ReceiptAction, None]),
        ]
    _all_ok(pairs)


def test_rule_change_impact_output():
    pop = berdaya.Population.synthetic(300, seed=3, as_of=AS_OF)
    impact = berdaya.rule_change_impact(
        berdaya.Rule("age between 18 and 35 and dtks_decile <= 4"),
        berdaya.Rule("age between 18 and 40 and days_in_care >= 30"),
        pop,
        as_of=AS_OF,
    )
    assert impact["gains"]["count"] and impact["losses"]["count"]
    _all_ok([("rule_change_impact", impact, T.RuleChangeImpact)])


def test_every_dict_type_is_exported():
    dicts = [n for n in T.__all__ if _is_typeddict(getattr(T, n))]
    assert len(dicts) > 60 and all(hasattr(T, n) for n in T.__all__)


@pytest.mark.skipif(sys.version_info < (3, 9), reason="typing.get_type_hints on TypedDict")
def test_type_hints_resolve():
    for name in T.__all__:
        tp = getattr(T, name)
        if _is_typeddict(tp):
            typing.get_type_hints(tp)


def test_any_mapping_is_accepted_where_the_stubs_say_mapping():
    from types import MappingProxyType

    facts = MappingProxyType({"birth_date": date(1990, 1, 1), "skills": ("batik",)})
    rule = berdaya.Rule("age >= 18 and skills has batik")
    assert rule.evaluate(facts, as_of=AS_OF).outcome == "eligible"
    assert rule.evaluate(facts, as_of=AS_OF) == rule.evaluate(dict(facts), as_of=AS_OF)
    with pytest.raises(TypeError, match="dict keys must be str"):
        rule.evaluate(MappingProxyType({1: 2}), as_of=AS_OF)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TARGETS = [{"agreement": "a", "commitment": c} for c in ("x", "y", "z")]


@st.composite
def _requests(draw):
    n = draw(st.integers(0, 25))
    applicants = []
    for i in range(n):
        eligibility = []
        for t in draw(st.lists(st.sampled_from(_TARGETS), unique_by=lambda t: t["commitment"], max_size=3)):
            outcome = draw(st.sampled_from(["eligible", "ineligible", "undetermined"]))
            entry = {**t, "outcome": outcome}
            if outcome == "undetermined":
                entry["missing"] = draw(st.lists(st.sampled_from(["birth_date", "dtks_decile"]), min_size=1, unique=True))
            if draw(st.booleans()):
                entry["rule_version"] = "v1"
            eligibility.append(entry)
        applicant = {
            "id": f"p{i}",
            "facts": draw(st.fixed_dictionaries({}, optional={"age": st.integers(0, 90), "dtks_decile": st.integers(1, 10), "care_status": st.sampled_from(["resident", "alumnus"])})),
            "eligibility": eligibility,
        }
        applicants.append(applicant)
    if draw(st.booleans()):
        for a in applicants:
            a["preferences"] = [t for t in _TARGETS if draw(st.booleans())]
    return {
        "seed": draw(st.text(min_size=1, max_size=5)),
        "commitments": [{**t, "places": draw(st.integers(0, 4))} for t in _TARGETS],
        "applicants": applicants,
        "priorities": draw(
            st.lists(st.sampled_from([{"fact": "age", "order": "desc"}, {"fact": "dtks_decile", "order": "asc", "nulls": "last"}, {"fact": "care_status", "order": ["resident", "alumnus"]}]), unique_by=lambda k: k["fact"], max_size=2)
        ),
        "max_places_per_person": draw(st.integers(1, 2)),
    }


@settings(max_examples=60, deadline=None)
@given(request=_requests())
def test_random_allocations_match_their_type(request):
    assert conforms(request, T.AllocationRequest) == []
    try:
        out = berdaya.allocate(request)
    except berdaya.AllocationError:
        return
    assert conforms(out, T.AllocationResult) == []


def test_error_spans_and_diagnostics_match():
    pairs = []
    with pytest.raises(berdaya.RuleError) as rule_error:
        berdaya.Rule("age betwen 18 and 45")
    pairs += [("RuleError.span", rule_error.value.span, T.Span), ("RuleError.diagnostics", rule_error.value.diagnostics, List[T.Diagnostic])]
    with pytest.raises(berdaya.DataImportError) as import_error:
        berdaya.Population.from_csv("id,birth_date\np1,never\n", reference_date=AS_OF)
    pairs.append(("DataImportError.diagnostics", import_error.value.diagnostics, List[T.ImportIssue]))
    with pytest.raises(berdaya.SnapshotError) as snapshot_error:
        berdaya.Registry.from_json('{"schema": 1,\n  oops}')
    pairs.append(("SnapshotError.span", snapshot_error.value.span, Union[T.Span, None]))
    reg = json.loads(berdaya.Registry.east_java_2020().to_json())
    for a in reg["agreements"]:
        for c in a.get("commitments", []):
            if c.get("eligibility"):
                c["eligibility"] = "age >="
    with pytest.raises(berdaya.EligibilityRuleError) as eligibility_error:
        berdaya.RuleEligibility(berdaya.Registry.from_json(json.dumps(reg)))
    pairs += [
        ("EligibilityRuleError.span", eligibility_error.value.span, T.Span),
        ("EligibilityRuleError.diagnostics", eligibility_error.value.diagnostics, List[T.Diagnostic]),
    ]
    assert rule_error.value.diagnostics and import_error.value.diagnostics and eligibility_error.value.diagnostics
    _all_ok(pairs)
