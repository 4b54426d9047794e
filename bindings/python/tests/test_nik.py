import hashlib
import hmac
import pickle
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import berdaya

AS_OF = date(2020, 9, 9)


def test_seed_beneficiary():
    nik = berdaya.Nik("3504035203980001", reference_date=AS_OF)
    assert nik.sex == "F"
    assert nik.birth_date == date(1998, 3, 12)
    assert nik.regency.name == "Kabupaten Tulungagung"
    assert nik.district.code == "35.04.03"
    assert nik.serial == 1
    assert nik.reveal() == "3504035203980001"


def test_no_personal_data_in_repr_or_str():
    nik = berdaya.Nik("3514140711950002", reference_date=AS_OF)
    assert repr(nik) == "Nik('35**************')"
    assert str(nik) == "35**************"
    assert "1407" not in repr([nik]) + f"{nik}"


def test_error_hierarchy_and_fields():
    with pytest.raises(berdaya.NikError) as info:
        berdaya.Nik("3514140711950000", reference_date=AS_OF)
    e = info.value
    assert isinstance(e, berdaya.BerdayaError) and isinstance(e, ValueError)
    assert e.code == "nik.zero_serial"
    assert e.field == "serial"
    assert e.span["start"] == 12 and e.span["column"] == 13
    # the message never echoes the input's digits
    assert "0711" not in str(e)
    again = pickle.loads(pickle.dumps(e))
    assert type(again) is berdaya.NikError and again.code == e.code


def test_reference_date_is_required_and_a_date():
    with pytest.raises(TypeError):
        berdaya.Nik("3514140711950002")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        berdaya.Nik("3514140711950002", reference_date=datetime(2020, 9, 9))
    with pytest.raises(TypeError):
        berdaya.Nik("3514140711950002", reference_date="2020-09-09")  # type: ignore[arg-type]


def test_equality_and_hash():
    a = berdaya.Nik("3514140711950002", reference_date=AS_OF)
    b = berdaya.Nik("3514140711950002", reference_date=date(2021, 1, 1))
    assert a == b and hash(a) == hash(b)
    assert len({a, b}) == 1


def test_pseudonymize_matches_hmac_sha256():
    nik = berdaya.Nik("3514140711950002", reference_date=AS_OF)
    key = b"kunci rahasia dinas sosial"
    expected = hmac.new(key, b"3514140711950002", hashlib.sha256).hexdigest()
    assert berdaya.pseudonymize(nik, key) == expected
    with pytest.raises(berdaya.PseudonymError) as info:
        berdaya.pseudonymize(nik, b"short")
    assert info.value.code == "pseudonym.short_key"


def test_regions():
    assert berdaya.Region("3520").code == "35.20"
    assert berdaya.Region("35.20") == berdaya.Region("3520")
    assert berdaya.Region("35.73.04").is_within(berdaya.Region("35"))
    assert berdaya.Region("35").name == "Jawa Timur"
    with pytest.raises(berdaya.RegionError) as info:
        berdaya.Region("35.80")
    assert info.value.code == "region.unknown_regency"


@settings(max_examples=2000, deadline=None)
@given(st.text(max_size=24))
def test_random_text_raises_only_documented_errors(s):
    for make in (lambda: berdaya.Nik(s, reference_date=AS_OF), lambda: berdaya.Region(s)):
        try:
            make()
        except (berdaya.NikError, berdaya.RegionError) as e:
            assert e.code.split(".")[0] in ("nik", "region")


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="0123456789", min_size=16, max_size=16))
def test_random_digits_parse_or_raise_nik_error(s):
    try:
        nik = berdaya.Nik(s, reference_date=AS_OF)
    except berdaya.NikError as e:
        assert e.code.startswith("nik.")
    else:
        assert nik.reveal() == s
        assert nik.birth_date <= AS_OF


def test_package_docstring_examples_run():
    import doctest

    failures, tried = doctest.testmod(berdaya, raise_on_error=False)
    assert tried > 0 and failures == 0
