/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.cluster;

import static io.kafscale.operator.model.ClusterDefaults.or;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kafscale.operator.cluster.ClusterStatusFactory.Check;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterSpec;
import io.kafscale.operator.etcd.EtcdConfigResolver;
import io.kafscale.operator.model.ClusterDefaults;
import io.kafscale.operator.probe.StorageProbe;

/**
 * The StorageReachable check: the credentials Secret exists and has its keys (the brokers would
 * otherwise fail to start with an unhelpful CreateContainerConfigError), then the bucket answers.
 */
final class StorageCheck {
  static final String SECRET_MISSING = "CredentialsSecretMissing";
  static final String SECRET_INVALID = "CredentialsSecretInvalid";

  private StorageCheck() {}

  static Check run(KubernetesClient client, KafscaleCluster c, StorageProbe probe) {
    KafscaleClusterSpec.S3 s3 = ClusterDefaults.spec(c).s3;
    if (s3 == null || s3.bucket == null) {
      return new Check(false, "StorageNotConfigured", "spec.s3.bucket is not set");
    }
    KafscaleClusterSpec.CredentialsSecretRef ref = s3.credentialsSecretRef;
    if (ref != null) {
      String ns = ClusterDefaults.namespace(c);
      Secret secret = client.secrets().inNamespace(ns).withName(ref.name).get();
      if (secret == null) {
        return new Check(
            false,
            SECRET_MISSING,
            "S3 credentials secret '" + ref.name + "' not found in namespace '" + ns + "'");
      }
      for (String key :
          new String[] {
            or(ref.accessKeyIdKey, "accessKeyId"), or(ref.secretAccessKeyKey, "secretAccessKey")
          }) {
        if (EtcdConfigResolver.key(secret, key).isEmpty()) {
          return new Check(
              false,
              SECRET_INVALID,
              "S3 credentials secret '" + ref.name + "' has no key '" + key + "'");
        }
      }
    }
    return Check.of(
        probe.check(s3), "BucketReachable", "BucketUnreachable", "S3 bucket '" + s3.bucket + "'");
  }
}
