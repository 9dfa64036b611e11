/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.model;

import static io.kafscale.operator.model.ClusterDefaults.or;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the CronJob that snapshots the managed etcd: an init container runs {@code etcdctl
 * snapshot save} (from the etcd image), then the uploader (an image with the aws CLI) copies the
 * snapshot and its SHA-256 to {@code s3://<bucket>/<prefix>/<UTC time>.db}. The restore procedure
 * is in docs/operations.md. Pure.
 */
public final class EtcdSnapshotModel {
  public static final String COMPONENT = "etcd-snapshot";

  /** The upload step; {@code $STAMP} is fixed once so both objects share the name. */
  static final String UPLOAD_SCRIPT =
      """
      set -eu
      STAMP=$(date -u +%Y%m%dT%H%M%SZ)
      cd /backup
      sha256sum snapshot.db > snapshot.db.sha256
      EP=""
      if [ -n "${S3_ENDPOINT:-}" ]; then EP="--endpoint-url $S3_ENDPOINT"; fi
      if [ "${S3_PATH_STYLE:-false}" = "true" ]; then
        printf '[default]\ns3 =\n    addressing_style = path\n' > /tmp/aws-config
        export AWS_CONFIG_FILE=/tmp/aws-config
      fi
      SSE=""
      if [ -n "${KMS_KEY_ID:-}" ]; then SSE="--sse aws:kms --sse-kms-key-id $KMS_KEY_ID"; fi
      aws $EP s3 cp $SSE snapshot.db "s3://$BUCKET/$PREFIX/$STAMP.db"
      aws $EP s3 cp $SSE snapshot.db.sha256 "s3://$BUCKET/$PREFIX/$STAMP.db.sha256"
      """;

  private EtcdSnapshotModel() {}

  private static SecurityContext restricted() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .build();
  }

  public static Optional<CronJob> build(KafscaleCluster c) {
    if (!ClusterDefaults.snapshots(c)) {
      return Optional.empty();
    }
    KafscaleClusterSpec.Snapshot s = ClusterDefaults.managed(c).snapshot;
    KafscaleClusterSpec.S3 s3 = ClusterDefaults.spec(c).s3;
    List<EnvVar> env = new ArrayList<>();
    env.add(BrokerEnvModel.value("BUCKET", or(s.bucket, s3.bucket)));
    env.add(
        BrokerEnvModel.value(
            "PREFIX", or(s.prefix, ClusterDefaults.s3Namespace(c) + "/_kafscale!etcd-snapshots")));
    env.add(BrokerEnvModel.value("AWS_DEFAULT_REGION", or(s3.region, "us-east-1")));
    if (s3.endpoint != null) {
      env.add(BrokerEnvModel.value("S3_ENDPOINT", s3.endpoint));
    }
    if (s3.pathStyle != null || s3.endpoint != null) {
      // Same default as the brokers: an endpoint override means an S3-compatible, path-style store.
      env.add(BrokerEnvModel.value("S3_PATH_STYLE", or(s3.pathStyle, Boolean.TRUE)));
    }
    if (s3.kmsKeyArn != null) {
      env.add(BrokerEnvModel.value("KMS_KEY_ID", s3.kmsKeyArn));
    }
    KafscaleClusterSpec.CredentialsSecretRef ref = s3.credentialsSecretRef;
    if (ref != null) {
      env.add(
          BrokerEnvModel.secret(
              "AWS_ACCESS_KEY_ID", ref.name, or(ref.accessKeyIdKey, "accessKeyId")));
      env.add(
          BrokerEnvModel.secret(
              "AWS_SECRET_ACCESS_KEY", ref.name, or(ref.secretAccessKeyKey, "secretAccessKey")));
      if (ref.sessionTokenKey != null) {
        env.add(BrokerEnvModel.secret("AWS_SESSION_TOKEN", ref.name, ref.sessionTokenKey));
      }
    }
    return Optional.of(
        new CronJobBuilder()
            .withMetadata(Meta.of(c, ClusterDefaults.snapshotName(c), COMPONENT))
            .withNewSpec()
            .withSchedule(or(s.schedule, "0 * * * *"))
            .withConcurrencyPolicy("Forbid")
            .withSuccessfulJobsHistoryLimit(3)
            .withFailedJobsHistoryLimit(3)
            .withNewJobTemplate()
            .withNewSpec()
            .withBackoffLimit(2)
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(Labels.of(c, COMPONENT))
            .endMetadata()
            .withNewSpec()
            .withRestartPolicy("OnFailure")
            .withServiceAccountName(s.serviceAccountName)
            .withAutomountServiceAccountToken(false)
            // Neither image needs root: etcdctl and the aws CLI only write to the emptyDirs.
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withRunAsUser((long) ClusterDefaults.RUN_AS_USER)
            .withRunAsGroup((long) ClusterDefaults.RUN_AS_USER)
            .withFsGroup((long) ClusterDefaults.RUN_AS_USER)
            .withNewSeccompProfile()
            .withType("RuntimeDefault")
            .endSeccompProfile()
            .endSecurityContext()
            .addNewInitContainer()
            .withName("snapshot")
            .withImage(or(ClusterDefaults.managed(c).image, ClusterDefaults.ETCD_IMAGE))
            .withCommand(
                "etcdctl",
                "--endpoints=" + ClusterDefaults.etcdEndpoints(c),
                "snapshot",
                "save",
                "/backup/snapshot.db")
            .withSecurityContext(restricted())
            .addNewVolumeMount()
            .withName("backup")
            .withMountPath("/backup")
            .endVolumeMount()
            .endInitContainer()
            .addNewContainer()
            .withName("upload")
            .withImage(or(s.image, ClusterDefaults.SNAPSHOT_IMAGE))
            .withCommand("/bin/sh", "-c", UPLOAD_SCRIPT)
            .withSecurityContext(restricted())
            .withEnv(env)
            .addNewEnv()
            .withName("HOME")
            .withValue("/tmp")
            .endEnv()
            .addNewVolumeMount()
            .withName("backup")
            .withMountPath("/backup")
            .endVolumeMount()
            .addNewVolumeMount()
            .withName("tmp")
            .withMountPath("/tmp")
            .endVolumeMount()
            .endContainer()
            .addNewVolume()
            .withName("backup")
            .withNewEmptyDir()
            .endEmptyDir()
            .endVolume()
            .addNewVolume()
            .withName("tmp")
            .withNewEmptyDir()
            .endEmptyDir()
            .endVolume()
            .endSpec()
            .endTemplate()
            .endSpec()
            .endJobTemplate()
            .endSpec()
            .build());
  }
}
