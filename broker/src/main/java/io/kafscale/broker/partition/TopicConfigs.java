/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import static io.kafscale.metadata.config.TopicConfigCatalogue.CLEANUP_POLICY;
import static io.kafscale.metadata.config.TopicConfigCatalogue.MAX_MESSAGE_BYTES;
import static io.kafscale.metadata.config.TopicConfigCatalogue.MESSAGE_TIMESTAMP_TYPE;
import static io.kafscale.metadata.config.TopicConfigCatalogue.SEGMENT_BYTES;
import static io.kafscale.metadata.config.TopicConfigCatalogue.TIMESTAMP_AFTER_MAX_MS;
import static io.kafscale.metadata.config.TopicConfigCatalogue.TIMESTAMP_BEFORE_MAX_MS;
import static io.kafscale.metadata.config.TopicConfigCatalogue.effective;

import io.kafscale.metadata.config.TopicConfigCatalogue;
import io.kafscale.storage.log.LogConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker side of topic configs: turns a topic's configs in force into the {@link LogConfig} of
 * its partitions. The table of configs itself (names, types, defaults, checks) is {@link
 * TopicConfigCatalogue} in the metadata module, shared with the registry and the operator. Pure and
 * thread-safe.
 */
public final class TopicConfigs {
  private static final Logger LOG = LoggerFactory.getLogger(TopicConfigs.class);

  private TopicConfigs() {}

  /** Same as {@link TopicConfigCatalogue#validate(String, String)}. */
  public static Optional<String> validate(String name, String value) {
    return TopicConfigCatalogue.validate(name, value);
  }

  /**
   * Partition log settings from a topic's configs in force (see {@code
   * TopicManager#configOverrides}). The registry refuses invalid values, so every stored value
   * parses; a value that still does not (written before validation existed) is replaced by Kafka's
   * default with a warning rather than leaving a claimed partition without a log.
   */
  public static LogConfig logConfig(Map<String, String> stored) {
    Map<String, String> readable = new HashMap<>(stored);
    readable
        .entrySet()
        .removeIf(
            e -> {
              Optional<String> problem = TopicConfigCatalogue.validate(e.getKey(), e.getValue());
              problem.ifPresent(
                  why -> LOG.warn("stored topic config ignored, Kafka default used: {}", why));
              return problem.isPresent();
            });
    return parse(readable);
  }

  private static LogConfig parse(Map<String, String> stored) {
    int maxMessageBytes = Integer.parseInt(effective(stored, MAX_MESSAGE_BYTES).trim());
    boolean logAppendTime =
        "LogAppendTime".equals(effective(stored, MESSAGE_TIMESTAMP_TYPE).trim());
    return new LogConfig(
        maxMessageBytes,
        logAppendTime,
        Long.parseLong(effective(stored, TIMESTAMP_BEFORE_MAX_MS).trim()),
        Long.parseLong(effective(stored, TIMESTAMP_AFTER_MAX_MS).trim()),
        TopicConfigCatalogue.isCompact(effective(stored, CLEANUP_POLICY)),
        Long.parseLong(effective(stored, SEGMENT_BYTES).trim()));
  }
}
