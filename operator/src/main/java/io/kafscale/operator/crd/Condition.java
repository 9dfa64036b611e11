/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A status condition of a Kafscale resource (Kubernetes' metav1.Condition shape). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {
  public String type;
  public String status;
  public String reason;
  public String message;
  public Long observedGeneration;
  public String lastTransitionTime;

  public Condition() {}

  public Condition(String type, boolean ok, String reason, String message) {
    this.type = type;
    this.status = ok ? "True" : "False";
    this.reason = reason;
    this.message = message;
  }
}
