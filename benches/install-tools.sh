#!/usr/bin/env bash
# Installs the tools the run-time benchmarks need:
#  - valgrind (callgrind), from Debian's packages, if missing;
#  - gungraun-runner, built from source with `cargo install`; its version must equal
#    the `gungraun` library version in benches/Cargo.toml (0.20.0).
set -euo pipefail
GUNGRAUN_VERSION=0.20.0
if ! command -v valgrind >/dev/null 2>&1; then
  apt-get update && apt-get install -y valgrind
fi
if command -v gungraun-runner >/dev/null 2>&1 \
   && gungraun-runner --version 2>/dev/null | grep -q "$GUNGRAUN_VERSION"; then
  echo "gungraun-runner $GUNGRAUN_VERSION already installed"
else
  cargo install --locked gungraun-runner --version "$GUNGRAUN_VERSION"
fi
