#!/usr/bin/env bash
# A standalone Flink session cluster on this machine, as Flink's bin/ scripts would start one from a
# Flink distribution: a JobManager and TaskManagers in their own JVMs, with a lib/ folder assembled
# from Maven Central (flink-dist is not published there; infra/flink-cluster/pom.xml lists what goes
# in) and a conf/config.yaml. Web UI and REST API on the printed port. Ctrl-C stops the cluster.
#
#   bash infra/flink-cluster.sh                                  # JobManager + 2 TaskManagers, 2 slots each
#   bash infra/flink-cluster.sh --task-managers 3 -D taskmanager.numberOfTaskSlots=4
#   bash infra/flink-cluster.sh --submit stream-jobs/target/envwatch-job.jar -- \
#       --mqtt-url tcp://127.0.0.1:1883 --influx-url http://127.0.0.1:8086 --influx-create-database true
#
# The job's arguments are the settings of docs/configuration.md; docs/flink-cluster.md says more.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f infra/target/envwatch-demo.jar ] || [ ! -d infra/flink-cluster/target/lib ] \
   || [ -n "$(find . -path ./infra/target -prune -o -newer infra/target/envwatch-demo.jar \( -name '*.java' -o -name pom.xml \) -print -quit)" ]; then
  echo "building EnvWatch and the Flink lib folder (the first build downloads dependencies and can take a few minutes)"
  mvn -B -q install -DskipTests
fi
exec java -cp infra/target/envwatch-demo.jar io.envwatch.infra.cluster.FlinkClusterMain \
  --lib infra/flink-cluster/target/lib "$@"
