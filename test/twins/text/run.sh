#!/bin/sh
# Prints what node prints for each JS twin of spec/readable_text_spec.lua,
# the expected values of those specs: sh test/twins/text/run.sh
cd "$(dirname "$0")" || exit 1
for f in *.js; do
  printf '%s: ' "${f%.js}"
  node "$f"
done
