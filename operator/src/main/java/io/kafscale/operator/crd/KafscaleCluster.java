/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.crd;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The {@code KafscaleCluster} custom resource (group kafscale.io, v1alpha1), following {@code
 * crds/kafscaleclusters.kafscale.io-v1.yml}. Mutable like every fabric8 resource: not thread-safe.
 */
@Group("kafscale.io")
@Version("v1alpha1")
@Kind("KafscaleCluster")
@Plural("kafscaleclusters")
@ShortNames("kfs")
public class KafscaleCluster extends CustomResource<KafscaleClusterSpec, KafscaleClusterStatus>
    implements Namespaced {
  private static final long serialVersionUID = 1L;
}
