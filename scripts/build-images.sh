#!/usr/bin/env bash
# Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
#
# Builds the Kafscale container images from the shaded jars `make build` produced:
#   ${REGISTRY}/kafscale-broker:${VERSION}     (docker/broker/Dockerfile, broker/target/kafscale-broker.jar)
#   ${REGISTRY}/kafscale-operator:${VERSION}   (docker/operator/Dockerfile, operator/target/kafscale-operator.jar)
#   ${REGISTRY}/kafscale-console:${VERSION}    (docker/console/Dockerfile, console/target/kafscale-console.jar)
# The operator deploys ${REGISTRY}/kafscale-broker and kafscale-console with its own version as the
# tag by default (ClusterDefaults.BROKER_IMAGE / CONSOLE_IMAGE, registry ghcr.io/kafscale).
# VERSION defaults to the Maven project version, which is also the Helm chart's appVersion (a test
# checks the chart), so `helm install` pulls exactly these tags. Each image is built from a small
# temporary context holding only its jar, not the whole repository.
#
# Usage: scripts/build-images.sh [--push] [broker|operator|console ...]  (default: all three)
# Environment: REGISTRY (default ghcr.io/kafscale), VERSION, JRE_IMAGE (base image, default
# eclipse-temurin:25-jre; where no registry is reachable use a local base built with
# docker/jre-base/Dockerfile), DOCKER (default docker; podman works too).
set -euo pipefail
cd "$(dirname "$0")/.."

REGISTRY="${REGISTRY:-ghcr.io/kafscale}"
DOCKER="${DOCKER:-docker}"
JRE_IMAGE="${JRE_IMAGE:-eclipse-temurin:25-jre}"
if [[ -z "${VERSION:-}" ]]; then
  VERSION=$(sed -n '/<artifactId>kafscale-parent<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}' pom.xml)
fi
chart_version=$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' deploy/helm/kafscale/Chart.yaml)
if [[ "$VERSION" != "$chart_version" ]]; then
  echo "build-images: warning: VERSION $VERSION differs from the chart appVersion $chart_version" >&2
fi

push=false
components=()
for arg in "$@"; do
  case "$arg" in
    --push) push=true ;;
    broker|operator|console) components+=("$arg") ;;
    *) echo "usage: $0 [--push] [broker|operator|console ...]" >&2; exit 2 ;;
  esac
done
[[ ${#components[@]} -gt 0 ]] || components=(broker operator console)

for component in "${components[@]}"; do
  jar="$component/target/kafscale-$component.jar"
  [[ -f "$jar" ]] || { echo "build-images: $jar missing; run 'make build' first" >&2; exit 1; }
  image="$REGISTRY/kafscale-$component:$VERSION"
  context=$(mktemp -d)
  trap 'rm -rf "$context"' EXIT
  mkdir -p "$context/$component/target"
  cp "$jar" "$context/$component/target/"
  echo "build-images: $image (base $JRE_IMAGE)"
  "$DOCKER" build --file "docker/$component/Dockerfile" \
    --build-arg "JRE_IMAGE=$JRE_IMAGE" --build-arg "VERSION=$VERSION" \
    --label "org.opencontainers.image.revision=$(git rev-parse HEAD 2>/dev/null || echo unknown)" \
    --tag "$image" "$context"
  rm -rf "$context"
  trap - EXIT
  if $push; then
    "$DOCKER" push "$image"
  fi
done
