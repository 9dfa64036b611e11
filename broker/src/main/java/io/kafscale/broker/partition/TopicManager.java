/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import io.kafscale.metadata.cluster.ClusterImage;
import io.kafscale.metadata.cluster.ClusterImageFeed;
import io.kafscale.metadata.config.BrokerDefaults;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.metadata.registry.TopicExistsException;
import io.kafscale.metadata.registry.TopicRegistry;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.objectstore.ObjectStore;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topics as the API handlers see them: lookups from the cluster image, the open logs of the
 * partitions this broker owns (through {@link PartitionOwnership}), and topic changes (create,
 * auto-create, delete, add partitions) made by compare-and-set in the metadata store from any
 * broker. Changes complete once the local image shows them and, for new partitions, once every
 * partition has a live owner (or {@code leaderWait} passed: clients then see LEADER_NOT_AVAILABLE
 * for a moment and retry). Thread-safe; never blocks.
 */
public final class TopicManager {
  private static final Logger LOG = LoggerFactory.getLogger(TopicManager.class);

  private final TopicRegistry topics;
  private final ClusterImageFeed feed;
  private final PartitionOwnership ownership;
  private final ObjectStore objects;
  private final Duration leaderWait;
  private final IntSupplier selfId;
  private volatile ImageCache cache = new ImageCache(null, TopicImage.empty());

  private record ImageCache(ClusterImage source, TopicImage topics) {}

  public TopicManager(
      TopicRegistry topics,
      ClusterImageFeed feed,
      PartitionOwnership ownership,
      ObjectStore objects,
      Duration leaderWait,
      IntSupplier selfId) {
    this.topics = topics;
    this.selfId = selfId;
    this.feed = feed;
    this.ownership = ownership;
    this.objects = objects;
    this.leaderWait = leaderWait;
  }

  /** The topics of the latest cluster image, indexed by name and id. */
  public TopicImage image() {
    ClusterImage current = feed.current();
    ImageCache c = cache;
    if (c.source() != current) {
      c = new ImageCache(current, TopicImage.of(current.topics().values()));
      cache = c;
    }
    return c.topics();
  }

  public Optional<TopicRecord> topic(String name) {
    return image().topic(name);
  }

  public Optional<TopicRecord> topic(UUID id) {
    return image().topic(id);
  }

  /**
   * The configs in force for {@code topic} that differ from Kafka's defaults, by topic config name
   * (read them with {@link io.kafscale.metadata.config.TopicConfigCatalogue#effective}): the
   * topic's own overrides over cluster-wide dynamic defaults.
   */
  public Map<String, String> configOverrides(TopicRecord topic) {
    return BrokerDefaults.merge(topic.configs(), brokerDefaults());
  }

  /** The cluster-wide dynamic broker configs of the latest image, by broker config name. */
  public Map<String, String> brokerDefaults() {
    return feed.current().brokerDefaults();
  }

  /**
   * Replaces a topic's stored configs with {@code change} applied to them, by compare-and-set
   * (retried on conflict, so {@code change} must be pure; what it throws fails the result).
   * Completes once the local image shows the change (or {@code leaderWait} passed), so a describe
   * on this broker right after sees it. Fails with {@code UnknownTopicException}.
   */
  public CompletableFuture<TopicRecord> alterConfigs(
      String name, UnaryOperator<Map<String, String>> change) {
    return topics
        .alterConfigs(name, change)
        .thenCompose(
            t ->
                feed.await(
                        img ->
                            img.topic(name)
                                .map(
                                    now ->
                                        !now.topicId().equals(t.topicId())
                                            || now.configs().equals(t.configs()))
                                .orElse(true),
                        leaderWait)
                    .handle((img, e) -> t));
  }

