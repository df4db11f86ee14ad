#!/usr/bin/env bash
# Runs every test in the repository: the README's "run the tests" command, and the only thing .ci/run calls.
#
#  1. builds everything that runs off Windows (Embedded.Linux.slnf), warnings as errors; the nanoFramework builds
#     of the device code run the metadata gate after they compile, so a gate violation fails here;
#  2. runs every test project; tests that need Node.js packages or servers install and start them themselves;
#  3. prints one summary line: "tests: N passed, N failed, N skipped".
#
# With CI=true no test may skip for a missing component (such tests fail instead).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

configuration=${CONFIGURATION:-Release}
results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

echo "== build (Embedded.Linux.slnf, $configuration)"
dotnet build Embedded.Linux.slnf -c "$configuration" -nologo -v:minimal

echo "== test"
# Every test project in the filter, one at a time, each with its own result file.
mapfile -t projects < <(sed -n 's/.*"\(tests[^"]*Tests\.csproj\)".*/\1/p' Embedded.Linux.slnf | tr -s '\\' '/')
status=0
unfinished=()
for project in "${projects[@]}"; do
  name=$(basename "$project" .csproj)
  echo "-- $name"
  code=0
  dotnet test "$project" -c "$configuration" --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" || code=$?
  if [ "$code" -ne 0 ]; then
    status=$code
    # Failed tests end here too; a non-zero exit without a failed test means the test process did not finish
    # (crashed, killed, out of memory) and the tests it had left were never counted.
    if ! grep -q '<Counters [^>]*failed="[1-9]' "$results/$name.trx" 2>/dev/null; then
      unfinished+=("$name")
    fi
  fi
done

passed=0 failed=0 skipped=0 files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  value() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(value total); executed=$(value executed); ok=$(value passed); bad=$(value failed)
  passed=$((passed + ${ok:-0}))
  failed=$((failed + ${bad:-0}))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done

if [ "$files" -eq 0 ]; then
  echo "no test results were written" >&2
  status=1
fi
if [ "${#unfinished[@]}" -gt 0 ]; then
  echo "!! the test process of ${unfinished[*]} did not finish (crashed or killed): its remaining tests did not run; see the log above." >&2
fi
if [ "$skipped" -gt 0 ]; then
  echo "!! $skipped test(s) skipped: see the messages above for the component each one could not get." >&2
fi
summary="tests: $passed passed, $failed failed, $skipped skipped"
if [ "${#unfinished[@]}" -gt 0 ]; then summary="$summary; INCOMPLETE: ${unfinished[*]} did not finish"; fi
echo "$summary"
if [ "$failed" -gt 0 ] && [ "$status" -eq 0 ]; then status=1; fi
exit "$status"
