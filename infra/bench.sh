#!/usr/bin/env bash
# End-to-end benchmark: a real Mosquitto and influxd (Debian packages), the job on a local
# MiniCluster, paced gateways; prints a table and writes target/bench/result.json.
#   bash infra/bench.sh                                   # 1,000 sensors, 50,000 readings/s, 20 s
#   bash infra/bench.sh --sensors 10000 --rate 80000 --parallelism 1
#   bash infra/bench.sh --ramp 40000,60000,80000,100000   # stops at the first rate it cannot keep up with
#   bash infra/bench.sh --scale 1000,10000,100000 --rate 30000   # state and checkpoint size as sensors grow
#   bash infra/bench.sh --broker hivemq                   # the demo's embedded HiveMQ CE instead of Mosquitto
# Each run records a JFR profile of the measured window and prints where the CPU went (--profile false to skip).
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
exec java -cp infra/target/envwatch-demo.jar io.envwatch.infra.bench.EndToEndBenchmark \
  --sensors 1000 --gateways 10 --rate 50000 --readings-per-message 100 --seconds 20 --warmup 10 --parallelism 2 \
  --broker mosquitto --profile true "$@"
