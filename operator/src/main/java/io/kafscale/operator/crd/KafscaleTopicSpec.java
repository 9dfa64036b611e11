/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** Desired state of a {@link KafscaleTopic}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafscaleTopicSpec {
  public String clusterRef;
  public String topicName;
  public Integer partitions;
  public Map<String, String> config;
  public String deletionPolicy;
  public Boolean adopt;

  /** Whether an existing topic not created by this resource may be taken over. */
  public boolean adopts() {
    return Boolean.TRUE.equals(adopt);
  }

  /** Whether deleting the resource keeps the topic. */
  public boolean retain() {
    return "Retain".equals(deletionPolicy);
  }
}
