#!/usr/bin/env bash
# The GPU check: on a machine with an NVIDIA GPU and no Java, runs Reco on CUDA (and on OpenCL where an
# NVIDIA OpenCL driver is installed) with the bundle bench/gpu/prepare.sh made, and writes ONE results
# file, gpu-check.txt, into $OUT (or the folder given as the first argument, else /tmp).
#
#   1. the machine: GPU, driver, the NVRTC and OpenCL libraries found;
#   2. reco devices;
#   3. every op on CUDA (and OpenCL) against the Java reference: the kernels' JUnit tests, with
#      RECO_REQUIRE_CUDA=1 so that a missing device fails instead of skipping;
#   4. reco train --json on the embedded ml-latest-small, on cuda and on java: test RMSE <= 0.850 and
#      within 0.005 of the Java device;
#   5. reco generate: 25M ratings (162,541 users x 59,047 movies, as ml-25m), generated here, not carried;
#   6. GpuTimings: epochs of the 25M set at 64 factors, SGD and Adam, batches 1024 and 65536, per GPU
#      device (median of 3) and once on the Java device at batch 1024; k-means of 60,000 x 64 into 100
#      clusters on each device;
#   7. a summary, printed last (and at the end of the file).
#
# Each step has a time limit; the whole check is sized for one `device` run of at most 8 minutes.
# Run from the repository root: bench/gpu/check.sh   (docs/gpu-check.md says how, with the device tool)
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dist="$root/bench/gpu/dist"
out_dir="${1:-${OUT:-/tmp}}"
results="$out_dir/gpu-check.txt"
java="$dist/runtime/bin/java"
lib="$dist/lib"
work="$(mktemp -d /tmp/reco-gpu-check.XXXXXX)"
ratings="${RECO_CHECK_RATINGS:-25000000}" # smaller (at least 162541, one per user) only for a dry run
started=$(date +%s)
mkdir -p "$out_dir"
: >"$results"

say() { printf '%s\n' "$*" | tee -a "$results"; }
section() { say ""; say "=== $* ($(( $(date +%s) - started )) s) ==="; }
# run LIMIT_SECONDS CMD...: runs CMD with a time limit, its output into the results (and the terminal).
run() {
  local limit=$1; shift
  timeout --kill-after=10 "$limit" "$@" 2>&1 | tee -a "$results"
  local rc=${PIPESTATUS[0]}
  [ "$rc" = 124 ] && say "(stopped after ${limit} s)"
  return "$rc"
}

if [ ! -x "$java" ] || [ ! -f "$lib/reco.jar" ]; then
  say "no bundle at $dist: run bench/gpu/prepare.sh on a machine with JDK 25 and Maven, then carry bench/gpu/dist"
  exit 2
fi

section "machine"
say "$(date -u '+%Y-%m-%d %H:%M:%S UTC') on $(hostname); bundle $(cat "$dist/BUNDLE" 2>/dev/null)"
run 30 nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm,clocks.max.mem --format=csv
cuda_major=$(nvidia-smi 2>/dev/null | sed -n 's/.*CUDA Version: \([0-9]*\)\..*/\1/p' | head -1)
say "driver's CUDA version: ${cuda_major:-unknown}"

# NVRTC comes with the toolkit or the nvidia-cuda-nvrtc wheel, not with the driver: take one of the
# driver's major version (a newer one's PTX would be refused by the driver's JIT).
mapfile -t nvrtcs < <(find /usr/local /usr/lib /opt \( -name 'libnvrtc.so.*' -o -name 'libnvrtc.so' \) \
                        -not -name '*builtins*' -not -name '*.alt.*' 2>/dev/null | sort -V)
say "NVRTC libraries found: ${nvrtcs[*]:-none}"
nvrtc=""
for candidate in "${nvrtcs[@]}"; do
  case "$(basename "$candidate")" in
    "libnvrtc.so.${cuda_major}"*) nvrtc="$candidate" ;;
  esac
done
[ -z "$nvrtc" ] && [ "${#nvrtcs[@]}" -gt 0 ] && nvrtc="${nvrtcs[-1]}"
say "NVRTC used: ${nvrtc:-none (the CUDA device will not open)}"

opts=(--enable-native-access=ALL-UNNAMED --add-modules=jdk.incubator.vector -Xss4m "-Dreco.home=$root")
[ -n "$nvrtc" ] && opts+=("-Dreco.nvrtc.library=$nvrtc")

