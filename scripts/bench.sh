#!/usr/bin/env bash
# Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
#
# Produce/consume benchmark of the broker jar (not a test; `make bench`). For each store
# (local directory, then S3Mock) it starts a fresh broker, runs Kafka's own ProducerPerformance
# (1,000,000 x 1 KiB, acks=all, linger.ms=5, batch.size=128 KiB) and then a consumer throughput
# run, and prints records/s, MB/s, produce latency p50/p99 and the PUTs per MiB ingested.
# Then it runs the same commands against Apache Kafka 4.4 itself (a fresh single KRaft node from
# Maven Central jars, Kafka's own default heap and GC flags) as the reference on the same machine.
#
# The consumer side is Kafka's own ConsumerPerformance (a consumer group, so its time includes the
# group's initial rebalance delay; it also prints the fetch-only MB/s). BENCH_CONSUMER=assign runs
# io.kafscale.e2e.bench.AssignConsumerPerformance instead (assign(), no group).
#
# Knobs (environment): BENCH_RECORDS (1000000), BENCH_RECORD_SIZE (1024), BENCH_PARTITIONS (1),
# BENCH_STORES ("local s3 kafka"; kafka = the Apache Kafka reference),
# BENCH_BROKER_ENV (extra KAFSCALE_* settings, space separated), BENCH_CONSUMER (kafka),
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
STORES=${BENCH_STORES:-local s3 kafka}
PORT=${BENCH_PORT:-19092}
ADMIN_PORT=$((PORT + 1))
S3_PORT=$((PORT + 2))
S3_TLS_PORT=$((PORT + 3))
BROKER_JAR=${BENCH_BROKER_JAR:-$ROOT/broker/target/kafscale-broker.jar}
S3MOCK_JAR="$ROOT/storage/target/s3mock/s3mock-exec.jar"
CP_FILE="$ROOT/test-e2e/target/bench-classpath.txt"
KAFKA_CP_FILE="$ROOT/scripts/bench-kafka/target/classpath.txt"
BROKER_JVM_FLAGS=(-Xmx2g)
# Kafka's own defaults (kafka-server-start.sh and kafka-run-class.sh).
KAFKA_JVM_FLAGS=(-Xms1g -Xmx1g -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20
  -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true)
