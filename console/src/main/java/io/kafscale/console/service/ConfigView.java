/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import java.util.Comparator;
import java.util.List;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;

/** One config entry as DescribeConfigs reports it; sensitive values are never shown. */
public record ConfigView(
    String name,
    String value,
    String source,
    boolean isDefault,
    boolean readOnly,
    boolean sensitive) {

  public static ConfigView of(ConfigEntry e) {
    return new ConfigView(
        e.name(),
        e.isSensitive() ? null : e.value(),
        e.source().name(),
        e.isDefault(),
        e.isReadOnly(),
        e.isSensitive());
  }

  /** Every entry of {@code config}, by name. */
  public static List<ConfigView> all(Config config) {
    return config.entries().stream()
        .map(ConfigView::of)
        .sorted(Comparator.comparing(ConfigView::name))
        .toList();
  }
}
