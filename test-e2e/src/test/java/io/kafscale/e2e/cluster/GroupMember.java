/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.cluster;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One group member on its own thread: subscribe, poll, record, commitSync the next offsets of what
 * it just got. Errors (a commit failed by a rebalance or a dead coordinator) are recorded and it
 * carries on, as an application would. {@link #close()} stops it from any thread.
 */
public final class GroupMember implements AutoCloseable {
  /** How long one commitSync may wait (for a coordinator) before the member moves on. */
  public static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

  private final int id;
  private final String topic;
  private final GroupLog log;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private volatile boolean running = true;
  private boolean closed;

  /** Starts member {@code id} of {@code group}, subscribed to {@code topic}, recording in log. */
  public GroupMember(int id, String bootstrap, String group, String topic, GroupLog log) {
    this.id = id;
    this.topic = topic;
    this.log = log;
    this.consumer = consumer(bootstrap, group);
    this.thread = new Thread(this::run, "group-member-" + id);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * A classic-protocol consumer of {@code group}: manual commits, earliest reset, short timeouts so
   * a dead broker costs seconds.
   */
  public static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String group) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
    props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
    props.put(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, 100);
    props.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private void run() {
    consumer.subscribe(
        List.of(topic),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            log.assigned();
          }
        });
    try {
      while (running) {
        pollAndCommit();
      }
    } catch (WakeupException e) {
      // close() woke us up
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void pollAndCommit() {
    try {
      ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
      if (records.isEmpty()) {
        return;
      }
      Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
      for (TopicPartition tp : records.partitions()) {
        List<ConsumerRecord<byte[], byte[]>> batch = records.records(tp);
        batch.forEach(r -> log.consumed(id, r));
        next.put(tp, new OffsetAndMetadata(batch.getLast().offset() + 1));
      }
      consumer.commitSync(next, COMMIT_TIMEOUT);
      log.committed(id, next);
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      log.error(e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(15));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
