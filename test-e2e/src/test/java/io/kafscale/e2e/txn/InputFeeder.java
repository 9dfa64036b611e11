/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.txn;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes {@code total} unique input values ({@code in-<n>}, round-robin over the partitions) with
 * an idempotent acks=all producer at a steady pace, so the application under test is busy while
 * brokers die. Thread-safe counters; {@link #close()} flushes and stops.
 */
final class InputFeeder implements AutoCloseable {
  private final KafkaProducer<String, String> producer;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger acked = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

  private InputFeeder(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
    props.put(ProducerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
    producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  /** Sends {@code perTick} records every 100 ms until {@code total} are sent. */
  static InputFeeder start(String bootstrap, String topic, int partitions, int total, int perTick) {
    InputFeeder feeder = new InputFeeder(bootstrap);
    feeder.timer.scheduleAtFixedRate(
        () -> {
          for (int i = 0; i < perTick && feeder.sent.get() < total; i++) {
            int n = feeder.sent.getAndIncrement();
            feeder.producer.send(
                new ProducerRecord<>(topic, n % partitions, "k" + n, "in-" + n),
                (metadata, e) -> {
                  if (e == null) {
                    feeder.acked.incrementAndGet();
                  } else {
                    feeder.failures.add("in-" + n + ": " + e);
                  }
                });
          }
        },
        0,
        100,
        TimeUnit.MILLISECONDS);
    return feeder;
  }

  int sent() {
    return sent.get();
  }

  int acked() {
    return acked.get();
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(60));
  }
}
