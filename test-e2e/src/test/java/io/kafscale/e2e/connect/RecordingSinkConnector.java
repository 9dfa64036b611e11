/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.connect;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * A test sink connector: its task appends every record value it is handed to the {@link SinkLedger}
 * entry named by {@code ledger}, so the test sees exactly what the sink received, duplicates
 * included. Instances are used by one Connect worker thread at a time.
 */
public final class RecordingSinkConnector extends SinkConnector {
  static final String LEDGER = "ledger";

  private static final ConfigDef CONFIG =
      new ConfigDef()
          .define(LEDGER, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Ledger to record to.");

  private Map<String, String> props = Map.of();

  @Override
  public void start(Map<String, String> props) {
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return RecordingSinkTask.class;
  }

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
