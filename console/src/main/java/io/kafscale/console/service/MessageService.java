/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import io.kafscale.console.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The message browser: reads a window of each partition with a short-lived consumer ({@code
 * assign}/{@code seek}, never a group, never a commit), newest first; and produces a test message.
 * Memory is bounded: only the newest {@code limit} records across partitions are kept ({@link
 * NewestRecords}), keys, values and headers longer than {@link #MAX_DISPLAY_BYTES} are cut (the
 * message says {@code truncated}), and at most {@code maxConcurrentBrowses} reads run at once (more
 * get 503 {@code BUSY}). Thread-safe (one consumer per call).
 */
public final class MessageService {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  /** Longest key, value or header value shown; longer ones are cut here. */
  public static final int MAX_DISPLAY_BYTES = 64 * 1024;

  /** One header as shown. */
  public record HeaderView(String key, String value) {}

  /** One record as shown. */
  public record MessageView(
      int partition,
      long offset,
      long timestamp,
      String timestampType,
      String key,
      String value,
      List<HeaderView> headers,
      boolean truncated) {}

  /** The browser's answer. */
  public record Messages(List<MessageView> messages) {}

  /** Body of POST /topics/{name}/messages. */
  public record Produce(Integer partition, String key, String value, Map<String, String> headers) {}

  /** Where a produced message landed. */
  public record Produced(int partition, long offset) {}

  private final KafkaClients kafka;
  private final TopicService topics;
  private final int maxConcurrentBrowses;
  private final Semaphore browses;

  public MessageService(KafkaClients kafka, TopicService topics, int maxConcurrentBrowses) {
    this.kafka = kafka;
    this.topics = topics;
    this.maxConcurrentBrowses = maxConcurrentBrowses;
    this.browses = new Semaphore(maxConcurrentBrowses);
  }

  /** Runs one browse if fewer than the maximum are running, else answers 503 BUSY. */
  <T> T limited(java.util.function.Supplier<T> browse) {
    if (!browses.tryAcquire()) {
      throw new ApiException(
          503,
          "BUSY",
          "the console is already running "
              + maxConcurrentBrowses
              + " message-browser reads; try again shortly",
          null);
    }
    try {
      return browse.get();
    } finally {
      browses.release();
    }
  }

  public Messages browse(
      String topic,
      Integer partition,
      Long offset,
      Long timestamp,
      Integer limitParam,
      MessageFormat format) {
    return limited(() -> browseNow(topic, partition, offset, timestamp, limitParam, format));
  }

