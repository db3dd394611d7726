#!/usr/bin/env bash
# Re-code the reference inputs and diff against a reference dir made by `check_identical.sh --make DIR`.
# Usage: scripts/check_identical.sh [--make] REFDIR
# Inputs: the seed article, examples/ (as a directory), the first 100 news articles.
set -euo pipefail
make=0
if [ "${1:-}" = "--make" ]; then make=1; shift; fi
ref=${1:?reference dir}
root=$(cd "$(dirname "$0")/.." && pwd)
py=${PYTHON:-/work/main/.venv/bin/python}
news=${NEWS100:-/tmp/restructure-news100.jsonl}
[ -f "$news" ] || head -100 /work/shared/data/news/allsides-2019-2020/articles.jsonl > "$news"
out=$ref
[ $make = 1 ] || out=$(mktemp -d)
mkdir -p "$out"
code() { PYTHONPATH="$root/src" "$py" -c 'from eventwire.cli import main; main()' code --no-progress "$@"; }
code /work/shared/examples/seed-article.txt > "$out/seed.jsonl" &
code "$root/examples" > "$out/examples.jsonl" &
code "$news" > "$out/news100.jsonl"
wait
(cd "$out" && sha256sum seed.jsonl examples.jsonl news100.jsonl) > "$out/SHA256SUMS.tmp"
if [ $make = 1 ]; then mv "$out/SHA256SUMS.tmp" "$ref/SHA256SUMS"; cat "$ref/SHA256SUMS"; exit 0; fi
cat "$out/SHA256SUMS.tmp"
if diff -q "$ref/SHA256SUMS" "$out/SHA256SUMS.tmp" >/dev/null; then echo "IDENTICAL"; rm -rf "$out"; exit 0; fi
for f in seed examples news100; do diff "$ref/$f.jsonl" "$out/$f.jsonl" | head -20 || true; done
echo "DIFFERENT (outputs kept in $out)"; exit 1
