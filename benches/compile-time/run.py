#!/usr/bin/env python3
"""Compile-time benchmark of `#[derive(ApiError)]`.

Generates fixture crates with N variants (default 10, 100, 1000) in three arms:

  derive     `#[derive(Debug, ApiError)]` with `#[code]` / `#[message]` / `#[detail]` /
             `#[source]` attributes and doc-comment meanings (ours);
  thiserror  `#[derive(Debug, thiserror::Error)]` + a hand-written `impl ApiError`
             (`code()` / `status()` / `entry()` / details matches) and a hand-written
             static catalogue (`Catalogued::CATALOG`);
  hand       the same `ApiError` impl and catalogue, plus hand-written `Display` and
             `std::error::Error` (no derive at all but `Debug`).

All three give the same functionality (same codes, statuses, messages, catalogue, details,
sources). The fixtures live in one cargo workspace under `benches/target/compile-time/`
(not committed), so dependencies are built once, up front, and never timed.

Measurement: for each N, several rounds; each round times, in an order rotated from round
to round (alternating arms), `cargo check -p <fixture>` after touching the fixture's
`src/lib.rs`, so only the fixture itself is re-checked. Reports minimum and median wall
time, ratios to the thiserror arm, the per-variant slope (is the cost linear in N?), and
the expanded size: bytes and lines of `rustc -Zunpretty=expanded` of the fixture
(obtained with `RUSTC_BOOTSTRAP=1 cargo rustc --profile check`, in a separate target
directory so the timed one is untouched).

    python3 benches/compile-time/run.py [--sizes 10,100,1000] [--runs 7] [--arms ...]
                                         [--incremental on|off] [--no-expand] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = HERE.parent
ROOT = BENCHES.parent
WORK = BENCHES / "target" / "compile-time"
TIMER_LOG = WORK / "rustc-times.log"
ARMS = ["derive", "thiserror", "hand"]
STATUSES_4XX = [400, 401, 403, 404, 409, 422, 429]
STATUSES_5XX = [500, 502, 503]
STATUS_NAMES = {400: "BAD_REQUEST", 401: "UNAUTHORIZED", 403: "FORBIDDEN", 404: "NOT_FOUND",
                409: "CONFLICT", 422: "UNPROCESSABLE_ENTITY", 429: "TOO_MANY_REQUESTS",
                500: "INTERNAL_SERVER_ERROR", 502: "BAD_GATEWAY", 503: "SERVICE_UNAVAILABLE"}


# --- the fixture ---------------------------------------------------------------------------

class Variant:
    """One variant; `shape` cycles through four kinds every enum of real services has."""

    def __init__(self, i: int):
        self.i = i
        self.shape = i % 4
        self.name = f"Thing{i}"
        self.code = f"FX_THING_{i:04}"
        self.meaning = f"Thing {i} went wrong."
        self.family = "things" if i % 3 else "other"
        if self.shape == 3:
            self.status = STATUSES_5XX[i % len(STATUSES_5XX)]
        else:
            self.status = STATUSES_4XX[i % len(STATUSES_4XX)]

    # shape 0: struct variant, field in the message
    # shape 1: unit variant, the doc comment is the message
    # shape 2: struct variant with a #[detail] field and a second field, both in the message
    # shape 3: tuple variant with a #[source] io::Error, 5xx, fixed message

    def message_fmt(self) -> str:
        return [
            f"thing {{id}} failed ({self.i})",
            self.meaning,
            f"path {{path}} has {{count}} items ({self.i})",
            f"backend {self.i} failed",
        ][self.shape]

    def fields_decl(self, detail_attr: bool, source_attr: bool = True) -> str:
        if self.shape == 0:
            return " { id: String }"
        if self.shape == 1:
            return ""
        if self.shape == 2:
            d = "#[detail] " if detail_attr else ""
            return f" {{ {d}path: String, count: u32 }}"
        src = "#[source] " if source_attr else ""
        return f"({src}std::io::Error)"

    def pattern(self, bind: bool) -> str:
        if self.shape == 0:
            return f"Self::{self.name} {{ {'id' if bind else '..'} }}"
        if self.shape == 1:
            return f"Self::{self.name}"
        if self.shape == 2:
            return f"Self::{self.name} {{ {'path, count' if bind else '..'} }}"
        return f"Self::{self.name}({'e' if bind else '_'})"


def derive_arm(vs: list[Variant]) -> str:
    out = [
        "use api_envelope::ApiError;",
        "",
        "/// The fixture's errors.",
        "#[derive(Debug, ApiError)]",
        '#[api_error(convention = "SCREAMING_SNAKE", prefix = "FX_", family = "things")]',
        "pub enum FixtureError {",
    ]
    for v in vs:
        out.append(f"    /// {v.meaning}")
        fam = ', family = "other"' if v.family == "other" else ""
        out.append(f'    #[code("{v.code}", status = {v.status}{fam})]')
        if v.shape != 1:
            out.append(f'    #[message("{v.message_fmt()}")]')
        out.append(f"    {v.name}{v.fields_decl(detail_attr=True)},")
    out.append("}")
    return "\n".join(out) + "\n"


def catalogue_and_impl(vs: list[Variant]) -> str:
    """The hand-written `impl ApiError` and catalogue shared by the thiserror and hand arms."""
    out = [
        "use api_envelope::http::StatusCode;",
        "use api_envelope::{ApiError, Catalog, CatalogEntry, Catalogued, Convention, Detail, DetailVisitor};",
        "",
        "const ENTRIES: &[CatalogEntry] = &[",
    ]
    for v in vs:
        fam = f'Some("{v.family}")'
        out.append(
            f'    CatalogEntry::new("{v.code}", &[StatusCode::{STATUS_NAMES[v.status]}], '
            f'{fam}, "{v.meaning}", "{v.name}"),'
        )
    out.append("];")
    out += [
        "",
        "impl Catalogued for FixtureError {",
        '    const CATALOG: Catalog = Catalog::new("FixtureError", Convention::ScreamingSnake, "FX_", ENTRIES);',
        "}",
        "",
        "impl FixtureError {",
        "    fn index(&self) -> usize {",
        "        match self {",
    ]
    for v in vs:
        out.append(f"            {v.pattern(bind=False)} => {v.i},")
    out += ["        }", "    }", "}", "", "impl ApiError for FixtureError {",
            "    fn code(&self) -> &'static str {", "        match self {"]
    for v in vs:
        out.append(f'            {v.pattern(bind=False)} => "{v.code}",')
    out += ["        }", "    }", "", "    fn status(&self) -> StatusCode {", "        match self {"]
    for v in vs:
        out.append(f"            {v.pattern(bind=False)} => StatusCode::{STATUS_NAMES[v.status]},")
    out += ["        }", "    }", "",
            "    fn entry(&self) -> &'static CatalogEntry {",
            "        &ENTRIES[self.index()]",
            "    }", "",
            "    fn has_details(&self) -> bool {",
            "        matches!(self, " + (" | ".join(v.pattern(bind=False) for v in vs if v.shape == 2) or "_") + ")",
            "    }", "",
            "    fn visit_details(&self, visitor: &mut dyn DetailVisitor) {",
            "        match self {"]
    for v in vs:
        if v.shape == 2:
            out.append(f'            Self::{v.name} {{ path, .. }} => visitor.detail("path", Detail::new(path)),')
    out += ["            _ => {}", "        }", "    }", "",
            "    fn catalog() -> &'static Catalog {",
            "        const C: &Catalog = &<FixtureError as Catalogued>::CATALOG;",
            "        C",
            "    }",
            "}"]
    return "\n".join(out) + "\n"


def thiserror_arm(vs: list[Variant]) -> str:
    out = ["/// The fixture's errors.", "#[derive(Debug, thiserror::Error)]", "pub enum FixtureError {"]
    for v in vs:
        out.append(f"    /// {v.meaning}")
        out.append(f'    #[error("{v.message_fmt()}")]')
        out.append(f"    {v.name}{v.fields_decl(detail_attr=False)},")
    out.append("}")
    return "\n".join(out) + "\n\n" + catalogue_and_impl(vs)


def hand_arm(vs: list[Variant]) -> str:
    out = ["use std::fmt;", "", "/// The fixture's errors.", "#[derive(Debug)]", "pub enum FixtureError {"]
    for v in vs:
        out.append(f"    /// {v.meaning}")
        out.append(f"    {v.name}{v.fields_decl(detail_attr=False, source_attr=False)},")
    out += ["}", "", "impl fmt::Display for FixtureError {",
            "    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {", "        match self {"]
    for v in vs:
        msg = v.message_fmt()
        if v.shape == 0:
            out.append(f'            {v.pattern(bind=True)} => write!(f, "{msg}"),')
        elif v.shape == 2:
            out.append(f'            {v.pattern(bind=True)} => write!(f, "{msg}"),')
        else:
            out.append(f'            {v.pattern(bind=False)} => f.write_str("{msg}"),')
    out += ["        }", "    }", "}", "",
            "impl std::error::Error for FixtureError {",
            "    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {",
            "        match self {"]
    for v in vs:
        if v.shape == 3:
            out.append(f"            {v.pattern(bind=True)} => Some(e),")
    out += ["            _ => None,", "        }", "    }", "}"]
    return "\n".join(out) + "\n\n" + catalogue_and_impl(vs)


GENERATORS = {"derive": derive_arm, "thiserror": thiserror_arm, "hand": hand_arm}


def crate_name(arm: str, n: int) -> str:
    return f"fx-{arm}-{n}"


def write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text() != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def snapshot() -> Path:
    """Copies the runtime and macro crates (and the root manifest they inherit from) into
    the work directory, so that edits made to the main tree while the script runs cannot
    trigger a re-check of the dependencies inside a timed run. Files are only rewritten
    when their content changed, so an unchanged snapshot stays fresh for cargo."""
    snap = WORK / "snapshot"
    keep: set[Path] = set()
    for crate in ("runtime", "macros"):
        for f in (ROOT / crate).rglob("*"):
            if f.is_file() and "target" not in f.relative_to(ROOT).parts:
                dst = snap / f.relative_to(ROOT)
                keep.add(dst)
                data = f.read_bytes()
                if not dst.exists() or dst.read_bytes() != data:
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    dst.write_bytes(data)
    for f in list(snap.rglob("*")) if snap.exists() else []:
        if f.is_file() and f not in keep and f.name != "Cargo.toml":
            f.unlink()
    lines = []
    for line in (ROOT / "Cargo.toml").read_text().splitlines():
        if line.startswith("members"):
            line = 'members = ["macros", "runtime"]'
        elif line.startswith("exclude"):
            continue
        lines.append(line)
    write_if_changed(snap / "Cargo.toml", "\n".join(lines) + "\n")
    return snap


def generate(sizes: list[int], arms: list[str]) -> None:
    snap = snapshot()
    members = []
    for n in sizes:
        vs = [Variant(i) for i in range(n)]
        for arm in arms:
            name = crate_name(arm, n)
            members.append(name)
            d = WORK / name
            write_if_changed(d / "Cargo.toml", f"""[package]
