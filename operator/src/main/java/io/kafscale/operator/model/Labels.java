/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.model;

import io.kafscale.operator.crd.KafscaleCluster;
import java.util.LinkedHashMap;
import java.util.Map;

/** The labels every owned object carries, and the (immutable) selectors of each component. */
public final class Labels {
  public static final String MANAGED_BY = "kafscale-operator";

  private Labels() {}

  /** Selector labels of one component; never change them: Deployment selectors are immutable. */
  public static Map<String, String> selector(KafscaleCluster c, String component) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("app.kubernetes.io/name", "kafscale");
    m.put("app.kubernetes.io/instance", ClusterDefaults.name(c));
    m.put("app.kubernetes.io/component", component);
    return m;
  }

  /** Selector labels plus ownership labels. */
  public static Map<String, String> of(KafscaleCluster c, String component) {
    Map<String, String> m = selector(c, component);
    m.put("app.kubernetes.io/part-of", "kafscale");
    m.put("app.kubernetes.io/managed-by", MANAGED_BY);
    return m;
  }
}
