import json
from pathlib import Path

CONFORMANCE = Path(__file__).resolve().parents[3] / "conformance"


def conformance_files():
    return sorted(p for p in CONFORMANCE.rglob("*.json"))


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))
