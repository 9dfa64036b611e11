/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/** Observed state of a {@link KafscaleTopic}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafscaleTopicStatus {
  public String topicId;
  public String topicName;
  public Integer partitions;
  public Long observedGeneration;
  public List<Condition> conditions = new ArrayList<>();
}
