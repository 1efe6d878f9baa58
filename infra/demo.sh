#!/usr/bin/env bash
# EnvWatch demo on embedded defaults: builds the project, then runs the whole platform in one
# process (embedded HiveMQ CE broker, the Flink job on a local MiniCluster, the gateway simulator)
# writing to a private influxd in a temporary folder. Ctrl-C stops everything.
#
#   bash infra/demo.sh                 # runs until Ctrl-C
#   bash infra/demo.sh --for-seconds=90
#
# Set ENVWATCH_INFLUX_URL (and ENVWATCH_INFLUX_VERSION/ORG/TOKEN/DATABASE) to use your own InfluxDB.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${ENVWATCH_INFLUX_URL:-}" ] && ! command -v influxd >/dev/null 2>&1 && [ ! -x /usr/bin/influxd ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "influxd is missing: installing Debian's influxdb package"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends influxdb
  else
    echo "influxd is missing: run 'sudo apt-get install -y influxdb', or set ENVWATCH_INFLUX_URL" >&2
    exit 1
  fi
fi

if [ ! -f infra/target/envwatch-demo.jar ] || [ -n "$(find . -path ./infra/target -prune -o -newer infra/target/envwatch-demo.jar \( -name '*.java' -o -name '*.yaml' -o -name pom.xml \) -print -quit)" ]; then
  echo "building EnvWatch (the first build downloads dependencies and can take a few minutes)"
  mvn -B -q install -DskipTests
fi
exec java -jar infra/target/envwatch-demo.jar "$@"
