#!/bin/sh
# InfluxDB 2.x answers InfluxQL (Grafana's boards, the duty service) on its v1 endpoint once the
# database name maps to a bucket. Runs once after the server's own setup.
set -eu
until influx ping --host "$INFLUX_HOST" >/dev/null 2>&1; do sleep 1; done
bucket_id=$(influx bucket list --host "$INFLUX_HOST" --token "$INFLUX_TOKEN" --org "$INFLUX_ORG" \
  --name "$INFLUX_BUCKET" --hide-headers | cut -f1)
if influx v1 dbrp list --host "$INFLUX_HOST" --token "$INFLUX_TOKEN" --org "$INFLUX_ORG" --db envwatch \
     --hide-headers 2>/dev/null | grep -q envwatch; then
  echo "DBRP envwatch already mapped"
else
  influx v1 dbrp create --host "$INFLUX_HOST" --token "$INFLUX_TOKEN" --org "$INFLUX_ORG" \
    --db envwatch --rp autogen --bucket-id "$bucket_id" --default
fi
