#!/usr/bin/env python3
"""Tables of ratios from the last run of the benchmarks.

    python3 benches/report.py [--divan divan-output.txt]

Reads gungraun's summaries (`$CARGO_TARGET_DIR/gungraun/**/summary.json` when
CARGO_TARGET_DIR is set, else `benches/target/gungraun/**/summary.json`; written by
`cargo bench --bench instructions -- --save-summary=json` and
`cargo bench --bench scaling -- --save-summary=json`) and, optionally, the text output of
the divan suite (`cargo bench --bench wall > divan-output.txt`), and prints the Markdown
tables of BENCHMARKS.md with each target's verdict, then the "Scaling" table when the
scaling suite has run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
FMTS = ["scaiwave", "scaigrid", "scaidrive", "scaikey", "problem"]


def target_dir() -> Path:
    """Cargo's target directory: CARGO_TARGET_DIR when set (relative to the current
    directory, as cargo reads it), else the benches workspace's own `target`."""
    env = os.environ.get("CARGO_TARGET_DIR")
    return Path(env).resolve() if env else HERE / "target"


def instructions() -> dict[tuple[str, str, str], int]:
    out = {}
    root = target_dir() / "gungraun"
    for f in root.rglob("summary.json"):
        d = json.loads(f.read_text())
        ir = d["profiles"][0]["data"]["total"]["metrics"]["Ir"]["values"]["new"]
        out[(d["group"], d["function_name"], d["id"])] = ir
    return out


def divan(path: Path) -> dict[tuple[str, ...], dict]:
    """Parses divan's tree output: (group, arm, format) -> median time and allocations."""
    rows: dict = {}
    stack: list[str] = []
    leaf = None
    pending = None
    for line in path.read_text().splitlines():
        m = re.match(r"^([│ ]*)(├─|╰─) (\S+)\s+(.*)$", line)
        if m:
            depth = len(m.group(1)) // 3
            stack = stack[:depth] + [m.group(3)]
            cells = [c.strip() for c in m.group(4).split("│")]
            if cells and re.match(r"^[\d.]+ [nµm]?s$", cells[0]):
                leaf = {"median": cells[-4], "alloc": 0, "alloc_bytes": "0 B", "grow": 0}
                rows[tuple(stack)] = leaf
            else:
                leaf = None
            pending = None
            continue
        m = re.match(r"^[│ ]*(max alloc|alloc|dealloc|grow|shrink):", line)
        if m and leaf is not None:
            pending = [m.group(1), 0]
            continue
        if pending and leaf is not None:
            # The tree prefix also holds `│`: count the data columns from the end
            # (fastest, slowest, median, mean, samples, iters).
            cells = [c.strip() for c in line.split("│")]
            val = cells[-4]
            if pending[1] == 0:
                leaf[pending[0]] = float(val) if re.match(r"^[\d.]+$", val) else val
                pending[1] = 1
            else:
                leaf[pending[0] + "_bytes"] = val
                pending = None
    return rows


def ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None:
        return "–"
    return f"{a / b:.3f}"


def cell(x) -> str:
    return "–" if x is None else str(x)


# The scaling suite (benches/scaling.rs): gungraun ids `<envelope>_<size>`.
SCALING_ENVS = ["scaiwave", "problem"]
MAX_MESSAGE_BYTES = 8 * 1024  # api_envelope::format::limits::MAX_MESSAGE_BYTES
MESSAGE_CASES = [("16", 16, "16 B"), ("1k", 1024, "1 KiB"), ("64k", 64 * 1024, "64 KiB")]
DETAIL_CASES = [("0", 0), ("10", 10), ("1000", 1000)]


