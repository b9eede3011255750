#!/usr/bin/env bash
# Coverage-guided fuzzing of the readers (fuzz/LowBit.Fuzz) with afl-fuzz and SharpFuzz, every harness at
# once (one afl-fuzz per harness, in parallel), each for the same number of seconds.
#
#   eng/fuzz/run.sh [seconds per harness, default 60] [work directory, default a new temporary one]
#
# Prints one line per harness, "fuzz <harness>: passed|failed (...)", and exits non-zero if any harness
# saved a crash (or did not run). Crashing inputs are replayed in-process so their stack traces are shown;
# they stay in <work directory>/<harness>/out/default/crashes. See docs/fuzzing.md.
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
work=${2:-}
if [ -z "$work" ]; then
  work=$(mktemp -d)
  # A temporary work directory is removed after a clean run and kept when there is a crash to look at.
  trap '[ "${failed:-1}" -eq 0 ] && rm -rf "$work"' EXIT
fi
harnesses=(manifest onnx)
mkdir -p "$work"

publish="$work/publish"
if ! dotnet publish fuzz/LowBit.Fuzz -c Release -o "$publish" -v quiet -nologo > "$work/publish.log" 2>&1; then
  cat "$work/publish.log"
  for h in "${harnesses[@]}"; do echo "fuzz $h: failed (the harness project did not build)"; done
  exit 1
fi

# Coverage comes from the instrumented readers; the harness and the framework stay uninstrumented. The
# uninstrumented publish is kept for replaying crashes: instrumented code outside afl-fuzz has no coverage map.
instrumented="$work/instrumented"
rm -rf "$instrumented" && cp -r "$publish" "$instrumented"
dotnet tool restore > /dev/null
for assembly in LowBit.Manifest LowBit.Onnx LowBit.Runtime Google.Protobuf; do
  dotnet sharpfuzz "$instrumented/$assembly.dll" > /dev/null || { echo "fuzz: instrumenting $assembly failed"; exit 1; }
done

# Seeds: small real inputs of each kind, taken from the repository where they already live.
seed_manifest() {
  cp examples/models/worked_example.lbq tests/LowBit.BitExact/Models/add.avgpool-block.lbq \
     tests/LowBit.BitExact/Models/avgpool2d.u1.k2x3s1x2p1110.lbq "$1"
}
seed_onnx() {
  for model in test_qlinearconv test_matmulinteger test_quantizelinear_axis; do
    cp "tests/models/third-party/onnx-conformance/$model/model.onnx" "$1/$model.onnx"
  done
  cp tests/models/third-party/qonnx/qonnx_residual_block_clean.onnx "$1"
}

# dotnet itself carries no AFL instrumentation (SharpFuzz reports coverage), so afl-fuzz's binary check is
# skipped; the other settings keep it from refusing to start on a shared CI machine.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
# A fixed 1 s limit per input keeps slow inputs (a large declared image through many convolutions) out of
# the corpus, where they would slow every later round. Not "1000+": that lets afl-fuzz calibrate a limit of
# ~100 ms, which inputs exceed on a loaded machine and which then show up as time-outs and false crashes.
pids=()
for h in "${harnesses[@]}"; do
  mkdir -p "$work/$h/in"
  "seed_$h" "$work/$h/in"
  afl-fuzz -V "$seconds" -i "$work/$h/in" -o "$work/$h/out" -t 1000 -m none \
    -- dotnet "$instrumented/LowBit.Fuzz.dll" "$h" > "$work/$h/afl.log" 2>&1 &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done

# A crash counts when its input fails again in a fresh process: afl-fuzz also records an input as a crash
# when the harness process was disturbed (e.g. killed after a time-out under load), which does not replay.
failed=0
for h in "${harnesses[@]}"; do
  stats="$work/$h/out/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then
    tail -20 "$work/$h/afl.log"
    echo "fuzz $h: failed (afl-fuzz did not run; log above)"
    failed=1
    continue
  fi
  stat() { grep "^$1 " "$stats" | awk '{print $3}'; }
  confirmed=0; unconfirmed=0
  for input in "$work/$h/out/default/crashes"/id:*; do
    [ -f "$input" ] || continue
    if replay=$(dotnet "$publish/LowBit.Fuzz.dll" "$h" "$input" 2>&1); then
      unconfirmed=$((unconfirmed + 1))
    else
      confirmed=$((confirmed + 1))
      [ "$confirmed" -le 3 ] && echo "$replay" | head -15
    fi
  done
  summary="$(stat execs_done) inputs in $(stat run_time) s, $(stat corpus_count) in the corpus, $confirmed crashes"
  [ "$unconfirmed" -gt 0 ] && summary="$summary, $unconfirmed recorded crashes that did not replay"
  if [ "$confirmed" -gt 0 ]; then
    echo "fuzz $h: failed ($summary; inputs in $work/$h/out/default/crashes)"
    failed=1
  else
    echo "fuzz $h: passed ($summary)"
  fi
done
exit "$failed"
