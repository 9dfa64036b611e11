/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Continuous acks=all idempotent produce at a steady rate over every partition of one topic (record
 * n goes to partition n % partitions, value {@code prefix-n}), recorded in a {@link
 * PartitionLedger}. A single scheduler thread sends a burst per tick and skips ticks while too many
 * sends are outstanding, so a stalled cluster is not flooded. Thread-safe.
 */
public final class LoadGenerator implements AutoCloseable {
  /** Long enough that a producer rides out any failover the tests cause. */
  public static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(120);

  private static final int RECORDS_PER_TICK = 10;
  private static final Duration TICK = Duration.ofMillis(10);
  private static final int MAX_OUTSTANDING = 2_000;

  private final KafkaProducer<byte[], byte[]> producer;
  private final PartitionLedger ledger;
  private final String topic;
  private final int partitions;
  private final String prefix;
  private final ScheduledExecutorService scheduler;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicReference<Throwable> sendError = new AtomicReference<>();

  private LoadGenerator(
      String bootstrap, String topic, int partitions, String prefix, PartitionLedger ledger) {
    this.producer = producer(bootstrap, Map.of());
    this.ledger = ledger;
    this.topic = topic;
    this.partitions = partitions;
    this.prefix = prefix;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "load-" + prefix);
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts producing to {@code topic} (about 1,000 records/s) through {@code bootstrap}. */
  public static LoadGenerator start(
      String bootstrap, String topic, int partitions, String prefix, PartitionLedger ledger) {
    LoadGenerator generator = new LoadGenerator(bootstrap, topic, partitions, prefix, ledger);
    generator.scheduler.scheduleAtFixedRate(
        generator::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    return generator;
  }

  /** An acks=all idempotent producer with a long delivery timeout and short request timeout. */
  public static KafkaProducer<byte[], byte[]> producer(String bootstrap, Map<String, ?> extra) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 50);
    props.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 500);
    props.put(ProducerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    props.putAll(new HashMap<>(extra));
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  public PartitionLedger ledger() {
    return ledger;
  }

  /** Records handed to the producer so far. */
  public int sent() {
    return next.get();
  }

  /**
   * Stops sending, waits up to {@code timeout} for outstanding sends to complete (then aborts the
   * rest, which fail in the ledger) and closes the producer.
   */
  public void stopAndFlush(Duration timeout) {
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("load generator " + prefix + " did not stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    producer.close(timeout);
    Throwable error = sendError.get();
    if (error != null) {
      throw new IllegalStateException("send() threw in load generator " + prefix, error);
    }
  }

  /** Stops at once without waiting for outstanding sends. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    producer.close(Duration.ZERO);
  }

  private void tick() {
    if (next.get() - ledger.completed() > MAX_OUTSTANDING || sendError.get() != null) {
      return;
    }
    try {
      for (int i = 0; i < RECORDS_PER_TICK; i++) {
        int n = next.get();
        int partition = n % partitions;
        String value = prefix + "-" + n;
        producer.send(
            new ProducerRecord<>(topic, partition, null, value.getBytes(StandardCharsets.UTF_8)),
            ledger.sending(value, partition));
        next.incrementAndGet();
      }
    } catch (RuntimeException e) {
      // send() itself throws only on misuse or max.block.ms; keep the first for stopAndFlush.
      sendError.compareAndSet(null, e);
    }
  }
}
