/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.txn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * An exactly-once consume-transform-produce application as a real one is written: a read_committed
 * group consumer, a transactional producer, the input offsets sent in the transaction. On an
 * abortable error it aborts; on a fatal one (fenced, epoch, timeout during commit, failed abort) it
 * re-creates the producer with the same transactional id, which fences the old one and completes
 * its open transaction; after either it seeks the consumer back to the group's committed offsets.
 * Its own thread drives both clients; the counters are thread-safe.
 */
final class EosApp implements AutoCloseable {
  private final String bootstrap;
  private final String input;
  private final String output;
  private final String group;
  private final String transactionalId;
  private final Thread thread;
  private final Map<Integer, Long> committedPositions = new ConcurrentHashMap<>();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong recoveries = new AtomicLong();
  private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
  private volatile boolean running = true;
  private volatile Throwable crash;

  private KafkaProducer<String, String> producer;
  private KafkaConsumer<String, String> consumer;

  EosApp(String bootstrap, String input, String output, String group, String transactionalId) {
    this.bootstrap = bootstrap;
    this.input = input;
    this.output = output;
    this.group = group;
    this.transactionalId = transactionalId;
    this.thread = new Thread(this::run, "eos-app-" + transactionalId);
  }

  EosApp start() {
    thread.start();
    return this;
  }

  /** Number of transactions committed (commitTransaction returned). */
  long commits() {
    return commits.get();
  }

  /** Number of aborts or producer re-creations. */
  long recoveries() {
    return recoveries.get();
  }

  /** Input partition to the next offset of the last committed transaction. */
  Map<Integer, Long> committedPositions() {
    return Map.copyOf(committedPositions);
  }

  List<String> errors() {
    return List.copyOf(errors);
  }

  /** The exception that ended the loop, if one did. */
  Throwable crash() {
    return crash;
  }

  private void run() {
    try {
      consumer = consumer();
      consumer.subscribe(List.of(input));
      producer = initProducer();
      while (running) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
        if (records.isEmpty()) {
          continue;
        }
        process(records);
      }
    } catch (Throwable t) {
      if (running) {
        crash = t;
      }
    } finally {
      closeQuietly();
    }
  }

  private void process(ConsumerRecords<String, String> records) {
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    try {
      producer.beginTransaction();
      for (ConsumerRecord<String, String> r : records) {
        producer.send(new ProducerRecord<>(output, r.partition(), r.key(), "out-" + r.value()));
        next.put(
            new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
      }
      producer.sendOffsetsToTransaction(next, consumer.groupMetadata());
      producer.commitTransaction();
      commits.incrementAndGet();
      next.forEach((tp, o) -> committedPositions.put(tp.partition(), o.offset()));
    } catch (ProducerFencedException
        | InvalidProducerEpochException
        | OutOfOrderSequenceException
        | UnsupportedVersionException
        | AuthorizationException e) {
      record("fatal", e);
      recreateProducer();
      rewind();
    } catch (KafkaException e) {
      record("abortable", e);
      try {
        producer.abortTransaction();
      } catch (KafkaException abortFailure) {
        // e.g. commit timed out (must be retried, not aborted) or the producer is now fatal
        record("abort failed", abortFailure);
        recreateProducer();
      }
      rewind();
    }
  }

  private void recreateProducer() {
    recoveries.incrementAndGet();
    try {
      producer.close(Duration.ZERO);
    } catch (RuntimeException ignored) {
      // the old instance is fenced by the new one anyway
    }
    while (running) {
      try {
        producer = initProducer();
        return;
      } catch (KafkaException e) {
        record("init", e);
      }
    }
  }

  /** Seeks every assigned partition back to the group's committed (stable) offset. */
  private void rewind() {
    recoveries.incrementAndGet();
    while (running) {
      try {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed =
            consumer.committed(assigned, Duration.ofSeconds(15));
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition tp : assigned) {
          OffsetAndMetadata o = committed.get(tp);
          if (o == null) {
            fromStart.add(tp);
          } else {
            consumer.seek(tp, o.offset());
          }
        }
        consumer.seekToBeginning(fromStart);
        return;
      } catch (KafkaException e) {
        record("rewind", e);
      }
    }
  }

  private KafkaProducer<String, String> initProducer() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 20_000);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 100);
    props.put(ProducerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
    KafkaProducer<String, String> p =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    try {
      p.initTransactions();
      return p;
    } catch (RuntimeException e) {
      p.close(Duration.ZERO);
      throw e;
    }
  }

  private KafkaConsumer<String, String> consumer() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 60);
    props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
    props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
    return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
  }

  private void record(String kind, Exception e) {
    String line = System.nanoTime() / 1_000_000 + " " + kind + ": " + e;
    errors.add(line);
    System.out.println("eos-app " + line);
  }

  private void closeQuietly() {
    try {
      if (producer != null) {
        producer.close(Duration.ofSeconds(5));
      }
    } catch (RuntimeException ignored) {
      // closing after a failure
    }
    try {
      if (consumer != null) {
        consumer.close(Duration.ofSeconds(5));
      }
    } catch (RuntimeException ignored) {
      // closing after a failure
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
