"""Precision and recall of theme tags and company links on the hand-labelled sets.

    python bench/tagging_eval.py [--set labelled|heldout] [--show-errors]

labelled.jsonl was used while tuning the rules; heldout.jsonl was written afterwards, by someone who saw
neither the rules nor the first set: its figures are the honest ones.

The set (tests/fixtures/tagging/labelled.jsonl) was written independently of the tagger: ordinary mentions,
traditional characters, English names, former names, ST stocks, codes, and false-link traps.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.config import resources_dir  # noqa: E402
from desktop.core.normalize import normalize  # noqa: E402
from desktop.tagging.tagger import Tagger  # noqa: E402

SETS = ROOT / "tests" / "fixtures" / "tagging"
LABELLED = SETS / "labelled.jsonl"


def evaluate(tagger: Tagger, rows: list[dict]) -> dict:
    out = {}
    for kind in ("stocks", "themes"):
        tp = fp = fn = 0
        errors = []
        for row in rows:
            themes, links = tagger.tag_text("", normalize(row["text"]))
            got = {link.code for link in links} if kind == "stocks" else {t.theme for t in themes}
            if kind == "themes":
                got &= {"energy", "ai"}  # the set labels the two required themes only
            want = set(row[kind])
            tp += len(got & want)
            fp += len(got - want)
            fn += len(want - got)
            if got != want:
                errors.append((row["id"], row["text"], sorted(got - want), sorted(want - got)))
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        out[kind] = {"precision": precision, "recall": recall, "tp": tp, "fp": fp, "fn": fn, "errors": errors}
    return out


def load(name: str = "labelled") -> list[dict]:
    path = SETS / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", default="labelled", help="labelled or heldout")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = ap.parse_args()
    name = args.set
    rows = load(name)
    result = evaluate(Tagger.from_resources(resources_dir()), rows)
    print(f"{name} sentences: {len(rows)}")
    for kind, r in result.items():
        print(f"{kind:7} precision {r['precision']:.3f}  recall {r['recall']:.3f}  "
              f"(tp {r['tp']}, fp {r['fp']}, fn {r['fn']})")
    if args.show_errors:
        for kind, r in result.items():
            print(f"\n{kind} errors:")
            for rid, text, extra, missing in r["errors"]:
                print(f"  {rid} +{extra} -{missing}  {text[:70]}")
    if args.json:
        out = {"set": name, "sentences": len(rows)}
        for kind, r in result.items():
            out |= {f"{kind}_precision": round(r["precision"], 3), f"{kind}_recall": round(r["recall"], 3),
                    f"{kind}_tp": r["tp"], f"{kind}_fp": r["fp"], f"{kind}_fn": r["fn"]}
        print(json.dumps(out))


if __name__ == "__main__":
    main()
