/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.admin;

import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.storage.log.FlushState;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.log.SegmentRef;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The partition endpoints of the admin HTTP API (documented in {@code docs/admin-api.md}): {@code
 * GET /api/v1/partitions} lists the partitions this broker owns with their offsets, size and the
 * state of their write buffer; {@code GET /api/v1/partitions/{topic}/{partition}/segments} lists
 * the committed segments of any partition as the metadata store holds them. Thread-safe.
 */
public final class PartitionsApi implements JsonApi {
  static final String PREFIX = "/api/v1/partitions";
  private static final String SEGMENTS = "/segments";

  private final int brokerId;
  private final Supplier<List<PartitionLog>> ownedLogs;
  private final BiFunction<String, Integer, CompletableFuture<Optional<List<SegmentRecord>>>>
      segments;
  private final Clock clock;

  /**
   * @param ownedLogs the open logs of the partitions this broker owns now
   * @param segments the stored segments of a partition, empty when it does not exist (see {@link
   *     StoredSegments#of})
   */
  public PartitionsApi(
      int brokerId,
      Supplier<List<PartitionLog>> ownedLogs,
      BiFunction<String, Integer, CompletableFuture<Optional<List<SegmentRecord>>>> segments,
      Clock clock) {
    this.brokerId = brokerId;
    this.ownedLogs = ownedLogs;
    this.segments = segments;
    this.clock = clock;
  }

  @Override
  public boolean serves(String path) {
    return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
  }

  @Override
  public CompletableFuture<GroupsApi.JsonResponse> get(String path) {
    if (path.equals(PREFIX) || path.equals(PREFIX + "/")) {
      return owned();
    }
    String rest = path.substring(PREFIX.length() + 1);
    if (!rest.endsWith(SEGMENTS)) {
      return CompletableFuture.completedFuture(JsonApi.error(404, "not_found"));
    }
    String[] parts = rest.substring(0, rest.length() - SEGMENTS.length()).split("/", -1);
    if (parts.length != 2 || parts[0].isEmpty()) {
      return CompletableFuture.completedFuture(JsonApi.error(404, "not_found"));
    }
    int partition;
    try {
      partition = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      return CompletableFuture.completedFuture(JsonApi.error(404, "unknown_partition"));
    }
    String topic = URLDecoder.decode(parts[0].replace("+", "%2B"), StandardCharsets.UTF_8);
    return segments(topic, partition);
  }

  private CompletableFuture<GroupsApi.JsonResponse> owned() {
    List<PartitionLog> logs = new ArrayList<>(ownedLogs.get());
    logs.sort(
        Comparator.comparing((PartitionLog l) -> l.id().topic())
            .thenComparingInt(l -> l.id().partition()));
    List<CompletableFuture<FlushState>> states = new ArrayList<>(logs.size());
    for (PartitionLog log : logs) {
      // A log closed meanwhile (ownership moved) has no flush state to show: null.
      states.add(log.flushState().exceptionally(e -> null));
    }
    return CompletableFuture.allOf(states.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              long now = clock.millis();
              JsonWriter json =
                  new JsonWriter()
                      .beginObject()
                      .field("brokerId", brokerId)
                      .name("partitions")
                      .beginArray();
              for (int i = 0; i < logs.size(); i++) {
                writePartition(json, logs.get(i), states.get(i).join(), now);
              }
              return new GroupsApi.JsonResponse(200, json.endArray().endObject().toString());
            });
  }

  private static void writePartition(
      JsonWriter json, PartitionLog log, FlushState flush, long now) {
    List<SegmentRef> refs = segmentsOf(log);
    long size = 0;
    for (SegmentRef r : refs) {
      size += r.length();
    }
    json.beginObject()
        .field("topic", log.id().topic())
        .field("partition", log.id().partition())
        .field("epoch", log.epoch())
        .field("logStartOffset", log.logStartOffset())
        .field("highWatermark", log.highWatermark())
        .field("lastStableOffset", log.lastStableOffset())
        .field("sizeBytes", size)
        .field("segments", refs.size())
        .name("flush");
    if (flush == null) {
      json.nullValue();
    } else {
      json.beginObject()
          .field("pendingBytes", flush.pendingBytes())
          .field("pendingBatches", flush.pendingBatches())
          .name("oldestPendingAgeMs");
      long age = flush.oldestPendingAgeMs(now);
      nullIfNegative(json, age);
      json.field("flushing", flush.flushing()).name("lastFlushAtMs");
      nullIfNegative(json, flush.lastFlushAtMs());
      json.endObject();
    }
    json.endObject();
  }

  private static List<SegmentRef> segmentsOf(PartitionLog log) {
    try {
      return log.segments();
    } catch (UnsupportedOperationException e) {
      return List.of();
    }
  }

  private static void nullIfNegative(JsonWriter json, long value) {
    if (value < 0) {
      json.nullValue();
    } else {
      json.value(value);
    }
  }

  private CompletableFuture<GroupsApi.JsonResponse> segments(String topic, int partition) {
    return segments
        .apply(topic, partition)
        .thenApply(
            found -> {
              if (found.isEmpty()) {
                return JsonApi.error(404, "unknown_partition");
              }
              JsonWriter json =
                  new JsonWriter()
                      .beginObject()
                      .field("topic", topic)
                      .field("partition", partition)
                      .name("segments")
                      .beginArray();
              for (SegmentRecord s : found.get()) {
                json.beginObject()
                    .field("baseOffset", s.baseOffset())
                    .field("lastOffset", s.lastOffset())
                    .field("sizeBytes", s.length())
                    .field("objectKey", s.objectKey())
                    .field("indexKey", s.indexKey())
                    .field("epoch", s.epoch())
                    .field("maxTimestamp", s.maxTimestamp())
                    .field("createdAtMs", s.createdAtMs())
                    .field("compacted", s.compacted())
                    .endObject();
              }
              return new GroupsApi.JsonResponse(200, json.endArray().endObject().toString());
            });
  }
}
