#!/usr/bin/env bash
# Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
#
# End-to-end smoke test on a real Kubernetes cluster (kind or minikube), for a user who has one.
# It is NOT run by `make test` (no Kubernetes API server can run on the CI machine; see
# docs/operations.md, "Not tested against a real Kubernetes cluster").
#
# Steps: build the images from the local jars and load them into the cluster; install MinIO (the
# S3 store) and create a bucket; `helm install` the chart; apply a KafscaleCluster (operator-
# managed etcd, one member) and a KafscaleTopic; wait until both are Ready; produce and consume
# with kcat from a pod inside the cluster (brokers advertise pod IPs); then delete everything.
#
# Usage: scripts/kind-smoke.sh            (creates a kind cluster "kafscale-smoke" if none exists)
# Environment:
#   CLUSTER_TOOL  kind (default) or minikube
#   KIND_CLUSTER  kind cluster name (default kafscale-smoke)
#   NAMESPACE     namespace of the test (default kafscale-smoke)
#   KEEP=1        keep the namespace and the release for inspection
#   MINIO_IMAGE, KCAT_IMAGE  images pulled from the internet (defaults below)
# Needs: docker, kubectl, helm (v3; scripts/install-helm.sh), kind or minikube, `make build` done.
set -euo pipefail
cd "$(dirname "$0")/.."

CLUSTER_TOOL="${CLUSTER_TOOL:-kind}"
KIND_CLUSTER="${KIND_CLUSTER:-kafscale-smoke}"
NAMESPACE="${NAMESPACE:-kafscale-smoke}"
MINIO_IMAGE="${MINIO_IMAGE:-quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z}"
MC_IMAGE="${MC_IMAGE:-quay.io/minio/mc:RELEASE.2025-04-16T18-13-26Z}"
KCAT_IMAGE="${KCAT_IMAGE:-edenhill/kcat:1.7.1}"
REGISTRY="${REGISTRY:-ghcr.io/kafscale}"
VERSION="${VERSION:-$(sed -n '/<artifactId>kafscale-parent<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}' pom.xml)}"
export REGISTRY VERSION
HELM="${HELM:-$(command -v helm || ./scripts/install-helm.sh | tail -1)}"
RELEASE=kafscale

step() { echo; echo "=== kind-smoke: $*"; }
fail() { echo "kind-smoke: FAILED: $*" >&2; kubectl -n "$NAMESPACE" get all,kfs,kt 2>&1 | sed 's/^/  /' >&2; exit 1; }

for tool in docker kubectl "$CLUSTER_TOOL"; do
  command -v "$tool" >/dev/null || { echo "kind-smoke: $tool not found" >&2; exit 1; }
done

step "cluster ($CLUSTER_TOOL)"
if [[ "$CLUSTER_TOOL" == kind ]]; then
  kind get clusters | grep -qx "$KIND_CLUSTER" || kind create cluster --name "$KIND_CLUSTER" --wait 120s
  kubectl config use-context "kind-$KIND_CLUSTER"
else
  minikube status >/dev/null 2>&1 || minikube start
fi

step "images $REGISTRY/kafscale-{broker,operator}:$VERSION"
scripts/build-images.sh broker operator
for image in "$REGISTRY/kafscale-broker:$VERSION" "$REGISTRY/kafscale-operator:$VERSION"; do
  if [[ "$CLUSTER_TOOL" == kind ]]; then kind load docker-image --name "$KIND_CLUSTER" "$image"
  else minikube image load "$image"; fi
done

cleanup() {
  if [[ "${KEEP:-0}" == 1 ]]; then echo "kind-smoke: KEEP=1, leaving namespace $NAMESPACE"; return; fi
  kubectl -n "$NAMESPACE" delete kt --all --wait=true --timeout=60s >/dev/null 2>&1 || true
  kubectl -n "$NAMESPACE" delete kfs --all --wait=true --timeout=120s >/dev/null 2>&1 || true
  "$HELM" uninstall "$RELEASE" -n "$NAMESPACE" >/dev/null 2>&1 || true
  kubectl delete namespace "$NAMESPACE" --wait=false >/dev/null 2>&1 || true
}
trap cleanup EXIT
kubectl create namespace "$NAMESPACE" --dry-run=client -o yaml | kubectl apply -f -

