/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.metadata.registry.PartitionRegistry;
import io.kafscale.metadata.registry.TopicExistsException;
import io.kafscale.metadata.registry.TopicRegistry;
import io.kafscale.storage.log.PartitionId;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.log.PartitionLogOpener;
import io.kafscale.storage.objectstore.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the immutable image of topics and the open partition logs of this broker, and applies topic
 * changes (create, auto-create, delete, add partitions) to the metadata store, the logs and the
 * object store. Single node: this broker claims every partition.
 *
 * <p>Thread-safe: reads are lock-free; changes run one at a time (admin operations are rare), so a
 * partition is never claimed twice by this broker and concurrent auto-creates of one topic reuse
 * it.
 */
public final class TopicManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicManager.class);

  private final int brokerId;
  private final TopicRegistry topics;
  private final PartitionRegistry partitions;
  private final PartitionLogOpener opener;
  private final ObjectStore objects;
  private final Map<PartitionId, PartitionLog> logs = new ConcurrentHashMap<>();
  private volatile TopicImage image = TopicImage.empty();
  private volatile boolean closing;
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

  public TopicManager(
      int brokerId,
      TopicRegistry topics,
      PartitionRegistry partitions,
      PartitionLogOpener opener,
      ObjectStore objects) {
    this.brokerId = brokerId;
    this.topics = topics;
    this.partitions = partitions;
    this.opener = opener;
    this.objects = objects;
  }

  /** Loads every stored topic and claims and opens all of its partitions. */
  public CompletableFuture<Void> load() {
    return serially(
        () ->
            topics
                .list()
                .thenCompose(
                    all -> {
                      CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
                      for (TopicRecord t : all) {
                        chain =
                            chain.thenCompose(v -> openPartitions(t, 0)).thenRun(() -> publish(t));
                      }
                      return chain;
                    }));
  }

  public TopicImage image() {
    return image;
  }

  public Optional<TopicRecord> topic(String name) {
    return image.topic(name);
  }

  public Optional<TopicRecord> topic(UUID id) {
    return image.topic(id);
  }

  /**
   * The open log of a partition this broker owns. A log that closed itself because a commit was
   * fenced (or its outcome was unknown) is answered as absent, so clients hear
   * NOT_LEADER_OR_FOLLOWER and retry, while the partition is claimed again and reopened from the
   * committed state in the background.
   */
  public Optional<PartitionLog> log(String topic, int partition) {
    PartitionId id = new PartitionId(topic, partition);
    PartitionLog log = logs.get(id);
    if (log != null && !log.isOpen()) {
      reclaim(id, log);
      return Optional.empty();
    }
    return Optional.ofNullable(log);
  }

  private void reclaim(PartitionId id, PartitionLog closedLog) {
    if (closing) {
      return;
    }
    serially(
            () -> {
              Optional<TopicRecord> topic = image.topic(id.topic());
              if (closing || !logs.remove(id, closedLog) || topic.isEmpty()) {
                return CompletableFuture.<Void>completedFuture(null); // done elsewhere, or gone
              }
              LOG.warn(
                  "re-claiming partition after its log closed topic={} partition={} epoch={}",
                  id.topic(),
                  id.partition(),
                  closedLog.epoch());
              return openPartition(topic.get(), id.partition());
            })
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                LOG.warn(
                    "re-claim failed topic={} partition={} error={}",
                    id.topic(),
                    id.partition(),
                    unwrap(e).toString());
              }
            });
  }

  /** Creates a topic and opens its partitions. Fails with {@link TopicExistsException}. */
  public CompletableFuture<TopicRecord> create(
      String name, int partitionCount, Map<String, String> configs) {
    return serially(
        () ->
            topics
                .create(name, partitionCount, configs)
                .thenCompose(t -> openPartitions(t, 0).thenApply(v -> publish(t))));
  }

  /**
   * Returns the topic, creating it with {@code partitionCount} partitions and default configs when
   * it does not exist; a topic created concurrently elsewhere is reused.
   */
  public CompletableFuture<TopicRecord> createIfAbsent(String name, int partitionCount) {
    return serially(
        () -> {
          Optional<TopicRecord> known = image.topic(name);
          if (known.isPresent()) {
            return CompletableFuture.completedFuture(known.get());
          }
          return topics
              .create(name, partitionCount, Map.of())
              .exceptionallyCompose(
                  e -> {
                    if (unwrap(e) instanceof TopicExistsException) {
                      return topics
                          .get(name)
                          .thenApply(o -> o.orElseThrow(() -> new CompletionException(unwrap(e))));
                    }
                    return CompletableFuture.failedFuture(unwrap(e));
                  })
              .thenCompose(t -> openPartitions(t, 0).thenApply(v -> publish(t)));
        });
  }

  /**
   * Deletes a topic: stops serving it, flushes and closes its logs, deletes its metadata, then the
   * objects of its segments. Fails with {@code UnknownTopicException}.
   */
  public CompletableFuture<TopicRecord> delete(String name) {
    return serially(
        () -> {
          Optional<TopicRecord> known = image.topic(name);
          image = image.without(name);
          int count = known.map(TopicRecord::partitionCount).orElse(0);
          return closeLogs(name, count)
              .thenCompose(v -> topics.delete(name))
              .thenCompose(this::deleteObjects)
              .thenApply(v -> known.orElse(null));
        });
  }

  /** Raises the partition count and opens the new partitions. */
  public CompletableFuture<TopicRecord> addPartitions(String name, int newCount) {
    return serially(
        () ->
            topics
                .addPartitions(name, newCount)
                .thenCompose(t -> openPartitions(t, 0).thenApply(v -> publish(t))));
  }

  private TopicRecord publish(TopicRecord topic) {
    image = image.with(topic);
    return topic;
  }

  private CompletableFuture<Void> openPartitions(TopicRecord topic, int from) {
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (int p = from; p < topic.partitionCount(); p++) {
      int partition = p;
      chain = chain.thenCompose(v -> openPartition(topic, partition));
    }
    return chain;
  }

  /** Claims a partition (a new, higher epoch) and opens its log, unless one is already open. */
  private CompletableFuture<Void> openPartition(TopicRecord topic, int partition) {
    PartitionId id = new PartitionId(topic.name(), partition);
    if (logs.containsKey(id)) {
      // already ours: claiming again would fence our own log
      return CompletableFuture.completedFuture(null);
    }
    return partitions
        .claim(id.topic(), id.partition(), brokerId)
        .thenAccept(
            claimed -> {
              PartitionLog log =
                  opener.open(
                      id,
                      claimed.leaderEpoch(),
                      TopicConfigs.logConfig(topic.configs()),
                      RecordMapping.toRecovered(claimed));
              logs.put(id, log);
              LOG.debug(
                  "partition opened topic={} partition={} epoch={}",
                  id.topic(),
                  id.partition(),
                  claimed.leaderEpoch());
            });
  }

  private CompletableFuture<Void> closeLogs(String topic, int count) {
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    for (Map.Entry<PartitionId, PartitionLog> e : List.copyOf(logs.entrySet())) {
      if (e.getKey().topic().equals(topic)) {
        PartitionLog log = e.getValue();
        logs.remove(e.getKey());
        // Flush first (asynchronously) so close() has nothing left to wait for.
        closing.add(log.flush().handle((v, err) -> null).thenRun(log::close));
      }
    }
    return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
  }

  private CompletableFuture<Void> deleteObjects(List<SegmentRecord> segments) {
    List<String> keys = new ArrayList<>();
    for (SegmentRecord s : segments) {
      keys.add(s.objectKey());
      if (s.indexKey() != null) {
        keys.add(s.indexKey());
      }
    }
    if (keys.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return objects
        .deleteAll(keys)
        .exceptionally(
            e -> {
              // Metadata is gone already: the topic is deleted; orphans are only wasted space.
              LOG.warn("segment objects not deleted count={} error={}", keys.size(), e.toString());
              return null;
            });
  }

  private synchronized <T> CompletableFuture<T> serially(Supplier<CompletableFuture<T>> op) {
    CompletableFuture<T> result = tail.thenCompose(v -> op.get());
    tail = result.handle((v, e) -> null);
    return result;
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Flushes and closes every open log. */
  @Override
  public void close() {
    closing = true;
    for (PartitionLog log : List.copyOf(logs.values())) {
      try {
        log.close();
      } catch (RuntimeException e) {
        LOG.warn(
            "partition log close failed topic={} partition={} error={}",
            log.id().topic(),
            log.id().partition(),
            e.toString());
      }
    }
    logs.clear();
  }
}
