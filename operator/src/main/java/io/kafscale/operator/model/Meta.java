/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.kafscale.operator.crd.KafscaleCluster;

/** Metadata of an owned object: name, namespace, labels and a controller owner reference. */
public final class Meta {
  private Meta() {}

  public static ObjectMeta of(KafscaleCluster c, String name, String component) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(ClusterDefaults.namespace(c))
        .withLabels(Labels.of(c, component))
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion(c.getApiVersion())
                .withKind(c.getKind())
                .withName(c.getMetadata().getName())
                .withUid(c.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .build();
  }
}
