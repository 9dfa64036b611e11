#!/usr/bin/env bash
# Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
#
# Cluster benchmark (not a test; `make bench-cluster`). Runs io.kafscale.e2e.bench.ClusterBench
# (test-e2e test sources) on the tools classpath scripts/bench.sh uses. On clusters of broker jar
# processes sharing one etcd and S3Mock (test-e2e's ClusterHarness, everything on 127.0.0.1, free
# ports) it measures:
#   1. Kafka's ProducerPerformance through all brokers (acks=all, linger.ms=5, batch.size=128 KiB);
#   2. etcd writes/s during that run (etcd /metrics: proposals committed, mvcc put/txn/delete),
#      beside the brokers' kafscale_storage_flushes_total;
#   3. failover: kill -9 of partition 0's leader under steady idempotent acks=all produce, time
#      until partition 0 acknowledges a record again; BENCH_FAILOVER_RUNS rounds, each on a fresh
#      cluster, and their median.
#
# Knobs (environment): BENCH_RECORDS (1000000), BENCH_RECORD_SIZE (1024), BENCH_PARTITIONS (12),
# BENCH_BROKERS (3), BENCH_FAILOVER_RUNS (5), BENCH_LEASE_TTL_MS (10000, the product default),
# BENCH_BROKER_ENV (extra KAFSCALE_* settings, space separated), BENCH_BROKER_JAR
# (broker/target/kafscale-broker.jar). Output and logs stay in /tmp/kafscale-bench-cluster.*
# (the S3Mock object store there is deleted at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

JAVA_HOME=${JAVA_HOME:-$(./scripts/find-jdk.sh)}
JAVA="$JAVA_HOME/bin/java"
export JAVA_HOME
BROKER_JAR=${BENCH_BROKER_JAR:-$ROOT/broker/target/kafscale-broker.jar}
S3MOCK_JAR="$ROOT/storage/target/s3mock/s3mock-exec.jar"
CP_FILE="$ROOT/test-e2e/target/bench-classpath.txt"
BENCH_SRC="$ROOT/test-e2e/src/test/java/io/kafscale/e2e/bench"
BENCH_CLASS="$ROOT/test-e2e/target/test-classes/io/kafscale/e2e/bench/ClusterBench.class"
WORK=$(mktemp -d /tmp/kafscale-bench-cluster.XXXXXX)
GROUP=""

log() { echo "bench-cluster: $*" >&2; }

# The benchmark JVM leads its own process group (setsid), and everything it starts (etcd, S3Mock,
# brokers, ProducerPerformance) stays in that group: SIGTERM lets its shutdown hooks stop them,
# SIGKILL of the group afterwards catches whatever is left, even if the JVM itself died first.
cleanup() {
  if [[ -n $GROUP ]]; then
    kill -TERM -- "-$GROUP" 2>/dev/null || true
    for _ in $(seq 1 150); do
      kill -0 -- "-$GROUP" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL -- "-$GROUP" 2>/dev/null || true
  fi
  wait 2>/dev/null || true
  rm -rf "$WORK"/target/s3mock-run/store-* # GBs of objects; the logs stay
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v etcd >/dev/null || { log "etcd not installed (run: make deps)"; exit 1; }
[[ -f "$BROKER_JAR" ]] || { log "missing $BROKER_JAR (run: make build)"; exit 1; }
if [[ ! -f "$CP_FILE" || "$ROOT/test-e2e/pom.xml" -nt "$CP_FILE" || ! -f "$BENCH_CLASS" \
      || -n $(find "$BENCH_SRC" -newer "$BENCH_CLASS" -name '*.java' 2>/dev/null) ]]; then
  log "building the tools classpath (kafka-tools and the cluster harness from test-e2e)"
  mvn -B -ntp -q -pl test-e2e test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >&2
fi
TOOLS_CP="$ROOT/test-e2e/target/test-classes:$(cat "$CP_FILE")"
if [[ ! -f "$S3MOCK_JAR" ]]; then
  log "fetching S3Mock"
  mvn -B -ntp -q -pl storage generate-test-resources >&2
fi

log "work dir $WORK"
# The benchmark's own producers log a WARN per reconnect attempt to a killed broker; keep errors only.
cat >"$WORK/logback.xml" <<'XML'
<configuration>
  <statusListener class="ch.qos.logback.core.status.NopStatusListener"/>
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
  </appender>
  <logger name="org.apache.kafka" level="ERROR"/>
  <root level="INFO"><appender-ref ref="STDOUT"/></root>
</configuration>
XML
# Run from $WORK: the fixtures put broker logs and the S3Mock store under ./target.
(cd "$WORK" && exec setsid "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx1g \
  -Dlogback.configurationFile="$WORK/logback.xml" \
  -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener \
  -Dbroker.jar="$BROKER_JAR" -Ds3mock.jar="$S3MOCK_JAR" \
  -cp "$TOOLS_CP" io.kafscale.e2e.bench.ClusterBench "$WORK/clusters") \
  > >(tee "$WORK/bench-cluster.txt") 2>&1 &
GROUP=$!
status=0
wait "$GROUP" || status=$?
GROUP_DONE=$GROUP
GROUP=""
# The JVM has exited; kill anything it left in its group (nothing, normally).
kill -KILL -- "-$GROUP_DONE" 2>/dev/null || true
log "output and logs: $WORK"
exit "$status"
