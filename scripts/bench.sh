#!/usr/bin/env bash
# Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
#
# Produce/consume benchmark of the broker jar (not a test; `make bench`). For each store
# (local directory, then S3Mock) it starts a fresh broker, runs Kafka's own ProducerPerformance
# (1,000,000 x 1 KiB, acks=all, linger.ms=5, batch.size=128 KiB) and then a group-less consumer
# throughput run, and prints records/s, MB/s, produce latency p50/p99 and the PUTs per MiB ingested.
#
# Kafka's ConsumerPerformance always joins a consumer group; until the broker serves groups the
# consumer side uses io.kafscale.e2e.bench.AssignConsumerPerformance (assign(), same output idea).
# Set BENCH_CONSUMER=kafka to run ConsumerPerformance instead.
#
# Knobs (environment): BENCH_RECORDS (1000000), BENCH_RECORD_SIZE (1024), BENCH_PARTITIONS (1),
# BENCH_STORES ("local s3"), BENCH_BROKER_ENV (extra KAFSCALE_* settings, space separated),
# BENCH_PORT (19092; admin = +1, S3Mock = +2, +3), BENCH_BROKER_JAR (broker/target/kafscale-broker.jar),
# BENCH_BROKER_JVM_OPTS (extra JVM flags for the broker, e.g. a JFR recording).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