  /**
   * Replaces the cluster-wide dynamic broker configs with {@code change} applied to them, as {@link
   * #alterConfigs} does for a topic; completes with the stored configs once the local image shows
   * them (or {@code leaderWait} passed).
   */
  public CompletableFuture<Map<String, String>> alterBrokerDefaults(
      UnaryOperator<Map<String, String>> change) {
    return topics
        .alterBrokerDefaults(change)
        .thenCompose(
            stored ->
                feed.await(img -> img.brokerDefaults().equals(stored), leaderWait)
                    .handle((img, e) -> stored));
  }

  /** The object store holding the topics' segments (retention and DeleteRecords delete from it). */
  public ObjectStore objects() {
    return objects;
  }

  /** The open log of a partition this broker owns (see {@link PartitionOwnership#log}). */
  public Optional<PartitionLog> log(String topic, int partition) {
    return ownership.log(topic, partition);
  }

  /** Creates a topic. Fails with {@link TopicExistsException}. */
  public CompletableFuture<TopicRecord> create(
      String name, int partitionCount, Map<String, String> configs) {
    return topics.create(name, partitionCount, configs).thenCompose(this::awaitLeaders);
  }

  /**
   * Returns the topic, creating it with {@code partitionCount} partitions and default configs when
   * it does not exist; a topic created concurrently elsewhere is reused.
   */
  public CompletableFuture<TopicRecord> createIfAbsent(String name, int partitionCount) {
    Optional<TopicRecord> known = topic(name);
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
        .thenCompose(this::awaitLeaders);
  }

  /**
   * Deletes a topic's metadata (its owners drop their logs when their images show it gone) and
   * completes once the local image shows it gone; the objects of its segments are deleted in the
   * background ({@link TopicObjectDeleter}; what fails is left to object garbage collection). Fails
   * with {@code UnknownTopicException}.
   */
  public CompletableFuture<TopicRecord> delete(String name) {
    Optional<TopicRecord> known = topic(name);
    return topics
        .delete(name)
        .thenAccept(segments -> TopicObjectDeleter.deleteInBackground(objects, name, segments))
        .thenCompose(
            v ->
                feed.await(img -> img.topic(name).isEmpty(), leaderWait)
                    .handle((img, e) -> known.orElse(null)));
  }

  /** Raises the partition count; completes when the new partitions have owners. */
  public CompletableFuture<TopicRecord> addPartitions(String name, int newCount) {
    return topics.addPartitions(name, newCount).thenCompose(this::awaitLeaders);
  }

  private CompletableFuture<TopicRecord> awaitLeaders(TopicRecord topic) {
    return feed.await(img -> hasLeaders(img, topic), leaderWait)
        .thenCompose(img -> ownership.awaitOpen(ownedHere(img, topic), leaderWait))
        .handle(
            (v, e) -> {
              if (e != null) {
                LOG.info(
                    "topic {} has partitions without owners after {} ms; clients will retry",
                    topic.name(),
                    leaderWait.toMillis());
              }
              return topic;
            });
  }

  /** The topic's partitions the image shows owned by this broker. */
  private Set<PartitionRef> ownedHere(ClusterImage image, TopicRecord topic) {
    Set<PartitionRef> mine = new HashSet<>();
    for (int p = 0; p < topic.partitionCount(); p++) {
      int partition = p;
      image
          .owner(topic.name(), p)
          .filter(o -> o.brokerId() == selfId.getAsInt())
          .ifPresent(o -> mine.add(new PartitionRef(topic.name(), partition)));
    }
    return mine;
  }

  /**
   * Whether {@code image} shows {@code topic} (this id, at least its partition count) all owned.
   */
  static boolean hasLeaders(ClusterImage image, TopicRecord topic) {
    Optional<TopicRecord> seen = image.topic(topic.name());
    // An image from before CreatePartitions shows the topic with its old count, all owned.
    if (seen.isEmpty()
        || !seen.get().topicId().equals(topic.topicId())
        || seen.get().partitionCount() < topic.partitionCount()) {
      return false;
    }
    for (int p = 0; p < topic.partitionCount(); p++) {
      if (image.owner(topic.name(), p).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
