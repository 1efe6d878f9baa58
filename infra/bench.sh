#!/usr/bin/env bash
# End-to-end benchmark: a real Mosquitto and influxd (Debian packages), the job on a local
# MiniCluster, paced gateways; prints a table and writes target/bench/result.json.
#   bash infra/bench.sh                                   # 1,000 sensors, 50,000 readings/s, 20 s
#   bash infra/bench.sh --sensors 10000 --rate 80000 --parallelism 1
#   bash infra/bench.sh --ramp 40000,60000,80000,100000   # stops at the first rate it cannot keep up with, then ramps
#                                                         # the bare pipeline on from the job's highest kept-up rate
#                                                         # (--bare-ramp false skips it) and prints the job's share
#   bash infra/bench.sh --scale 1000,10000,100000 --rate 30000   # state and checkpoint size as sensors grow
#   bash infra/bench.sh --broker hivemq                   # the demo's embedded HiveMQ CE instead of Mosquitto
#   bash infra/bench.sh --baseline-commit HEAD~1          # the same load on that commit's job first, then on this tree's:
#                                                         # CPU per stored reading before and after, in one sitting
# The warm-up is 120 s because the job's JIT takes that long to settle on two busy cores: it compiled
# 9,500 methods in its first 10 s, 4,900 in the next, 1,700 in each of the two after, 500 in each 10 s
# after that and still 130-350 a 10 s between 60 and 120 s (-XX:+PrintCompilation at 120,000
# readings/s, 2026-12-07). Measured from 40 s the compiler threads took 0.12 core at 120,000/s, from
# 120 s 0.04 (the same tree, the same hour): a job runs for days, and its first two minutes are not its cost.
# The job runs in a JVM of its own (its CPU per stored reading is its own), and so do the gateways
# (a fleet's JIT and GC are not the job's); the probes and two baselines run in the benchmark's JVM, the third
# (the bare pipeline: the job's storage path alone) in a JVM of its own, as the job.
# ENVWATCH_BENCH_JOB_JVM adds options to the job's JVM, whose output goes to its log
# (ENVWATCH_BENCH_JOB_JVM=-XX:+PrintCompilation: what its JIT compiles while it is measured).
# The job checkpoints at its own default interval (10 s); ENVWATCH_CHECKPOINT_MS=5000 bash infra/bench.sh ...
# runs it at another (the benchmark used 5 s before 2026-12-07).
# --profile true records a JFR profile of the job in the measured window and prints where the CPU went;
# it costs the job CPU, so the CPU and latency figures of a profiled run are not comparable.
set -euo pipefail
cd "$(dirname "$0")/.."
for pkg in mosquitto:mosquitto influxd:influxdb; do
  bin=${pkg%%:*}
  if ! command -v "$bin" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$bin" ] && [ ! -x "/usr/bin/$bin" ]; then
    if [ "$(id -u)" -eq 0 ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkg##*:}"
    else
      echo "$bin is missing: sudo apt-get install -y ${pkg##*:}" >&2; exit 1
    fi
  fi
done
# Rebuild when any source changed since the jar was built, so the numbers are of the code checked out.
if [ ! -f infra/target/envwatch-demo.jar ] || [ -n "$(find . -path ./infra/target -prune -o -newer infra/target/envwatch-demo.jar \( -name '*.java' -o -name '*.yaml' -o -name pom.xml \) -print -quit)" ]; then
  mvn -B -q install -DskipTests
fi
extra=()
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [ "${args[$i]}" = "--baseline-commit" ]; then
    rev=$(git rev-parse --short "${args[$((i + 1))]}")
    tree="${TMPDIR:-/tmp}/envwatch-baseline-$rev"
    if [ ! -f "$tree/stream-jobs/target/envwatch-job.jar" ]; then
      git worktree remove --force "$tree" 2>/dev/null || rm -rf "$tree"
      git worktree add --detach "$tree" "$rev" >/dev/null
      echo "building the job of $rev in $tree"
      (cd "$tree" && mvn -B -q package -DskipTests -pl stream-jobs -am)
    fi
    # That commit's job classes first; Flink and the rest from this tree's jar.
    extra=(--baseline-jar "$tree/stream-jobs/target/envwatch-job.jar:$PWD/infra/target/envwatch-demo.jar" --baseline-label "$rev")
  fi
done
exec java -cp infra/target/envwatch-demo.jar io.envwatch.infra.bench.EndToEndBenchmark \
  --sensors 1000 --gateways 10 --rate 50000 --readings-per-message 100 --seconds 20 --warmup 120 --parallelism 2 \
  --broker mosquitto --profile false "$@" "${extra[@]}"