# OpenCL: NVIDIA's driver ships libnvidia-opencl.so.1; register it with the bundled ICD loader.
ocl_driver=$(find /usr/lib /usr/lib64 /usr/local/nvidia -name 'libnvidia-opencl.so.1' 2>/dev/null | head -1)
gpu_devices="cuda"
if [ -n "$ocl_driver" ]; then
  mkdir -p "$work/icd"
  echo "$ocl_driver" >"$work/icd/nvidia.icd"
  export OCL_ICD_VENDORS="$work/icd"
  if ! ldconfig -p 2>/dev/null | grep -q 'libOpenCL.so.1 '; then
    opts+=("-Dreco.opencl.library=$lib/libOpenCL.so.1")
  fi
  gpu_devices="cuda,opencl"
  say "OpenCL driver: $ocl_driver (ICD registered in $work/icd)"
else
  say "OpenCL driver: none (no libnvidia-opencl.so.1); the OpenCL tests skip and OpenCL is not timed"
fi
reco=("$java" "${opts[@]}" -jar "$lib/reco.jar")

section "reco devices"
run 60 "${reco[@]}" devices

section "every op on CUDA and OpenCL against the Java reference (JUnit)"
export RECO_REQUIRE_CUDA=1
run 240 "$java" "${opts[@]}" \
    -cp "$lib/junit-platform-console-standalone.jar:$lib/reco.jar:$lib/kernels-tests.jar" \
    org.junit.platform.console.ConsoleLauncher execute --disable-banner --disable-ansi-colors --details=tree \
    --fail-if-no-tests \
    --select-package reco.kernels.cuda --select-package reco.kernels.opencl --select-package reco.kernels.source
tests_rc=$?
unset RECO_REQUIRE_CUDA

section "training on the embedded ml-latest-small"
for device in cuda java; do
  say "--- reco train --device $device --json"
  timeout --kill-after=10 180 "${reco[@]}" train --device "$device" --json --out "$work/model-$device" \
      >"$work/train-$device.json" 2>"$work/train-$device.log"
  rc=$?
  cat "$work/train-$device.log" "$work/train-$device.json" >>"$results"
  [ "$rc" != 0 ] && tail -5 "$work/train-$device.log" # the failure, also in the output tail
  say "exit $rc"
done
rmse() { sed -n 's/.*"test_rmse" *: *\([0-9.]*\).*/\1/p' "$work/train-$1.json" | head -1; }

section "generating $ratings ratings"
run 180 "${reco[@]}" generate --out "$work/ml-25m-synthetic" --ratings "$ratings" --users 162541 --movies 59047 \
    --rank 8 --seed 42

timings=("$java" "${opts[@]}" -cp "$lib/reco.jar:$lib/gpu-timings.jar" reco.bench.GpuTimings)
section "timings on $gpu_devices: epochs of $ratings ratings (64 factors) and k-means"
run 240 "${timings[@]}" --data "$work/ml-25m-synthetic" --devices "$gpu_devices" --batches 1024,65536 --repeats 3
section "blocked per-rating SGD on CUDA (one thread per block; $ratings ratings, 512 × 512 blocks)"
run 90 "${reco[@]}" bench --devices cuda --sizes "$ratings" --blocks 512 --optimizer sgd --init-scale 0.1 --l2 0.02 \
    --timed-epochs 2 --target-rmse 0 --kmeans 0 --load 0 --in-process
section "timings on the Java device (reference figures)"
remaining=$(( 470 - ($(date +%s) - started) ))
if [ "$remaining" -gt 60 ]; then
  run "$remaining" "${timings[@]}" --data "$work/ml-25m-synthetic" --devices java --batches 1024 --repeats 1
else
  say "skipped: only $remaining s of the check's 8 minutes left"
fi

section "summary"
{
  echo "tests (JUnit console exit code; 0 = all passed): $tests_rc"
  grep -E '^\[ *[0-9]+ (containers|tests) (found|successful|failed|aborted|skipped) *\]' "$results" | sed 's/^/  /'
  cuda_rmse=$(rmse cuda); java_rmse=$(rmse java)
  echo "embedded data test RMSE: cuda ${cuda_rmse:-none}, java ${java_rmse:-none} (bound 0.850; within 0.005 of java)"
  if [ -n "$cuda_rmse" ] && [ -n "$java_rmse" ]; then
    awk -v c="$cuda_rmse" -v j="$java_rmse" 'BEGIN { d = c - j; if (d < 0) d = -d;
        print "  " ((c <= 0.850 && d <= 0.005) ? "PASS" : "FAIL") ": |cuda - java| = " d }'
  else
    echo "  FAIL: a training run gave no test RMSE (its error is in the training step above)"
  fi
  grep '^TIMING' "$results" | sed 's/^TIMING /  /'
  echo "check took $(( $(date +%s) - started )) s; full log above in $results"
} | tee -a "$results"
# Exit 0 only when every test passed and the CUDA training met both bounds.
status=1
if [ "$tests_rc" = 0 ] && grep -q '^  PASS: |cuda - java|' "$results"; then
  status=0
fi
rm -rf "$work"
exit "$status"
