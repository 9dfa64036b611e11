/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.cluster;

import io.kafscale.operator.crd.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Merges freshly computed conditions into the previous ones, keeping transition times stable. */
public final class Conditions {
  private Conditions() {}

  public static List<Condition> merge(
      List<Condition> previous, List<Condition> next, long generation, Instant now) {
    List<Condition> out = new ArrayList<>();
    for (Condition c : next) {
      Condition before =
          previous == null
              ? null
              : previous.stream().filter(p -> c.type.equals(p.type)).findFirst().orElse(null);
      c.observedGeneration = generation;
      c.lastTransitionTime =
          before != null && before.status != null && before.status.equals(c.status)
              ? before.lastTransitionTime
              : now.toString();
      out.add(c);
    }
    return out;
  }
}