name = "{name}"
version = "0.0.0"
edition = "2024"
publish = false

[lib]
path = "src/lib.rs"

[dependencies]
api-envelope = {{ path = "{snap / 'runtime'}" }}
thiserror = "2.0.21"
""")
            body = GENERATORS[arm](vs)
            header = (f"//! Fixture: {n} variants, arm `{arm}` (generated by "
                      "benches/compile-time/run.py; do not edit).\n"
                      "#![allow(missing_docs, dead_code, clippy::all)]\n\n")
            write_if_changed(d / "src" / "lib.rs", header + body)
    ws = "[workspace]\nresolver = \"3\"\nexclude = [\"snapshot\"]\nmembers = [\n" + "".join(f'    "{m}",\n' for m in members) + "]\n"
    write_if_changed(WORK / "Cargo.toml", ws)


# --- running -------------------------------------------------------------------------------

INCREMENTAL = True


def cargo(args: list[str], env_extra: dict | None = None, capture: bool = False, target: str | None = None):
    env = dict(os.environ)
    if target is None:
        target = "target" if INCREMENTAL else "target-noincr"
    env["CARGO_TARGET_DIR"] = str(WORK / target)
    env["CARGO_INCREMENTAL"] = "1" if INCREMENTAL else "0"
    env.setdefault("CARGO_TERM_COLOR", "never")
    env["RUSTC_WRAPPER"] = str(HERE / "rustc-timer.sh")
    env["RUSTC_TIMER_LOG"] = str(TIMER_LOG)
    if env_extra:
        env.update(env_extra)
    r = subprocess.run(["cargo", *args], cwd=WORK, env=env,
                       stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    if r.returncode != 0:
        sys.stderr.write(r.stderr.decode(errors="replace")[-6000:])
        raise SystemExit(f"cargo {' '.join(args)} failed (exit {r.returncode})")
    return r


def touch(path: Path) -> None:
    now = time.time()
    os.utime(path, (now, now))


def time_check(name: str) -> tuple[float, float]:
    """(wall time of `cargo check`, time of the fixture's rustc alone) in seconds."""
    touch(WORK / name / "src" / "lib.rs")
    TIMER_LOG.write_text("")
    t0 = time.perf_counter()
    cargo(["check", "--offline", "-q", "-p", name])
    wall = time.perf_counter() - t0
    entries = [l.split() for l in TIMER_LOG.read_text().splitlines() if l.strip()]
    crate = name.replace("-", "_")
    rustc = [int(ns) for c, ns in entries if c == crate]
    if len(rustc) != 1:
        raise SystemExit(f"expected one rustc run of {crate}, got {entries}: did the touch not re-check it?")
    return wall, rustc[0] / 1e9


def instructions(name: str) -> dict:
    """Instructions of the fixture's rustc (non-incremental check) under callgrind: the
    total, macro expansion (all derives of the crate), and the analysis passes."""
    out_dir = WORK / "callgrind"
    out_dir.mkdir(exist_ok=True)
    touch(WORK / name / "src" / "lib.rs")
    cargo(["check", "--offline", "-q", "-p", name], env_extra={"RUSTC_TIMER_CALLGRIND": str(out_dir)})
    out = out_dir / (name.replace("-", "_") + ".out")
    ann = subprocess.run(["callgrind_annotate", "--inclusive=yes", str(out)], capture_output=True,
                         text=True).stdout
    res = {}
    want = {"total": "PROGRAM TOTALS", "expand": "MacroExpander>::expand_crate",
            "analysis": "rustc_interface::passes::analysis"}
    for line in ann.splitlines():
        for k, w in want.items():
            if k not in res and w in line:
                res[k] = int(line.split()[0].replace(",", ""))
    return res


def expanded_size(name: str) -> tuple[int, int]:
    r = cargo(["rustc", "--offline", "-q", "-p", name, "--profile", "check", "--lib", "--",
               "-Zunpretty=expanded"], env_extra={"RUSTC_BOOTSTRAP": "1"}, capture=True,
              target="target-expand")
    text = r.stdout.decode()
    return len(text.encode()), text.count("\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10,100,1000")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--arms", default=",".join(ARMS))
    ap.add_argument("--no-expand", action="store_true")
    ap.add_argument("--instructions", action="store_true",
                    help="also count the instructions of each fixture's rustc (non-incremental) "
                         "under callgrind, once per arm and size: deterministic, unlike the times "
                         "(about a minute per 1000-variant fixture)")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--incremental", choices=["on", "off"], default="on",
                    help="on (the default, as `cargo check` in a dev profile): a touched file is "
                         "re-expanded (proc macros always re-run) but type checking is reused from "
                         "the incremental cache; off: CARGO_INCREMENTAL=0, a full check of the fixture "
                         "(own target directory)")
    a = ap.parse_args()
    global INCREMENTAL
    INCREMENTAL = a.incremental == "on"
    sizes = [int(s) for s in a.sizes.split(",")]
    arms = [s for s in a.arms.split(",") if s]

    generate(sizes, arms)
    print(f"fixtures in {WORK}", file=sys.stderr)
    # Dependencies once (and a first check of each fixture, also not timed).
    cargo(["check", "--offline", "--workspace"] if (WORK / "Cargo.lock").exists()
          else ["check", "--workspace"])

    results: dict = {}
    for n in sizes:
        times: dict[str, list[float]] = {arm: [] for arm in arms}
        rtimes: dict[str, list[float]] = {arm: [] for arm in arms}
        for r in range(a.runs):
            order = arms[r % len(arms):] + arms[:r % len(arms)]
            for arm in order:
                wall, rustc = time_check(crate_name(arm, n))
                times[arm].append(wall)
                rtimes[arm].append(rustc)
        results[n] = {arm: {"min": min(times[arm]), "median": statistics.median(times[arm]),
                            "runs": times[arm],
                            "rustc_min": min(rtimes[arm]), "rustc_median": statistics.median(rtimes[arm]),
                            "rustc_runs": rtimes[arm]}
                      for arm in arms}
        for arm in arms:
            src = (WORK / crate_name(arm, n) / "src" / "lib.rs").read_text()
            results[n][arm]["source_bytes"] = len(src.encode())
            results[n][arm]["source_lines"] = src.count("\n")
        print(f"n={n}: " + ", ".join(f"{arm} min {results[n][arm]['min']*1e3:.0f} ms"
                                      for arm in arms), file=sys.stderr)

    if not a.no_expand:
        for n in sizes:
            for arm in arms:
                b, lines = expanded_size(crate_name(arm, n))
                results[n][arm]["expanded_bytes"] = b
                results[n][arm]["expanded_lines"] = lines

    if a.instructions:
        for n in sizes:
            for arm in arms:
                results[n][arm]["instructions"] = instructions(crate_name(arm, n))

    report(results, sizes, arms, a.runs, a.incremental)
    if a.json:
        a.json.write_text(json.dumps({str(k): v for k, v in results.items()}, indent=2))
    return 0