JAVA_HOME=${JAVA_HOME:-$(./scripts/find-jdk.sh)}
JAVA="$JAVA_HOME/bin/java"
export JAVA_HOME
RECORDS=${BENCH_RECORDS:-1000000}
RECORD_SIZE=${BENCH_RECORD_SIZE:-1024}
PARTITIONS=${BENCH_PARTITIONS:-1}
STORES=${BENCH_STORES:-local s3}
PORT=${BENCH_PORT:-19092}
ADMIN_PORT=$((PORT + 1))
S3_PORT=$((PORT + 2))
S3_TLS_PORT=$((PORT + 3))
BROKER_JAR=${BENCH_BROKER_JAR:-$ROOT/broker/target/kafscale-broker.jar}
S3MOCK_JAR="$ROOT/storage/target/s3mock/s3mock-exec.jar"
CP_FILE="$ROOT/test-e2e/target/bench-classpath.txt"
WORK=$(mktemp -d /tmp/kafscale-bench.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

log() { echo "bench: $*" >&2; }

[[ -f "$BROKER_JAR" ]] || { log "missing $BROKER_JAR (run: make build)"; exit 1; }
if [[ ! -f "$CP_FILE" || "$ROOT/test-e2e/pom.xml" -nt "$CP_FILE" || ! -d "$ROOT/test-e2e/target/test-classes/io/kafscale/e2e/bench" ]]; then
  log "building the tools classpath (kafka-tools from test-e2e)"
  mvn -B -ntp -q -pl test-e2e test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >&2
fi
TOOLS_CP="$ROOT/test-e2e/target/test-classes:$(cat "$CP_FILE")"
if [[ ! -f "$S3MOCK_JAR" ]]; then
  log "fetching S3Mock"
  mvn -B -ntp -q -pl storage generate-test-resources >&2
fi

wait_http() { # url seconds
  for _ in $(seq 1 $(($2 * 10))); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.1
  done
  log "timed out waiting for $1"; return 1
}

metric_sum() { # metrics-text-file name-regex -> sum of matching sample values (0 if none)
  awk -v re="$2" '$0 !~ /^#/ && $1 ~ re { s += $NF } END { printf "%.0f", s + 0 }' "$1"
}

count_objects() { # store dir -> number of stored objects (segments + indexes)
  if [[ $1 == s3 ]]; then
    find "$2" -name binaryData 2>/dev/null | wc -l
  else
    find "$2" -type f -name 'segment-*' 2>/dev/null | wc -l
  fi
}

run_store() {
  local store=$1 dir="$WORK/$1" topic="bench-$1"
  mkdir -p "$dir/data"
  local -a env=(KAFSCALE_BROKER_ADDR=127.0.0.1:$PORT KAFSCALE_BROKER_HOST=127.0.0.1
    KAFSCALE_BROKER_PORT=$PORT KAFSCALE_METRICS_ADDR=127.0.0.1:$ADMIN_PORT
    KAFSCALE_DATA_DIR="$dir/data" KAFSCALE_AUTO_CREATE_TOPICS=true)
  local objects_dir="$dir/data"
  if [[ $store == s3 ]]; then
    log "starting S3Mock on 127.0.0.1:$S3_PORT"
    # Both S3Mock ports on 127.0.0.1 only: the storage test fixture knows how (S3MockLoopback).
    local -a loopback
    mapfile -t loopback < <("$JAVA" -cp "$TOOLS_CP" io.kafscale.storage.testing.S3MockLoopback "$WORK")
    "$JAVA" -Xmx1g -jar "$S3MOCK_JAR" --com.adobe.testing.s3mock.httpPort=$S3_PORT \
      --server.port=$S3_TLS_PORT "${loopback[@]}" \
      --com.adobe.testing.s3mock.store.root="$dir/s3" \
      --com.adobe.testing.s3mock.store.initialBuckets=bench >"$dir/s3mock.log" 2>&1 &
    PIDS+=($!)
    wait_http "http://127.0.0.1:$S3_PORT/" 90
    env+=(KAFSCALE_S3_BUCKET=bench KAFSCALE_S3_ENDPOINT=http://127.0.0.1:$S3_PORT
      KAFSCALE_S3_PATH_STYLE=true KAFSCALE_S3_REGION=us-east-1
      KAFSCALE_S3_ACCESS_KEY=bench KAFSCALE_S3_SECRET_KEY=bench)
    objects_dir="$dir/s3/bench"
  fi
  # shellcheck disable=SC2206
  env+=(${BENCH_BROKER_ENV:-})
  log "starting broker ($store store) on 127.0.0.1:$PORT"
  env -u KAFSCALE_DATA_DIR "${env[@]}" "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx2g \
    ${BENCH_BROKER_JVM_OPTS:-} -jar "$BROKER_JAR" >"$dir/broker.log" 2>&1 &
  local broker_pid=$!
  PIDS+=($broker_pid)
  wait_http "http://127.0.0.1:$ADMIN_PORT/readyz" 60

  "$JAVA" -cp "$TOOLS_CP" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:$PORT \
    --create --topic "$topic" --partitions "$PARTITIONS" --replication-factor 1 >&2
  curl -fs "http://127.0.0.1:$ADMIN_PORT/metrics" >"$dir/metrics-before.txt" || true
  local objects_before; objects_before=$(count_objects "$store" "$objects_dir")

  log "ProducerPerformance: $RECORDS x $RECORD_SIZE B"
  "$JAVA" -Xmx1g -cp "$TOOLS_CP" org.apache.kafka.tools.ProducerPerformance --topic "$topic" \
    --num-records "$RECORDS" --record-size "$RECORD_SIZE" --throughput -1 \
    --producer-props acks=all linger.ms=5 batch.size=131072 bootstrap.servers=127.0.0.1:$PORT \
    | tee "$dir/producer.txt" >&2
  curl -fs "http://127.0.0.1:$ADMIN_PORT/metrics" >"$dir/metrics-after.txt" || true
  local objects_after; objects_after=$(count_objects "$store" "$objects_dir")

  log "consumer throughput (${BENCH_CONSUMER:-assign})"
  if [[ ${BENCH_CONSUMER:-assign} == kafka ]]; then
    "$JAVA" -Xmx1g -cp "$TOOLS_CP" org.apache.kafka.tools.ConsumerPerformance --topic "$topic" \
      --messages "$RECORDS" --bootstrap-server 127.0.0.1:$PORT --timeout 120000 \
      | tee "$dir/consumer.txt" >&2
  else
    "$JAVA" -Xmx1g -cp "$TOOLS_CP" io.kafscale.e2e.bench.AssignConsumerPerformance --topic "$topic" \
      --messages "$RECORDS" --bootstrap-server 127.0.0.1:$PORT | tee "$dir/consumer.txt" >&2
  fi

  curl -fs "http://127.0.0.1:$ADMIN_PORT/metrics" >"$dir/metrics-consumed.txt" || true

  local summary flushes_before flushes_after
  summary=$(grep 'records sent' "$dir/producer.txt" | tail -1)
  flushes_before=$(metric_sum "$dir/metrics-before.txt" '^kafscale_storage_flushes_total')
  flushes_after=$(metric_sum "$dir/metrics-after.txt" '^kafscale_storage_flushes_total')
  local mib=$((RECORDS * RECORD_SIZE / 1048576))
  echo "== $store store =="
  echo "produce:  $summary"
  awk -v s="$summary" 'BEGIN {
      n = split(s, f, ",");
      for (i = 1; i <= n; i++) {
        if (f[i] ~ /records\/sec/) { match(f[i], /[0-9.]+ records\/sec/); rs = substr(f[i], RSTART, RLENGTH);
                                     match(f[i], /[0-9.]+ MB\/sec/); mb = substr(f[i], RSTART, RLENGTH) }
        if (f[i] ~ /50th/) p50 = f[i]; if (f[i] ~ /99th/) p99 = f[i]
      }
      printf "  %s, %s, p50%s, p99%s\n", rs, mb, p50, p99 }'
  echo "consume:  $(tail -1 "$dir/consumer.txt")"
  echo "objects written: $((objects_after - objects_before)) ($(awk -v o=$((objects_after - objects_before)) -v m=$mib 'BEGIN { printf "%.2f", o / m }') PUTs per MiB ingested; flushes counted by the broker: $((flushes_after - flushes_before)))"
  echo "logs: $dir"

  kill "$broker_pid" 2>/dev/null || true
  wait "$broker_pid" 2>/dev/null || true
  if [[ $store == s3 ]]; then kill "${PIDS[-2]}" 2>/dev/null || true; wait "${PIDS[-2]}" 2>/dev/null || true; fi
}

for store in $STORES; do
  run_store "$store"
done
