/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.connect;

import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/** The task of {@link RecordingSinkConnector}; put() runs on the task thread only. */
public final class RecordingSinkTask extends SinkTask {
  private String ledger;

  @Override
  public void start(Map<String, String> props) {
    ledger = props.get(RecordingSinkConnector.LEDGER);
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    for (SinkRecord record : records) {
      SinkLedger.append(ledger, String.valueOf(record.value()));
    }
  }

  @Override
  public void stop() {}

  @Override
  public String version() {
    return "1.0";
  }
}
