#!/usr/bin/env bash
# The run-time suite in one command: installs its tools if missing, measures instruction
# counts (gungraun/callgrind) and wall time + allocations (divan), prints the tables of
# BENCHMARKS.md, then the serving-layer suites (gungraun, counting allocator). Usage: benches/run-time.sh
set -euo pipefail
cd "$(dirname "$0")"
./install-tools.sh
mkdir -p target
cargo bench --manifest-path Cargo.toml --bench instructions -- --save-summary=json
# Scaling (message length, detail count): report.py prints it under "Scaling".
cargo bench --manifest-path Cargo.toml --bench scaling -- --save-summary=json
cargo bench --manifest-path Cargo.toml --bench wall | tee target/divan.txt
python3 report.py --divan target/divan.txt
# The serving layer (axum): instructions, then allocations per request (BENCHMARKS.md,
# "The serving layer (axum)"); each prints its own table.
cargo bench --manifest-path Cargo.toml --bench layer -- --save-summary=json
cargo bench --manifest-path Cargo.toml --bench layer_alloc
# Validated input: hostile bodies at growing sizes (BENCHMARKS.md, "Validated input").
cargo bench --manifest-path Cargo.toml --bench input
# The client reading hostile bodies (BENCHMARKS.md, "The client (hostile bodies)").
cargo bench --manifest-path Cargo.toml --bench client -- --save-summary=json