WORK=$(mktemp -d /tmp/kafscale-bench.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  # Keep logs and /metrics snapshots; the stored data (about 1 GB per run and store) would fill /tmp.
  rm -rf "$WORK"/*/data "$WORK"/*/s3
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

start_kafscale() { # store dir -> broker on $PORT (S3Mock first for s3); sets BROKER_PID, OBJECTS_DIR
  local store=$1 dir=$2
  mkdir -p "$dir/data"
  local -a env=(KAFSCALE_BROKER_ADDR=127.0.0.1:$PORT KAFSCALE_BROKER_HOST=127.0.0.1
    KAFSCALE_BROKER_PORT=$PORT KAFSCALE_METRICS_ADDR=127.0.0.1:$ADMIN_PORT
    KAFSCALE_DATA_DIR="$dir/data" KAFSCALE_AUTO_CREATE_TOPICS=true)
  OBJECTS_DIR="$dir/data"
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
    S3MOCK_PID=$!
    wait_http "http://127.0.0.1:$S3_PORT/" 90
    env+=(KAFSCALE_S3_BUCKET=bench KAFSCALE_S3_ENDPOINT=http://127.0.0.1:$S3_PORT
      KAFSCALE_S3_PATH_STYLE=true KAFSCALE_S3_REGION=us-east-1
      KAFSCALE_S3_ACCESS_KEY=bench KAFSCALE_S3_SECRET_KEY=bench)
    OBJECTS_DIR="$dir/s3/bench"
  fi
  # shellcheck disable=SC2206
  env+=(${BENCH_BROKER_ENV:-})
  log "starting broker ($store store) on 127.0.0.1:$PORT"
  # shellcheck disable=SC2086
  env -u KAFSCALE_DATA_DIR "${env[@]}" "$JAVA" --enable-native-access=ALL-UNNAMED \
    "${BROKER_JVM_FLAGS[@]}" ${BENCH_BROKER_JVM_OPTS:-} -jar "$BROKER_JAR" >"$dir/broker.log" 2>&1 &
  BROKER_PID=$!
  PIDS+=($BROKER_PID)
  wait_http "http://127.0.0.1:$ADMIN_PORT/readyz" 60
}

start_kafka() { # dir -> Apache Kafka 4.4, one KRaft node (broker on $PORT, controller on $S3_PORT)
  local dir=$1
  if [[ ! -f "$KAFKA_CP_FILE" || "$ROOT/scripts/bench-kafka/pom.xml" -nt "$KAFKA_CP_FILE" ]]; then
    log "resolving Apache Kafka 4.4 from Maven Central (scripts/bench-kafka/pom.xml)"
    mvn -B -ntp -q -f "$ROOT/scripts/bench-kafka/pom.xml" dependency:build-classpath \
      -Dmdep.outputFile="$KAFKA_CP_FILE" >&2
  fi
  local cp; cp=$(cat "$KAFKA_CP_FILE")
  mkdir -p "$dir/data"
  cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$S3_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$S3_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
PROPS
  printf 'log4j.rootLogger=WARN, file\nlog4j.appender.file=org.apache.log4j.FileAppender\nlog4j.appender.file.File=%s\nlog4j.appender.file.layout=org.apache.log4j.PatternLayout\n' \
    "$dir/kafka.log" >"$dir/log4j.properties"
  "$JAVA" -cp "$cp" kafka.tools.StorageTool format -t kafscale-bench-reference \
    -c "$dir/server.properties" >"$dir/format.log" 2>&1
  log "starting Apache Kafka 4.4 on 127.0.0.1:$PORT"
  "$JAVA" "${KAFKA_JVM_FLAGS[@]}" -Dlog4j.configuration="file:$dir/log4j.properties" -cp "$cp" \
    kafka.Kafka "$dir/server.properties" >"$dir/kafka.out" 2>&1 &
  BROKER_PID=$!
  PIDS+=($BROKER_PID)
  for _ in $(seq 1 600); do
    "$JAVA" -cp "$TOOLS_CP" org.apache.kafka.tools.BrokerApiVersionsCommand \
      --bootstrap-server 127.0.0.1:$PORT >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  log "Apache Kafka did not start (see $dir/kafka.out)"; return 1
}

run_store() {
  local store=$1 dir="$WORK/$1" topic="bench-$1"
  S3MOCK_PID=""
  if [[ $store == kafka ]]; then start_kafka "$dir"; else start_kafscale "$store" "$dir"; fi

  "$JAVA" -cp "$TOOLS_CP" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:$PORT \
    --create --topic "$topic" --partitions "$PARTITIONS" --replication-factor 1 >&2
  local objects_before=0 objects_after=0
  if [[ $store != kafka ]]; then
    curl -fs "http://127.0.0.1:$ADMIN_PORT/metrics" >"$dir/metrics-before.txt" || true
    objects_before=$(count_objects "$store" "$OBJECTS_DIR")
  fi

  log "ProducerPerformance: $RECORDS x $RECORD_SIZE B"
  "$JAVA" -Xmx1g -cp "$TOOLS_CP" org.apache.kafka.tools.ProducerPerformance --topic "$topic" \
    --num-records "$RECORDS" --record-size "$RECORD_SIZE" --throughput -1 \
    --producer-props acks=all linger.ms=5 batch.size=131072 bootstrap.servers=127.0.0.1:$PORT \
    | tee "$dir/producer.txt" >&2
  if [[ $store != kafka ]]; then
    curl -fs "http://127.0.0.1:$ADMIN_PORT/metrics" >"$dir/metrics-after.txt" || true
    objects_after=$(count_objects "$store" "$OBJECTS_DIR")
  fi

  log "consumer throughput (${BENCH_CONSUMER:-kafka})"
  if [[ ${BENCH_CONSUMER:-kafka} == kafka ]]; then
    "$JAVA" -Xmx1g -cp "$TOOLS_CP" org.apache.kafka.tools.ConsumerPerformance --topic "$topic" \
      --messages "$RECORDS" --bootstrap-server 127.0.0.1:$PORT --timeout 120000 \
      | tee "$dir/consumer.txt" >&2
  else
    "$JAVA" -Xmx1g -cp "$TOOLS_CP" io.kafscale.e2e.bench.AssignConsumerPerformance --topic "$topic" \
      --messages "$RECORDS" --bootstrap-server 127.0.0.1:$PORT | tee "$dir/consumer.txt" >&2
  fi

  local summary
  summary=$(grep 'records sent' "$dir/producer.txt" | tail -1)
  echo "== $store store =="
  [[ $store == kafka ]] && echo "(Apache Kafka 4.4 reference, same commands)"
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
  if [[ $store != kafka ]]; then
    curl -fs "http://127.0.0.1:$ADMIN_PORT/metrics" >"$dir/metrics-consumed.txt" || true
    local flushes_before flushes_after mib=$((RECORDS * RECORD_SIZE / 1048576))
    flushes_before=$(metric_sum "$dir/metrics-before.txt" '^kafscale_storage_flushes_total')
    flushes_after=$(metric_sum "$dir/metrics-after.txt" '^kafscale_storage_flushes_total')
    echo "objects written: $((objects_after - objects_before)) ($(awk -v o=$((objects_after - objects_before)) -v m=$mib 'BEGIN { printf "%.2f", o / m }') PUTs per MiB ingested; flushes counted by the broker: $((flushes_after - flushes_before)))"
  fi
  echo "logs: $dir"

  kill "$BROKER_PID" 2>/dev/null || true
  wait "$BROKER_PID" 2>/dev/null || true
  if [[ -n $S3MOCK_PID ]]; then kill "$S3MOCK_PID" 2>/dev/null || true; wait "$S3MOCK_PID" 2>/dev/null || true; fi
}

for store in $STORES; do
  run_store "$store"
done
