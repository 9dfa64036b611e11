/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import io.kafscale.console.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
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
 * Thread-safe (one consumer per call).
 */
public final class MessageService {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

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
      List<HeaderView> headers) {}

  /** The browser's answer. */
  public record Messages(List<MessageView> messages) {}

  /** Body of POST /topics/{name}/messages. */
  public record Produce(Integer partition, String key, String value, Map<String, String> headers) {}

  /** Where a produced message landed. */
  public record Produced(int partition, long offset) {}

  private final KafkaClients kafka;
  private final TopicService topics;

  public MessageService(KafkaClients kafka, TopicService topics) {
    this.kafka = kafka;
    this.topics = topics;
  }

  public Messages browse(
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
    List<MessageView> out = read(windows, format);
    out.sort(
        Comparator.comparingLong(MessageView::timestamp)
            .reversed()
            .thenComparing(Comparator.comparingLong(MessageView::offset).reversed()));
    return new Messages(out.size() > limit ? List.copyOf(out.subList(0, limit)) : out);
  }

  private List<MessageView> read(Map<TopicPartition, MessageWindow> windows, MessageFormat format) {
    List<MessageView> out = new ArrayList<>();
    if (windows.isEmpty()) {
      return out;
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
            out.add(view(r, format));
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
    return out;
  }

  private static MessageView view(ConsumerRecord<byte[], byte[]> r, MessageFormat format) {
    List<HeaderView> headers = new ArrayList<>();
    for (Header h : r.headers()) {
      headers.add(new HeaderView(h.key(), format.render(h.value())));
    }
    return new MessageView(
        r.partition(),
        r.offset(),
        r.timestamp(),
        r.timestampType().name,
        format.render(r.key()),
        format.render(r.value()),
        headers);
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
