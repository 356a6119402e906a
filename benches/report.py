#!/usr/bin/env python3
"""Tables of ratios from the last run of the benchmarks.

    python3 benches/report.py [--divan divan-output.txt]

Reads gungraun's summaries (`benches/target/gungraun/**/summary.json`, written by
`cargo bench --bench instructions -- --save-summary=json`) and, optionally, the text
output of the divan suite (`cargo bench --bench wall > divan-output.txt`), and prints the
Markdown tables of BENCHMARKS.md with each target's verdict.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
FMTS = ["scaiwave", "scaigrid", "scaidrive", "scaikey", "problem"]


def instructions() -> dict[tuple[str, str, str], int]:
    out = {}
    root = HERE / "target" / "gungraun"
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


def ratio(a: float, b: float) -> str:
    return f"{a / b:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--divan", type=Path)
    a = ap.parse_args()
    ir = instructions()

    def get(group, fn, fmt):
        return ir.get((group, fn, fmt))

    print("### Instructions per call (callgrind `Ir`)\n")
    print("| format | L body | D body | **D/L** (≤ 1.05) | T body | V body | H body | **H/D** (≥ 3) "
          "| L response | D response | D/L response | T response | V response | H response |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for fmt in FMTS:
        l, d, t, v, h = (get("body", f, fmt) for f in ("l_body", "d_body", "t_body", "v_body", "h_body"))
        lr, dr, tr, vr, hr = (get("response", f, fmt) for f in
                              ("l_response", "d_response", "t_response", "v_response", "h_response"))
        cell = lambda x: "–" if x is None else str(x)
        print(f"| {fmt} | {cell(l)} | {cell(d)} | **{ratio(d, l)}** | {cell(t)} | {cell(v)} | {cell(h)} | "
              f"{'**' + ratio(h, d) + '**' if h else '–'} | {cell(lr)} | {cell(dr)} | {ratio(dr, lr)} | "
              f"{cell(tr)} | {cell(vr)} | {cell(hr)} |")
    print()
    print("### `code()` / `status()` of all 7 variants (instructions)\n")
    print("| | derive | hand-written match | ratio |")
    print("|---|---:|---:|---:|")
    for what in ("code", "status"):
        d, h = get("code_status", f"d_{what}", "all_variants"), get("code_status", f"hand_{what}", "all_variants")
        print(f"| `{what}()` | {d} | {h} | {ratio(d, h)} |")

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
