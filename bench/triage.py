"""`python -m bench.triage [--texts N] [--train N] [--quick] [--json-out PATH]`: how fast
triage is (issue 12: per query).

1. Triage of one text: `regie.triage.suggest` on N generated resident texts: rules only, with
   the seed model Regie ships (what a municipality without a model of its own gets), and with
   a model trained on them; median and p95 per text. Target: under 20 ms.
2. Retraining on 100,000 generated labelled texts (`regie.triage.train`). Target: under 60 s.

The texts are generated from phrase lists per domain (below): they measure speed, not
accuracy. Accuracy is measured on the paraphrased public cases in
src/regie/triage/data/eval.jsonl (`regie triage evaluate`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.machine import describe, regie_revision
from bench.processes import REPO
from bench.report import protocol, row, write_json

TEXT_TARGET_MS = 20.0
RETRAIN_TARGET_S = 60.0

_OPENINGS = (
    "Goedemorgen,",
    "Beste medewerker,",
    "Ik schrijf u omdat",
    "Hallo,",
    "Geachte heer, mevrouw,",
    "Sinds vorige maand",
    "Ik weet niet meer wat ik moet doen.",
    "Al drie weken",
)
_SUBJECTS = {
    "wmo": (
        "mijn huishoudelijke hulp",
        "de scootmobiel",
        "de rolstoel",
        "de dagbesteding",
        "de traplift",
        "het Wmo-vervoer",
        "mijn begeleiding",
        "de woningaanpassing",
    ),
    "jeugd": (
        "de jeugdzorg voor mijn zoon",
        "de gezinsvoogd",
        "het jeugdteam",
        "de wachtlijst voor jeugd-GGZ",
        "de pleegzorg",
        "de jeugdhulp van mijn dochter",
    ),
    "werk-en-inkomen": (
        "mijn bijstand",
        "de energietoeslag",
        "de terugvordering",
        "mijn klantmanager",
        "de kostendelersnorm",
        "de bijzondere bijstand",
        "het re-integratietraject",
    ),
    "schuldhulp": (
        "mijn bewindvoerder",
        "de schuldhulpverlening",
        "het budgetbeheer",
        "mijn schulden",
        "de kredietbank",
        "de schuldregeling",
    ),
    "overig": (
        "het leerlingenvervoer",
        "mijn parkeervergunning",
        "de afvalstoffenheffing",
        "de WOZ-waarde",
        "mijn urgentieaanvraag",
        "de straatverlichting",
    ),
}
_PROBLEMS = {
    "klacht": (
        "is al weken niet geregeld en niemand belt terug.",
        "werd onbeschoft afgehandeld, ik ben erg ontevreden.",
        "loopt vast en ik word van het kastje naar de muur gestuurd.",
    ),
    "hulpvraag": (
        "is voor mij te ingewikkeld, kunnen jullie mij helpen?",
        "wil ik graag aanvragen, hoe kan ik dat doen?",
    ),
    "signaal": ("van mijn buurvrouw gaat niet goed, ik maak me zorgen om haar.",),
    "melding": ("wil ik even melden: er is iets gewijzigd.", "is kapot, dat wil ik doorgeven."),
}
_URGENT = (
    "Volgende week worden gas en licht afgesloten.",
    "De deurwaarder komt morgen.",
    "Ik heb geen geld meer voor eten.",
    "We worden uit huis gezet.",
)
_FILLER = (
    "Ik heb dit al eerder doorgegeven.",
    "Mijn telefoonnummer staat hieronder.",
    "Het gaat om de brief van 12 maart.",
    "Ik woon hier al twintig jaar.",
    "Mijn moeder helpt mij met schrijven.",
    "Ik hoop op een snel antwoord.",
)


def generated(n: int, seed: int = 9) -> list[tuple[str, str, str, bool]]:
    rng = random.Random(seed)
    domains = list(_SUBJECTS)
    kinds = list(_PROBLEMS)
    out = []
    for i in range(n):
        domain = domains[i % len(domains)]
        kind = rng.choice(kinds)
        urgent = rng.random() < 0.1
        parts = [rng.choice(_OPENINGS), rng.choice(_SUBJECTS[domain]), rng.choice(_PROBLEMS[kind])]
        parts += rng.sample(_FILLER, rng.randint(0, 3))
        if urgent:
            parts.insert(rng.randint(1, len(parts)), rng.choice(_URGENT))
        parts.append(f"(kenmerk {rng.randint(1000, 99999)})")
        out.append((" ".join(parts), domain, kind, urgent))
    return out


def _time_suggest(texts: list[str], model_path: Path | None, *, use_seed: bool) -> list[float]:
    from regie.triage import suggest

    # Warm: imports, caches, the model loaded (or the seed model trained) once.
    suggest(texts[0], model_path=model_path, use_seed=use_seed)
    timings = []
    for text in texts:
        start = time.perf_counter()
        suggest(text, model_path=model_path, use_seed=use_seed)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def _p95(timings: list[float]) -> float:
    return statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]


def _summary(timings: list[float]) -> str:
    median = statistics.median(timings)
    return f"median {median:6.2f} ms, p95 {_p95(timings):6.2f} ms, max {max(timings):6.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.triage", description=__doc__)
    parser.add_argument("--texts", type=int, default=2_000, help="texts to triage one by one")
    parser.add_argument("--train", type=int, default=100_000, help="labelled texts to train on")
    parser.add_argument("--quick", action="store_true", help="200 texts, retrain on 5,000")
    parser.add_argument("--json-out", help="write the result object here")
    args = parser.parse_args(argv)
    if args.quick:
        args.texts, args.train = min(args.texts, 200), min(args.train, 5_000)
    if args.texts < 2 or args.train < 10:
        parser.error("--texts must be at least 2 and --train at least 10")

    from regie.triage import model as learned

    machine = describe()
    print(f"Triage: {args.texts:,} texts one by one; retraining on {args.train:,} texts")
    print(
        f"revision {regie_revision(REPO)}, {machine['cpu_model']}, {machine['nproc']} CPUs, "
        f"{machine['memory_gib']} GiB, load {machine['loadavg_1m']}, Python {machine['python']}"
    )
    texts = [t for t, *_ in generated(args.texts, seed=1)]
    timings: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        none = Path(tmp) / "absent.pickle"
        timings["rules only"] = _time_suggest(texts, none, use_seed=False)
        print(f"  suggest, rules only:        {_summary(timings['rules only'])}")
        timings["rules + seed model"] = _time_suggest(texts, none, use_seed=True)
        print(f"  suggest, rules + seed:      {_summary(timings['rules + seed model'])}")

        examples = generated(args.train, seed=2)
        start = time.perf_counter()
        fitted = learned.train(examples)
        seconds = time.perf_counter() - start
        path = Path(tmp) / "model.pickle"
        learned.save(fitted, path)
        print(
            f"  retrain on {len(examples):,} texts:   {seconds:6.1f} s "
            f"(target < {RETRAIN_TARGET_S:.0f} s; {fitted.cases:,} cases)"
        )
        timings["rules + own model"] = _time_suggest(texts, path, use_seed=True)
        print(f"  suggest, rules + model:     {_summary(timings['rules + own model'])}")
    print(f"  target per text: < {TEXT_TARGET_MS:.0f} ms")
    rows = []
    for name, values in timings.items():
        median, p95 = statistics.median(values), _p95(values)
        rows.append(row(f"triage per text, {name}: median", median, "ms"))
        rows.append(
            row(
                f"triage per text, {name}: p95",
                p95,
                "ms",
                target=f"< {TEXT_TARGET_MS:.0f} ms",
                met=p95 < TEXT_TARGET_MS,
            )
        )
    rows.append(
        row(
            f"retrain on {len(examples):,} texts",
            seconds,
            "s",
            target=f"< {RETRAIN_TARGET_S:.0f} s" if args.train >= 100_000 else None,
            met=seconds < RETRAIN_TARGET_S if args.train >= 100_000 else None,
        )
    )
    result = protocol(
        benchmark="triage",
        date=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        machine=machine,
        revision=regie_revision(REPO),
        rows=rows,
        ok=True,
        details={
            "texts": args.texts,
            "train": args.train,
            "quick": args.quick,
            "model_cases": fitted.cases,
            "max_ms": {name: round(max(values), 2) for name, values in timings.items()},
        },
    )
    write_json(args.json_out, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
