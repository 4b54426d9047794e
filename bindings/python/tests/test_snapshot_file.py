"""Snapshot files written atomically with a checksum, from Python."""

import pathlib
from datetime import date

import pytest

import berdaya


@pytest.fixture(scope="module")
def reg():
    return berdaya.Registry.east_java_2020()


def test_save_and_load_accept_str_and_pathlike(reg, tmp_path):
    p = tmp_path / "registry.snapshot"
    reg.save(p)
    assert berdaya.Registry.load(str(p)).to_json() == reg.to_json()
    reg.save(str(p))
    assert berdaya.Registry.load(pathlib.PurePath(p)).to_json() == reg.to_json()
    assert [x.name for x in tmp_path.iterdir()] == ["registry.snapshot"]
    assert p.read_text(encoding="utf-8").startswith("berdaya-snapshot/1 ")


def test_damage_is_reported(reg, tmp_path):
    p = tmp_path / "r.snapshot"
    reg.save(p)
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 2])
    with pytest.raises(berdaya.SnapshotError) as e:
        berdaya.Registry.load(p)
    assert e.value.code == "snapshot.truncated" and "line" in str(e.value)
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0x04
    p.write_bytes(bytes(flipped))
    with pytest.raises(berdaya.SnapshotError) as e:
        berdaya.Registry.load(p)
    assert e.value.code == "snapshot.corrupted"
    with pytest.raises(berdaya.SnapshotError) as e:
        berdaya.Registry.load(tmp_path / "missing.snapshot")
    assert e.value.code == "snapshot.not_found"
    with pytest.raises(berdaya.SnapshotError) as e:
        berdaya.Registry.from_envelope(reg.to_json())
    assert e.value.code == "snapshot.bad_header"


def test_an_erased_person_round_trips(tmp_path):
    reg = berdaya.Registry.east_java_2020()
    reg.erase_personal_data("pm-0001", date(2021, 3, 1))
    p = tmp_path / "r.snapshot"
    reg.save(p)
    back = berdaya.Registry.load(p)
    assert back.erased_on("pm-0001") == date(2021, 3, 1)
    assert back.to_envelope() == reg.to_envelope()