def scaling(get) -> None:
    """The "Scaling" table: per case, L1, D, D/L1, and the instructions each arm spends per
    byte / detail added since the previous size (so linearity and slope show)."""
    if not any(get("message_length", f, f"{e}_16") for f in ("l1_text", "d_text") for e in SCALING_ENVS) \
            and not any(get("detail_count", f, f"{e}_0") for f in ("l1_details", "d_details")
                        for e in SCALING_ENVS):
        return
    print("\n### Scaling (instructions per body, callgrind `Ir`)\n")
    print("The message is cut at 8 KiB (`MAX_MESSAGE_BYTES`) and `…` appended, so the 64 KiB "
          "case streams 8 192 bytes: the slope is per added *streamed* message byte "
          "(min(length, 8 192)). The detail slope from 0 to 10 includes the `details` "
          "object's own brackets (ScaiWave).\n")
    print("| case | L1 | D | **D/L1** | L1 Δ per added unit | D Δ per added unit |")
    print("|---|---:|---:|---:|---:|---:|")

    def rows(group, l1_fn, d_fn, cases, unit):
        for env in SCALING_ENVS:
            prev = None
            for ident, n, label in cases:
                l1 = get(group, l1_fn, f"{env}_{ident}")
                d = get(group, d_fn, f"{env}_{ident}")
                slope_l1 = slope_d = "–"
                if prev is not None:
                    pn, pl1, pd = prev
                    dn = n - pn
                    if dn and None not in (l1, pl1):
                        slope_l1 = f"{(l1 - pl1) / dn:.2f} / {unit}"
                    if dn and None not in (d, pd):
                        slope_d = f"{(d - pd) / dn:.2f} / {unit}"
                prev = (n, l1, d)
                print(f"| {env}, {label} | {cell(l1)} | {cell(d)} | **{ratio(d, l1)}** | "
                      f"{slope_l1} | {slope_d} |")

    rows("message_length", "l1_text", "d_text",
         [(i, min(n, MAX_MESSAGE_BYTES), f"message {label}") for i, n, label in MESSAGE_CASES],
         "byte")
    rows("detail_count", "l1_details", "d_details",
         [(i, n, f"{n} details") for i, n in DETAIL_CASES], "detail")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--divan", type=Path)
    a = ap.parse_args()
    ir = instructions()

    def get(group, fn, fmt):
        return ir.get((group, fn, fmt))

    print("### Instructions per call (callgrind `Ir`)\n")
    # L is "what serde would do" (derived `Serialize` structs); L1 the hand-writer of
    # literal bytes (target D/L1 <= 1.10); L2 the floor (the message's words literal too).
    print("| format | L body | L1 body | L2 body | D body | **D/L** (≤ 1.05) | **D/L1** (≤ 1.10) | D/L2 "
          "| T body | V body | H body | **H/D** (≥ 3) "
          "| L response | L1 response | D response | D/L response | D/L1 response "
          "| T response | V response | H response |")
    print("|---|" + "---:|" * 19)
    for fmt in FMTS:
        l, l1, l2, d, t, v, h = (get("body", f, fmt) for f in
                                 ("l_body", "l1_body", "l2_body", "d_body", "t_body", "v_body", "h_body"))
        lr, l1r, dr, tr, vr, hr = (get("response", f, fmt) for f in
                                   ("l_response", "l1_response", "d_response", "t_response",
                                    "v_response", "h_response"))
        print(f"| {fmt} | {cell(l)} | {cell(l1)} | {cell(l2)} | {cell(d)} | **{ratio(d, l)}** | "
              f"**{ratio(d, l1)}** | {ratio(d, l2)} | {cell(t)} | {cell(v)} | {cell(h)} | "
              f"{'**' + ratio(h, d) + '**' if h else '–'} | {cell(lr)} | {cell(l1r)} | {cell(dr)} | "
              f"{ratio(dr, lr)} | {ratio(dr, l1r)} | {cell(tr)} | {cell(vr)} | {cell(hr)} |")
    print()
    print("### `code()` / `status()` of all 7 variants (instructions)\n")
    print("| | derive | hand-written match | ratio |")
    print("|---|---:|---:|---:|")
    for what in ("code", "status"):
        d, h = get("code_status", f"d_{what}", "all_variants"), get("code_status", f"hand_{what}", "all_variants")
        print(f"| `{what}()` | {d} | {h} | {ratio(d, h)} |")

    scaling(get)

    if a.divan:
        rows = divan(a.divan)
        arms = ["l", "d", "t", "v", "h"]
        for group, title in (("body", "Body into a reused buffer"), ("response", "Full `http::Response`")):
            print(f"\n### divan: {title} (median time; allocations + reallocations per call)\n")
            print("| format | " + " | ".join(arm.upper() for arm in arms) + " |")
            print("|---|" + "---:|" * len(arms))
            for fmt in FMTS:
                cells = []
                for arm in arms:
                    r = rows.get((group, arm, fmt))
                    if r is None:
                        cells.append("–")
                        continue
                    n = r.get("alloc", 0)
                    g = r.get("grow", 0)
                    fmt_n = lambda x: f"{x:g}" if isinstance(x, float) else str(x)
                    allocs = fmt_n(n) + (f" + {fmt_n(g)} grow" if g else "")
                    cells.append(f"{r['median']}, {allocs} alloc")
                print(f"| {fmt} | " + " | ".join(cells) + " |")
        print("\n### divan: `code()` / `status()` of all 7 variants (median)\n")
        print("| | derive | hand-written match |")
        print("|---|---:|---:|")
        for what in ("code", "status"):
            d = rows.get(("code_status", f"d_{what}"), {}).get("median")
            h = rows.get(("code_status", f"hand_{what}"), {}).get("median")
            print(f"| `{what}()` | {d} | {h} |")


if __name__ == "__main__":
    main()
