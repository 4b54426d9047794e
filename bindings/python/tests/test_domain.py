from datetime import date

import pytest

import berdaya

SIGNING = date(2020, 9, 9)


def test_east_java_scenario():
    reg = berdaya.Registry.east_java_2020()
    assert len(reg.agreements_in_force_on(SIGNING)) == 5
    assert reg.agreements_in_force_on(date(2030, 1, 1)) == []
    closed = reg.facilities_closed_to("family", SIGNING)
    assert closed and reg.facilities_closed_to("official", SIGNING) == []
    assert "Registry(5 agreements" in repr(reg)


def test_snapshot_round_trip_and_versions():
    reg = berdaya.Registry.east_java_2020()
    text = reg.to_json()
    assert berdaya.Registry.from_json(text).to_json() == text
    with pytest.raises(berdaya.SnapshotError) as info:
        berdaya.Registry.from_json('{"schema_version": 999}')
    assert info.value.code == "snapshot.unsupported_version"
    with pytest.raises(berdaya.SnapshotError):
        berdaya.Registry.from_json("{")


def test_illegal_transition_changes_nothing():
    reg = berdaya.Registry.east_java_2020()
    a = reg.agreement(reg.agreement_ids()[0])
    assert a is not None
    before = a.to_dict()
    with pytest.raises(berdaya.AgreementError) as info:
        a.sign(date(2020, 9, 10))
    assert info.value.code == "agreement.illegal_transition"
    assert a.to_dict() == before


def test_beneficiary_repr_has_no_personal_data():
    b = berdaya.Beneficiary(
        {"id": "pm-9", "registered_on": SIGNING, "nik": "3514140711950002", "name": "Nama Rahasia"}
    )
    assert repr(b) == "Beneficiary('pm-9')"
    assert b.to_dict()["name"] == "Nama Rahasia"
    assert b.derived(SIGNING)["age"] is None


def test_bad_structured_input_is_input_error():
    with pytest.raises(berdaya.InputError):
        berdaya.Beneficiary({"id": "pm-9", "registered_on": SIGNING, "no_such_field": 1})
    with pytest.raises(TypeError):
        berdaya.Beneficiary({"id": "pm-9", "registered_on": object()})
