#!/bin/sh
# Prints what node prints for each JS twin of spec/readable_text_spec.lua
# (`case<TAB>JSON array` lines), the expected values of those specs:
# sh test/twins/text/run.sh
cd "$(dirname "$0")" || exit 1
for f in *.js; do
  node "$f"
done