def report(results: dict, sizes: list[int], arms: list[str], runs: int, incremental: str) -> None:
    base = "thiserror" if "thiserror" in arms else arms[0]
    print(f"\n### `cargo check` of the fixture, incremental {incremental} "
          f"({runs} runs per arm, alternating; ms)\n")
    print("`cargo check` is the wall time of the whole command; `rustc` is the fixture's "
          "compiler process alone (no cargo start-up).\n")
    print("| variants | arm | cargo check min | median | min / thiserror | median / thiserror "
          "| rustc min | median | min / thiserror | median / thiserror "
          "| expanded bytes | expanded lines | source bytes |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        b = results[n][base]
        for arm in arms:
            r = results[n][arm]
            print(f"| {n} | {arm} | {r['min']*1e3:.0f} | {r['median']*1e3:.0f} | "
                  f"{r['min']/b['min']:.2f} | {r['median']/b['median']:.2f} | "
                  f"{r['rustc_min']*1e3:.0f} | {r['rustc_median']*1e3:.0f} | "
                  f"{r['rustc_min']/b['rustc_min']:.2f} | {r['rustc_median']/b['rustc_median']:.2f} | "
                  f"{r.get('expanded_bytes', '-')} | {r.get('expanded_lines', '-')} | {r['source_bytes']} |")
    if any("instructions" in results[n][arm] for n in sizes for arm in arms):
        print("\n### Instructions of the fixture's `rustc` (callgrind, non-incremental check)\n")
        print("| variants | arm | total | / thiserror | macro expansion | / thiserror | analysis | / thiserror |")
        print("|---:|---|---:|---:|---:|---:|---:|---:|")
        for n in sizes:
            b = results[n][base].get("instructions", {})
            for arm in arms:
                r = results[n][arm].get("instructions", {})
                cells = []
                for k in ("total", "expand", "analysis"):
                    v, bv = r.get(k), b.get(k)
                    cells.append(f"{v / 1e6:.0f} M" if v else "-")
                    cells.append(f"{v / bv:.2f}" if v and bv else "-")
                print(f"| {n} | {arm} | " + " | ".join(cells) + " |")
    if len(sizes) >= 2:
        print("\n### Linearity: marginal rustc cost per variant (from the minima, ms per variant)\n")
        print("Linear means the same marginal cost on each interval.\n")
        hdr = " | ".join(f"{sizes[i]}→{sizes[i+1]}" for i in range(len(sizes) - 1))
        print(f"| arm | {hdr} |")
        print("|---|" + "---:|" * (len(sizes) - 1))
        for arm in arms:
            cells = []
            for i in range(len(sizes) - 1):
                n0, n1 = sizes[i], sizes[i + 1]
                d = (results[n1][arm]["rustc_min"] - results[n0][arm]["rustc_min"]) / (n1 - n0)
                cells.append(f"{d*1e3:.3f}")
            print(f"| {arm} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    sys.exit(main())
