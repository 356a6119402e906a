#!/usr/bin/env bash
# The run-time suite in one command: installs its tools if missing, measures instruction
# counts (gungraun/callgrind) and wall time + allocations (divan), prints the tables of
# BENCHMARKS.md. Usage: benches/run-time.sh
set -euo pipefail
cd "$(dirname "$0")"
./install-tools.sh
mkdir -p target
cargo bench --manifest-path Cargo.toml --bench instructions -- --save-summary=json
cargo bench --manifest-path Cargo.toml --bench wall | tee target/divan.txt
python3 report.py --divan target/divan.txt
