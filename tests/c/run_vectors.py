#!/usr/bin/env python3
"""Run tests/vectors/*.json through the C ABI (tests/c/vectors.c) and compare.

Usage: run_vectors.py VECTORS_BINARY [RUNNER_PREFIX...]
(e.g. `run_vectors.py build/vectors valgrind --error-exitcode=1 ...`).

The C program does the work through libpmh; this driver only feeds it the
cases and projects its JSON outputs exactly as `pmh conformance` (Rust) and
tests/python/test_vectors.py do, so the three interfaces are held to the same
expected outcomes. Prints `N passed, N failed`; exit 1 on any failure.
Standard library only.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def dumps(v) -> str:
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"))


def fields(op: str, inp: dict) -> list[str]:
    if op == "id.check":
        return [inp.get("kind", ""), inp["value"], inp.get("payer", ""), inp.get("rule", "")]
    if op == "date.convert":
        return [inp["value"]]
    if op == "canonicalize":
        return [inp["json"]]
    if op == "validate":
        return [inp["type"], dumps(inp["data"])]
    if op == "envelope.seal":
        return [inp[k] for k in ("keyPem", "id", "type", "from", "to", "issuedAt", "expiresAt")] + [dumps(inp["payload"])]
    if op == "envelope.open":
        return [inp["envelope"], dumps(inp["trust"]), inp["now"], inp.get("receiver", ""),
                "1" if inp.get("allowUnknownTypes") else "0"]
    if op == "subsidy.eligibility":
        return [dumps(inp["certificate"]), dumps(inp["visit"])]
    if op == "subsidy.copayment":
        return [dumps(inp)]
    if op == "immunization.evaluate":
        return [dumps(inp["history"]), inp["asOf"]]
    raise ValueError(f"no C runner for {op}")


def issues(items) -> list[dict]:
    return [{"code": i["code"], "path": i["path"], "severity": i["severity"]} for i in items]


def project(op: str, status: int, out: str, err: str):
    """The outcome as the vectors state it."""
    if status != 0:
        # PMH_INVALID and the domain statuses put the stable code in the message.
        return {"error": err.split(":")[0].strip()}
    v = json.loads(out)
    if op == "id.check":
        return {"valid": v["valid"], "kind": v["kind"], "normalized": v["normalized"], "issues": issues(v["issues"])}
    if op == "canonicalize":
        return {"canonical": out}
    if op == "validate":
        return {"ok": v["ok"], "issues": issues(v["issues"])}
    if op == "envelope.seal":
        return {"envelope": v}
    if op == "envelope.open":
        e = v["envelope"]
        return {"ok": True, "id": e["id"], "type": e["type"], "from": e["from"], "to": e["to"], "payload": e["payload"]}
    if op == "subsidy.eligibility":
        return {"eligible": v["eligible"], "settlement": v["settlement"], "reasons": [r["code"] for r in v["reasons"]]}
    if op == "subsidy.copayment":
        return {"totalCost": v["totalCost"], "insurerPays": v["insurerPays"], "patientPays": v["patientPays"],
                "publicPays": [p["pays"] for p in v["publicPayers"]],
                "charged": [e["entry"]["charged"] for e in v.get("ledgerEntries", [])]}
    if op == "immunization.evaluate":
        raise AssertionError("handled in compare()")
    return v


def compare(op: str, case: dict, status: int, out: str, err: str):
    if op != "immunization.evaluate":
        return project(op, status, out, err)
    if status != 0:
        return {"error": err.split(":")[0].strip()}
    entry = next(v for v in json.loads(out)["vaccines"] if v["vaccine"] == case["input"]["vaccine"])
    full = {
        "doses": [{"dose": d["dose"], "routine": d["routine"], "reasons": d["reasons"]} for d in entry["doses"]],
        "status": entry["status"],
        "nextEarliest": (entry.get("next") or {}).get("earliest"),
    }
    return {k: v for k, v in full.items() if k == "doses" or k in case["expected"]}


def main() -> int:
    command = sys.argv[1:]
    cases = []
    for path in sorted((ROOT / "tests/vectors").glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            cases.append((path.stem, case))
    stream = bytearray()
    for _, case in cases:
        fs = [f.encode("utf-8") for f in fields(case["operation"], case["input"])]
        stream += f"{case['operation']}\n{len(fs)}\n".encode()
        for f in fs:
            stream += f"{len(f)}\n".encode() + f + b"\n"
    proc = subprocess.run(command, input=bytes(stream), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
        print(f"vectors program failed with exit code {proc.returncode}")
        print(f"0 passed, {len(cases)} failed")
        return 1
    data = proc.stdout
    pos = 0

    def line() -> bytes:
        nonlocal pos
        end = data.index(b"\n", pos)
        text = data[pos:end]
        pos = end + 1
        return text

    def chunk() -> str:
        nonlocal pos
        n = int(line())
        text = data[pos:pos + n].decode("utf-8")
        pos += n + 1
        return text

    passed = failed = 0
    for stem, case in cases:
        status = int(line())
        out, err = chunk(), chunk()
        actual = compare(case["operation"], case, status, out, err)
        if actual == case["expected"]:
            passed += 1
        else:
            failed += 1
            print(f"FAIL  {stem}: {case['name']}")
            print(f"      expected {dumps(case['expected'])}")
            print(f"      actual   {dumps(actual)} (status {status})")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