  private Messages browseNow(
      String topic,
      Integer partition,
      Long offset,
      Long timestamp,
      Integer limitParam,
      MessageFormat format) {
    int limit = limitParam == null ? DEFAULT_LIMIT : limitParam;
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest("limit must be 1-" + MAX_LIMIT);
    }
    if (offset != null && timestamp != null) {
      throw ApiException.badRequest("give offset or timestamp, not both");
    }
    TopicDescription d = topics.describe(List.of(topic)).get(topic);
    List<TopicPartition> tps = new ArrayList<>();
    for (var p : d.partitions()) {
      if (partition == null || partition == p.partition()) {
        tps.add(new TopicPartition(topic, p.partition()));
      }
    }
    if (tps.isEmpty()) {
      throw ApiException.notFound("topic '" + topic + "' has no partition " + partition);
    }
    Map<TopicPartition, Long> starts = topics.offsets(tps, OffsetSpec.earliest());
    Map<TopicPartition, Long> ends = topics.offsets(tps, OffsetSpec.latest());
    Map<TopicPartition, Long> byTime =
        timestamp == null ? Map.of() : topics.offsets(tps, OffsetSpec.forTimestamp(timestamp));
    Map<TopicPartition, MessageWindow> windows = new HashMap<>();
    for (TopicPartition tp : tps) {
      long start = starts.getOrDefault(tp, 0L);
      long end = ends.getOrDefault(tp, 0L);
      MessageWindow w;
      if (offset != null) {
        w = MessageWindow.from(offset, start, end, limit);
      } else if (timestamp != null) {
        long at = byTime.getOrDefault(tp, -1L);
        w = MessageWindow.from(at < 0 ? end : at, start, end, limit);
      } else {
        w = MessageWindow.newest(start, end, limit);
      }
      if (!w.isEmpty()) {
        windows.put(tp, w);
      }
    }
    NewestRecords newest = new NewestRecords(limit);
    read(windows, newest);
    return new Messages(newest.newestFirst().stream().map(r -> view(r, format)).toList());
  }

  private void read(Map<TopicPartition, MessageWindow> windows, NewestRecords out) {
    if (windows.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(kafka.timeoutMs());
    try (KafkaConsumer<byte[], byte[]> consumer = kafka.newConsumer(MAX_LIMIT)) {
      consumer.assign(windows.keySet());
      windows.forEach((tp, w) -> consumer.seek(tp, w.from()));
      Map<TopicPartition, MessageWindow> pending = new HashMap<>(windows);
      while (!pending.isEmpty()) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw ApiException.unavailable(
              "the Kafka cluster did not return the messages within " + kafka.timeoutMs() + " ms");
        }
        for (ConsumerRecord<byte[], byte[]> r :
            consumer.poll(Duration.ofMillis(Math.min(left, 200)))) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          MessageWindow w = pending.get(tp);
          if (w != null && r.offset() >= w.from() && r.offset() < w.to()) {
            out.add(r);
          }
        }
        for (TopicPartition tp : List.copyOf(pending.keySet())) {
          if (consumer.position(tp) >= pending.get(tp).to()) {
            pending.remove(tp);
            consumer.pause(List.of(tp));
          }
        }
      }
    } catch (org.apache.kafka.common.KafkaException e) {
      throw KafkaErrors.map(e, "read messages");
    }
  }

  static MessageView view(ConsumerRecord<byte[], byte[]> r, MessageFormat format) {
    boolean truncated = tooLong(r.key()) || tooLong(r.value());
    List<HeaderView> headers = new ArrayList<>();
    for (Header h : r.headers()) {
      truncated |= tooLong(h.value());
      headers.add(new HeaderView(h.key(), format.render(cut(h.value()))));
    }
    return new MessageView(
        r.partition(),
        r.offset(),
        r.timestamp(),
        r.timestampType().name,
        format.render(cut(r.key())),
        format.render(cut(r.value())),
        headers,
        truncated);
  }

  private static boolean tooLong(byte[] bytes) {
    return bytes != null && bytes.length > MAX_DISPLAY_BYTES;
  }

  private static byte[] cut(byte[] bytes) {
    return tooLong(bytes) ? Arrays.copyOf(bytes, MAX_DISPLAY_BYTES) : bytes;
  }

  public Produced produce(String topic, Produce body) {
    if (body.value() == null) {
      throw ApiException.badRequest("'value' is required");
    }
    topics.describe(List.of(topic));
    List<Header> headers = new ArrayList<>();
    if (body.headers() != null) {
      body.headers()
          .forEach(
              (k, v) ->
                  headers.add(
                      new RecordHeader(k, v == null ? null : v.getBytes(StandardCharsets.UTF_8))));
    }
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            topic,
            body.partition(),
            null,
            body.key() == null ? null : body.key().getBytes(StandardCharsets.UTF_8),
            body.value().getBytes(StandardCharsets.UTF_8),
            headers);
    try {
      RecordMetadata md =
          kafka.producer().send(record).get(kafka.timeoutMs() + 500, TimeUnit.MILLISECONDS);
      return new Produced(md.partition(), md.offset());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.unavailable("interrupted while producing");
    } catch (TimeoutException e) {
      throw ApiException.unavailable("the Kafka cluster did not acknowledge the message in time");
    } catch (ExecutionException e) {
      throw KafkaErrors.map(e.getCause(), "produce to " + topic);
    } catch (org.apache.kafka.common.KafkaException e) {
      throw KafkaErrors.map(e, "produce to " + topic);
    }
  }
}
