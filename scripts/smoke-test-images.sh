#!/usr/bin/env bash
# Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
#
# Smoke test of the broker image on a machine with Docker (NOT part of `make test`: the CI machine
# has no Docker). Builds the images (scripts/build-images.sh), runs the broker image with host
# networking on 127.0.0.1 (local-directory store: no S3 or etcd needed), checks that it runs as a
# non-root user, that /readyz and /healthz answer 200, and round-trips a record with kcat; then
# checks the operator image runs as non-root and its main class starts (config validation), and
# runs the console image (non-root, read-only root, tmpfs /tmp as the operator mounts it) against the
# broker container: /healthz and /readyz answer 200 without a session and a login succeeds.
#
# Usage: scripts/smoke-test-images.sh
# Environment: as scripts/build-images.sh (set JRE_IMAGE to a local image where no registry is
# reachable: see docs/release.md), KAFKA_PORT (default 19092), ADMIN_PORT (default 19093),
# CONSOLE_PORT (default 18080).
set -euo pipefail
cd "$(dirname "$0")/.."

DOCKER="${DOCKER:-docker}"
REGISTRY="${REGISTRY:-ghcr.io/kafscale}"
VERSION="${VERSION:-$(sed -n '/<artifactId>kafscale-parent<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}' pom.xml)}"
KAFKA_PORT="${KAFKA_PORT:-19092}"
ADMIN_PORT="${ADMIN_PORT:-19093}"
CONSOLE_PORT="${CONSOLE_PORT:-18080}"
export REGISTRY VERSION DOCKER

command -v "$DOCKER" >/dev/null || { echo "smoke-test-images: $DOCKER not found" >&2; exit 1; }
command -v kcat >/dev/null || { echo "smoke-test-images: kcat not found (scripts/install-test-deps.sh)" >&2; exit 1; }

components=(broker)
[[ -f operator/target/kafscale-operator.jar ]] && components+=(operator)
[[ -f console/target/kafscale-console.jar ]] && components+=(console)
scripts/build-images.sh "${components[@]}"

broker="$REGISTRY/kafscale-broker:$VERSION"
name="kafscale-smoke-$$"
console_name="kafscale-smoke-console-$$"
cleanup() { "$DOCKER" rm -f "$name" "$console_name" >/dev/null 2>&1 || true; }
trap cleanup EXIT

uid=$("$DOCKER" run --rm --entrypoint id "$broker" -u)
[[ "$uid" != "0" ]] || { echo "smoke-test-images: broker image runs as root" >&2; exit 1; }
echo "smoke-test-images: broker image user id $uid"

"$DOCKER" run -d --name "$name" --network host \
  -e KAFSCALE_BROKER_ADDR="127.0.0.1:$KAFKA_PORT" -e KAFSCALE_METRICS_ADDR="127.0.0.1:$ADMIN_PORT" \
  -e KAFSCALE_LOCAL_FSYNC=false --read-only --tmpfs /tmp --tmpfs /var/lib/kafscale:uid=10001,gid=10001 \
  "$broker" >/dev/null

for i in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$ADMIN_PORT/readyz" >/dev/null 2>&1; then break; fi
  if [[ "$("$DOCKER" inspect -f '{{.State.Running}}' "$name")" != "true" ]]; then
    "$DOCKER" logs "$name" >&2; echo "smoke-test-images: broker container exited" >&2; exit 1
  fi
  sleep 1
  [[ $i -lt 60 ]] || { "$DOCKER" logs "$name" >&2; echo "smoke-test-images: not ready in 60 s" >&2; exit 1; }
done
curl -fsS "http://127.0.0.1:$ADMIN_PORT/healthz" >/dev/null
echo "smoke-test-images: /readyz and /healthz answer 200"

message="smoke-$(date +%s)"
echo "$message" | kcat -b "127.0.0.1:$KAFKA_PORT" -P -t smoke
got=$(kcat -b "127.0.0.1:$KAFKA_PORT" -C -t smoke -o beginning -c 1 -e -q)
[[ "$got" == "$message" ]] || { echo "smoke-test-images: consumed '$got', expected '$message'" >&2; exit 1; }
echo "smoke-test-images: produced and consumed through the broker image"

if [[ " ${components[*]} " == *" operator "* ]]; then
  operator="$REGISTRY/kafscale-operator:$VERSION"
  uid=$("$DOCKER" run --rm --entrypoint id "$operator" -u)
  [[ "$uid" != "0" ]] || { echo "smoke-test-images: operator image runs as root" >&2; exit 1; }
  echo "smoke-test-images: operator image user id $uid"
  # No API server here: an invalid setting must make the operator's main class (class path complete)
  # report it and exit 2 before it needs Kubernetes.
  set +e
  out=$("$DOCKER" run --rm --network none -e KAFSCALE_OPERATOR_HTTP_ADDR=nonsense "$operator" 2>&1)
  code=$?
  set -e
  [[ $code -eq 2 && "$out" == *"KAFSCALE_OPERATOR_HTTP_ADDR"* ]] \
    || { echo "smoke-test-images: operator image: exit $code, output: $out" >&2; exit 1; }
  echo "smoke-test-images: operator image starts its main class and validates its configuration"
fi
if [[ " ${components[*]} " == *" console "* ]]; then
  console="$REGISTRY/kafscale-console:$VERSION"
  uid=$("$DOCKER" run --rm --entrypoint id "$console" -u)
  [[ "$uid" != "0" ]] || { echo "smoke-test-images: console image runs as root" >&2; exit 1; }
  echo "smoke-test-images: console image user id $uid"
  # As the operator runs it: read-only root, writable /tmp only, login from the environment.
  "$DOCKER" run -d --name "$console_name" --network host --read-only --tmpfs /tmp \
    -e KAFSCALE_CONSOLE_ADDR="127.0.0.1:$CONSOLE_PORT" \
    -e KAFSCALE_CONSOLE_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
    -e KAFSCALE_CONSOLE_BROKER_ADMIN_PORT="$ADMIN_PORT" \
    -e KAFSCALE_CONSOLE_USERNAME=smoke -e KAFSCALE_CONSOLE_PASSWORD=smoke-password \
    "$console" >/dev/null
  for i in $(seq 1 60); do
    if curl -fsS "http://127.0.0.1:$CONSOLE_PORT/readyz" >/dev/null 2>&1; then break; fi
    if [[ "$("$DOCKER" inspect -f '{{.State.Running}}' "$console_name")" != "true" ]]; then
      "$DOCKER" logs "$console_name" >&2; echo "smoke-test-images: console container exited" >&2; exit 1
    fi
    sleep 1
    [[ $i -lt 60 ]] || { "$DOCKER" logs "$console_name" >&2; echo "smoke-test-images: console not ready in 60 s" >&2; exit 1; }
  done
  curl -fsS "http://127.0.0.1:$CONSOLE_PORT/healthz" >/dev/null
  login=$(curl -sS -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d '{"username":"smoke","password":"smoke-password"}' "http://127.0.0.1:$CONSOLE_PORT/api/v1/login")
  [[ "$login" == "200" ]] || { echo "smoke-test-images: console login answered $login" >&2; exit 1; }
  echo "smoke-test-images: console image ready (/healthz, /readyz) and accepts its login"
fi
echo "smoke-test-images: OK ($broker)"
