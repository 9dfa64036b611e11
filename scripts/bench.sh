#!/usr/bin/env bash
# Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
#
# Produce/consume benchmark of the broker jar (not a test; `make bench`). For each store
# (local directory; local directory without fsync, i.e. Apache Kafka's durability; then S3Mock) it
# starts a fresh broker, runs Kafka's own ProducerPerformance
# (1,000,000 x 1 KiB, acks=all, linger.ms=5, batch.size=128 KiB) and then a consumer throughput
# run, and prints records/s, MB/s, produce latency p50/p99 and the PUTs per MiB ingested.
# Then it runs the same commands against Apache Kafka 4.4 itself (a fresh single KRaft node from
# Maven Central jars, Kafka's own default heap and GC flags) as the reference on the same machine.
#
# The consumer side is Kafka's own ConsumerPerformance (a consumer group, so its time includes the
# group's initial rebalance delay; it also prints the fetch-only MB/s). BENCH_CONSUMER=assign runs
# io.kafscale.e2e.bench.AssignConsumerPerformance instead (assign(), no group).
#
# Each round also prints the CPU seconds the broker (and S3Mock) and the producer JVM spent during
# the produce run: on a machine with few cores the two compete for the same CPUs.
#
# Knobs (environment): BENCH_RECORDS (1000000), BENCH_RECORD_SIZE (1024), BENCH_PARTITIONS (1),
# BENCH_STORES ("local local-pagecache s3 kafka"; local-pagecache = the local directory store with
# KAFSCALE_LOCAL_FSYNC=false, acks from the page cache as Kafka's; kafka = the Apache Kafka reference),
# BENCH_ROUNDS (2; rounds after the first repeat produce + consume on a new topic of the same, now warm, broker),
# BENCH_BROKER_ENV (extra KAFSCALE_* settings, space separated), BENCH_CONSUMER (kafka),
# BENCH_PORT (19092; admin = +1, S3Mock = +2, +3), BENCH_BROKER_JAR (broker/target/kafscale-broker.jar),
# BENCH_BROKER_JVM_OPTS (extra JVM flags for the broker, e.g. a JFR recording),
# BENCH_DROP_CACHES (1: before each store, after a sync, drop the page cache when allowed; 0: only sync).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

JAVA_HOME=${JAVA_HOME:-$(./scripts/find-jdk.sh)}
JAVA="$JAVA_HOME/bin/java"
export JAVA_HOME
RECORDS=${BENCH_RECORDS:-1000000}
RECORD_SIZE=${BENCH_RECORD_SIZE:-1024}
PARTITIONS=${BENCH_PARTITIONS:-1}
STORES=${BENCH_STORES:-local local-pagecache s3 kafka}
ROUNDS=${BENCH_ROUNDS:-2}
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
SUMMARY=()

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

cpu_seconds() { # pid -> user + system CPU seconds the process has used so far (0 if it is gone)
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' \
    "/proc/$1/stat" 2>/dev/null || echo 0
}

children_cpu_seconds() { # user + system CPU seconds of this shell's finished child processes
  # `times` must run in this shell (a pipe or $(...) would fork it, and a fork has no children yet).
  times >"$WORK/times.txt"
  awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/)
                 printf "%.2f\n", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$WORK/times.txt"
}

consume_mbs() { # consumer output file -> "MB/s" (AssignConsumerPerformance) or "MB/s (fetch MB/s)"
  tail -1 "$1" | awk -F', *' '/MB\/s=/ { sub(/.*MB\/s=/, ""); print; next }
                              NF >= 9 { printf "%.1f (%.1f)\n", $4, $9 }'
}

