/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * The task of {@link CountingSourceConnector}: emits the next sequence numbers in small batches,
 * starting after the offset Connect committed for its stream, and idles once the configured count
 * is reached. poll() runs on the task thread, stop() on another: the stop latch is the only shared
 * state.
 */
public final class CountingSourceTask extends SourceTask {
  static final String STREAM = "stream";
  static final String SEQ = "seq";
  private static final int BATCH = 10;

  private final CountDownLatch stopped = new CountDownLatch(1);
  private Map<String, String> partition;
  private String topic;
  private long limit;
  private long next;

  @Override
  public void start(Map<String, String> props) {
    topic = props.get(CountingSourceConnector.TOPIC);
    limit = Long.parseLong(props.get(CountingSourceConnector.RECORDS));
    partition = Map.of(STREAM, topic);
    Map<String, Object> committed = context.offsetStorageReader().offset(partition);
    next = committed == null ? 0 : ((Number) committed.get(SEQ)).longValue() + 1;
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    if (next >= limit) {
      // Nothing left: wait a little (or until stopped) instead of spinning the task thread.
      stopped.await(100, TimeUnit.MILLISECONDS);
      return null;
    }
    List<SourceRecord> batch = new ArrayList<>();
    while (next < limit && batch.size() < BATCH) {
      batch.add(
          new SourceRecord(
              partition,
              Map.of(SEQ, next),
              topic,
              0,
              Schema.STRING_SCHEMA,
              Long.toString(next),
              Schema.STRING_SCHEMA,
              "record-" + next));
      next++;
    }
    return batch;
  }

  @Override
  public void stop() {
    stopped.countDown();
  }

  @Override
  public String version() {
    return "1.0";
  }
}
