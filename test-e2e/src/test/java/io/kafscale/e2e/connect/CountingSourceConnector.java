/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.connect;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * A test source connector: one task writes {@code record-0 … record-(records-1)} to {@code topic},
 * keyed by sequence number, with the sequence number as its source offset, so a restarted task
 * resumes after the last committed record. Raising {@code records} through the REST API makes it
 * continue. Instances are used by one Connect worker thread at a time.
 */
public final class CountingSourceConnector extends SourceConnector {
  static final String TOPIC = "topic";
  static final String RECORDS = "records";

  private static final ConfigDef CONFIG =
      new ConfigDef()
          .define(TOPIC, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Topic to write to.")
          .define(
              RECORDS,
              ConfigDef.Type.INT,
              ConfigDef.NO_DEFAULT_VALUE,
              ConfigDef.Range.atLeast(0),
              ConfigDef.Importance.HIGH,
              "How many records the stream holds in total.");

  private Map<String, String> props = Map.of();

  @Override
  public void start(Map<String, String> props) {
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return CountingSourceTask.class;
  }

  /** One stream, so one task: the offsets of a single sequence stay easy to reason about. */
  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return List.of(props);
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return CONFIG;
  }

  @Override
  public String version() {
    return "1.0";
  }
}