count_objects() { # store dir -> S3Mock: stored objects (segments + indexes); local: pack files
  if [[ $1 == s3 ]]; then
    find "$2" -name binaryData 2>/dev/null | wc -l
  else
    { find "$2/packs" -type f -name 'pack-*' 2>/dev/null || true; } | wc -l
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
  elif [[ $store == local-pagecache ]]; then
    env+=(KAFSCALE_LOCAL_FSYNC=false)
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

settle() { # before each store: the machine as the previous run (or bench) would not leave it
  # Write back the dirty pages of earlier runs, so this run's writes and fsyncs do not wait behind
  # them; then, where allowed (root), drop clean caches, including the file system's cached inode
  # tables: ext4 without a journal skips, at a cost per skipped inode, every inode freed in the last
  # five minutes whose table block is cached when it allocates a new one, so a run right after a
  # cleanup (of thousands of segment files) pays about 1 ms CPU per file it creates.
  sync
  if [[ ${BENCH_DROP_CACHES:-1} != 0 && -w /proc/sys/vm/drop_caches ]]; then
    echo 1 >/proc/sys/vm/drop_caches
    log "synced and dropped the page cache"
  else
    log "synced (page cache kept: BENCH_DROP_CACHES=0 or /proc/sys/vm/drop_caches not writable)"
  fi
}

run_store() {
  local store=$1 dir="$WORK/$1"
  S3MOCK_PID=""
  settle
  if [[ $store == kafka ]]; then start_kafka "$dir"; else start_kafscale "$store" "$dir"; fi
  for round in $(seq 1 "$ROUNDS"); do
    run_round "$store" "$dir" "$round"
  done
  echo "logs: $dir"

  kill "$BROKER_PID" 2>/dev/null || true
  wait "$BROKER_PID" 2>/dev/null || true
  if [[ -n $S3MOCK_PID ]]; then kill "$S3MOCK_PID" 2>/dev/null || true; wait "$S3MOCK_PID" 2>/dev/null || true; fi
}

run_round() { # store dir round -> one produce + consume run on topic bench-<store>-<round>
  local store=$1 dir=$2 round=$3 topic="bench-$1-$3" out="$2/round-$3"
  mkdir -p "$out"
  "$JAVA" -cp "$TOOLS_CP" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:$PORT \
    --create --topic "$topic" --partitions "$PARTITIONS" --replication-factor 1 >&2
  local objects_before=0 objects_after=0
  if [[ $store != kafka ]]; then
    curl -fs "http://127.0.0.1:$ADMIN_PORT/metrics" >"$out/metrics-before.txt" || true
    objects_before=$(count_objects "$store" "$OBJECTS_DIR")
  fi

  log "ProducerPerformance: $RECORDS x $RECORD_SIZE B (round $round of $ROUNDS)"
  local broker_cpu s3mock_cpu producer_cpu
  broker_cpu=$(cpu_seconds "$BROKER_PID")
  s3mock_cpu=$([[ -n $S3MOCK_PID ]] && cpu_seconds "$S3MOCK_PID" || echo 0)
  children_cpu_seconds >"$out/cpu-children-before.txt"
  "$JAVA" -Xmx1g -cp "$TOOLS_CP" org.apache.kafka.tools.ProducerPerformance --topic "$topic" \
    --num-records "$RECORDS" --record-size "$RECORD_SIZE" --throughput -1 \
    --producer-props acks=all linger.ms=5 batch.size=131072 bootstrap.servers=127.0.0.1:$PORT \
    | tee "$out/producer.txt" >&2
  broker_cpu=$(awk -v a="$broker_cpu" -v b="$(cpu_seconds "$BROKER_PID")" 'BEGIN { printf "%.1f", b - a }')
  s3mock_cpu=$([[ -n $S3MOCK_PID ]] &&
    awk -v a="$s3mock_cpu" -v b="$(cpu_seconds "$S3MOCK_PID")" 'BEGIN { printf "%.1f", b - a }' || echo 0)
  children_cpu_seconds >"$out/cpu-children-after.txt"
  producer_cpu=$(cat "$out/cpu-children-before.txt" "$out/cpu-children-after.txt" |
    awk 'NR == 1 { a = $1 } NR == 2 { printf "%.1f", $1 - a }')
  if [[ $store != kafka ]]; then
    curl -fs "http://127.0.0.1:$ADMIN_PORT/metrics" >"$out/metrics-after.txt" || true
    objects_after=$(count_objects "$store" "$OBJECTS_DIR")
  fi

  log "consumer throughput (${BENCH_CONSUMER:-kafka})"
  if [[ ${BENCH_CONSUMER:-kafka} == kafka ]]; then
    "$JAVA" -Xmx1g -cp "$TOOLS_CP" org.apache.kafka.tools.ConsumerPerformance --topic "$topic" \
      --messages "$RECORDS" --bootstrap-server 127.0.0.1:$PORT --timeout 120000 \
      | tee "$out/consumer.txt" >&2
  else
    "$JAVA" -Xmx1g -cp "$TOOLS_CP" io.kafscale.e2e.bench.AssignConsumerPerformance --topic "$topic" \
      --messages "$RECORDS" --bootstrap-server 127.0.0.1:$PORT | tee "$out/consumer.txt" >&2
  fi

  local summary gib
  summary=$(grep 'records sent' "$out/producer.txt" | tail -1)
  gib=$(awk -v n="$RECORDS" -v s="$RECORD_SIZE" 'BEGIN { printf "%.3f", n * s / 1073741824 }')
  echo "== $store store, round $round of $ROUNDS$([[ $round == 1 ]] && echo " (cold JVM)") =="
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
  echo "consume:  $(tail -1 "$out/consumer.txt")"
  echo "cpu during produce: broker $broker_cpu s ($(awk -v c="$broker_cpu" -v g="$gib" 'BEGIN { printf "%.1f", c / g }') s per GiB)$([[ -n $S3MOCK_PID ]] && echo ", S3Mock $s3mock_cpu s"), producer $producer_cpu s"
  if [[ $store != kafka ]]; then
    curl -fs "http://127.0.0.1:$ADMIN_PORT/metrics" >"$out/metrics-consumed.txt" || true
    local flushes_before flushes_after mib=$((RECORDS * RECORD_SIZE / 1048576))
    flushes_before=$(metric_sum "$out/metrics-before.txt" '^kafscale_storage_flushes_total')
    flushes_after=$(metric_sum "$out/metrics-after.txt" '^kafscale_storage_flushes_total')
    local flushes=$((flushes_after - flushes_before)) created=$((objects_after - objects_before))
    if [[ $store == s3 ]]; then
      echo "objects written: $created ($(awk -v o=$created -v m=$mib 'BEGIN { printf "%.2f", o / m }') PUTs per MiB ingested; flushes counted by the broker: $flushes)"
    else
      # One object per flush (segments below 8 MiB need no index object), appended to pack files.
      echo "objects written: $flushes ($(awk -v o=$flushes -v m=$mib 'BEGIN { printf "%.2f", o / m }') per MiB ingested, one per flush), in $created new pack files"
    fi
  fi
  local records_per_s
  records_per_s=$(grep -oE '[0-9.]+ records/sec' <<<"$summary" | tail -1 | cut -d' ' -f1)
  SUMMARY+=("$(printf '%-15s %5s %12.0f %14s %16s' "$store" "$round" "$records_per_s" \
    "$(consume_mbs "$out/consumer.txt")" "$broker_cpu/$producer_cpu")")
}

for store in $STORES; do
  run_store "$store"
done

echo "== summary (records/s produced; consumer figure; CPU s of broker/producer during produce) =="
printf '%-15s %5s %12s %14s %16s\n' store round records/s consume cpu
printf '%s\n' "${SUMMARY[@]}"