step "MinIO (S3) with bucket kafscale"
kubectl -n "$NAMESPACE" create secret generic s3-credentials \
  --from-literal=accessKeyId=kafscale --from-literal=secretAccessKey=kafscale-secret \
  --dry-run=client -o yaml | kubectl apply -f -
kubectl -n "$NAMESPACE" apply -f - <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: {name: minio}
spec:
  selector: {matchLabels: {app: minio}}
  template:
    metadata: {labels: {app: minio}}
    spec:
      containers:
        - name: minio
          image: $MINIO_IMAGE
          args: [server, /data]
          env:
            - {name: MINIO_ROOT_USER, value: kafscale}
            - {name: MINIO_ROOT_PASSWORD, value: kafscale-secret}
          ports: [{containerPort: 9000}]
          readinessProbe: {httpGet: {path: /minio/health/ready, port: 9000}}
          volumeMounts: [{name: data, mountPath: /data}]
      volumes: [{name: data, emptyDir: {}}]
---
apiVersion: v1
kind: Service
metadata: {name: minio}
spec:
  selector: {app: minio}
  ports: [{port: 9000, targetPort: 9000}]
YAML
kubectl -n "$NAMESPACE" rollout status deployment/minio --timeout=180s
kubectl -n "$NAMESPACE" run mc --image="$MC_IMAGE" --rm -i --restart=Never --command -- \
  sh -c 'mc alias set s3 http://minio:9000 kafscale kafscale-secret && mc mb --ignore-existing s3/kafscale'

step "helm install $RELEASE (chart deploy/helm/kafscale)"
"$HELM" upgrade --install "$RELEASE" deploy/helm/kafscale --namespace "$NAMESPACE" \
  --set operator.image.pullPolicy=Never --set "operator.watchNamespaces={$NAMESPACE}" --wait --timeout 180s
kubectl get crd kafscaleclusters.kafscale.io kafscaletopics.kafscale.io

step "KafscaleCluster smoke + KafscaleTopic orders"
kubectl -n "$NAMESPACE" apply -f - <<YAML
apiVersion: kafscale.io/v1alpha1
kind: KafscaleCluster
metadata: {name: smoke}
spec:
  brokers:
    replicas: 2
    imagePullPolicy: Never
    image: $REGISTRY/kafscale-broker:$VERSION
    resources: {requests: {cpu: 100m, memory: 512Mi}, limits: {memory: 768Mi}}
  s3:
    bucket: kafscale
    endpoint: http://minio.$NAMESPACE.svc:9000
    pathStyle: true
    credentialsSecretRef: {name: s3-credentials}
  etcd:
    managed: {replicas: 1, storageSize: 1Gi}
---
apiVersion: kafscale.io/v1alpha1
kind: KafscaleTopic
metadata: {name: orders}
spec:
  clusterRef: smoke
  partitions: 3
  config: {retention.ms: "3600000"}
YAML
kubectl -n "$NAMESPACE" wait kfs/smoke --for=jsonpath='{.status.phase}'=Ready --timeout=300s \
  || fail "KafscaleCluster not Ready"
kubectl -n "$NAMESPACE" wait kt/orders --for=condition=Ready --timeout=120s || fail "KafscaleTopic not Ready"
kubectl -n "$NAMESPACE" get kfs,kt,deploy,sts,svc,pdb

step "produce and consume with kcat inside the cluster"
message="kind-smoke-$(date +%s)"
kubectl -n "$NAMESPACE" run kcat-produce --image="$KCAT_IMAGE" --rm -i --restart=Never -- \
  -b smoke-broker:9092 -P -t orders -k smoke <<<"$message"
got=$(kubectl -n "$NAMESPACE" run kcat-consume --image="$KCAT_IMAGE" --rm -i --restart=Never -- \
  -b smoke-broker:9092 -C -t orders -o beginning -c 1 -e -q -f '%s\n' | grep -x "$message" || true)
[[ "$got" == "$message" ]] || fail "consumed '$got', expected '$message'"

step "topic grows from 3 to 6 partitions"
kubectl -n "$NAMESPACE" patch kt/orders --type=merge -p '{"spec":{"partitions":6}}'
kubectl -n "$NAMESPACE" wait kt/orders --for=jsonpath='{.status.partitions}'=6 --timeout=120s \
  || fail "topic did not grow"

echo; echo "kind-smoke: OK"
