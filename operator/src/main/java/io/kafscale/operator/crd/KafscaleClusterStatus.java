/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/** Observed state of a {@link KafscaleCluster}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafscaleClusterStatus {
  public String phase;
  public Long observedGeneration;
  public Integer readyBrokers;
  public Integer replicas;
  public Endpoints endpoints;
  public List<Condition> conditions = new ArrayList<>();

  /** Addresses clients and tools use. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Endpoints {
    public String bootstrap;
    public String console;
    public String etcd;
  }
}
