/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.cluster;

import static io.kafscale.metadata.cluster.ClusterStoreWriter.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.AssignmentRecord;
import io.kafscale.metadata.model.ControllerRecord;
import io.kafscale.metadata.model.OwnerRecord;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.registry.store.StoreTopicRegistry;
import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The feed over the in-memory store (optionally behind an intercepting wrapper). */
class ClusterImageFeedTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Duration NO_RESYNC = Duration.ofHours(1);

  private final ManualClock clock = new ManualClock();
  private final InMemoryMetadataStore memory = new InMemoryMetadataStore(clock);
  private final InterceptingMetadataStore store = new InterceptingMetadataStore(memory);
  private final KeyLayout keys = KeyLayout.defaults();
  private final ClusterStoreWriter writer = new ClusterStoreWriter(memory, keys);
  private ClusterImageFeed feed;

  @AfterEach
  void tearDown() {
    if (feed != null) {
      feed.close();
    }
    memory.close();
  }

  private ClusterImage startFeed(Duration resyncInterval) {
    feed = new ClusterImageFeed(store, keys, resyncInterval);
    return join(feed.start());
  }

  private ClusterImage awaitImage(Predicate<ClusterImage> condition) {
    return join(feed.await(condition, WAIT));
  }

  @Test
  void shouldLoadEveryKindOfRecordPresentBeforeStart() {
    // Given
    writer.putBroker(1, 0);
    writer.putController(1);
    writer.putTopic("orders", 2);
    writer.putAssignment("orders", List.of(1, 1));
    long last = writer.putOwner("orders", 0, 1, 3, 0);
    // When
    ClusterImage image = startFeed(NO_RESYNC);
    // Then
    assertThat(image.revision()).isEqualTo(last);
    assertThat(image.broker(1)).contains(ClusterStoreWriter.broker(1));
    assertThat(image.controller()).contains(new ControllerRecord(1, "inc-1"));
    assertThat(image.topic("orders")).contains(ClusterStoreWriter.topic("orders", 2));
    assertThat(image.target("orders", 1)).isEqualTo(1);
    assertThat(image.owner("orders", 0)).contains(new OwnerRecord(1, 3, "inc-1"));
    assertThat(feed.current()).isSameAs(image);
  }

  @Test
  void shouldReflectPutsOfEveryKeyKindAfterStart() {
    // Given
    startFeed(NO_RESYNC);
    // When
    writer.putBroker(2, 0);
    writer.putController(2);
    writer.putTopic("logs", 1);
    writer.putAssignment("logs", List.of(2));
    long last = writer.putOwner("logs", 0, 2, 1, 0);
    // Then
    ClusterImage image = awaitImage(i -> i.revision() == last);
    assertThat(image.brokers()).containsOnlyKeys(2);
    assertThat(image.controller()).contains(new ControllerRecord(2, "inc-2"));
    assertThat(image.topics()).containsOnlyKeys("logs");
    assertThat(image.assignments()).containsEntry("logs", new AssignmentRecord(List.of(2)));
    assertThat(image.owners()).containsOnlyKeys(new PartitionRef("logs", 0));
  }

  @Test
  void shouldRemoveEveryKeyKindWhenDeleted() {
    // Given
    writer.putBroker(2, 0);
    writer.putController(2);
    writer.putTopic("logs", 1);
    writer.putAssignment("logs", List.of(2));
    writer.putOwner("logs", 0, 2, 1, 0);
    startFeed(NO_RESYNC);
    // When
    writer.delete(keys.broker(2));
    writer.delete(keys.controller());
    writer.delete(keys.topic("logs"));
    writer.delete(keys.assignment("logs"));
    long last = writer.delete(keys.owner("logs", 0));
    // Then
    ClusterImage image = awaitImage(i -> i.revision() == last);
    assertThat(image.sameContentAs(ClusterImage.empty())).isTrue();
  }

  @Test
  void shouldFollowClusterWideBrokerDefaultsAndTheirRemoval() {
    // Given
    startFeed(NO_RESYNC);
    StoreTopicRegistry topics = new StoreTopicRegistry(memory, keys, clock);
    // When
    join(topics.alterBrokerDefaults(old -> Map.of("log.retention.ms", "1000")));
    // Then
    assertThat(awaitImage(i -> !i.brokerDefaults().isEmpty()).brokerDefaults())
        .isEqualTo(Map.of("log.retention.ms", "1000"));
    // When
    join(topics.alterBrokerDefaults(old -> Map.of()));
    // Then
    assertThat(awaitImage(i -> i.brokerDefaults().isEmpty()).brokerDefaults()).isEmpty();
  }

  @Test
  void shouldUpdateAnOwnerWhenItsEpochChanges() {
    // Given
    writer.putOwner("t", 0, 1, 1, 0);
    startFeed(NO_RESYNC);
    // When
    writer.putOwner("t", 0, 2, 2, 0);
    // Then
    assertThat(awaitImage(i -> i.owner("t", 0).orElseThrow().leaderEpoch() == 2).owner("t", 0))
        .contains(new OwnerRecord(2, 2, "inc-2"));
  }

  @Test
  void shouldDropBrokerAndItsOwnershipsWhenTheLeaseExpires() {
    // Given
    long lease = writer.grantLease(Duration.ofSeconds(10));
    writer.putBroker(1, lease);
    writer.putOwner("t", 0, 1, 1, lease);
    writer.putBroker(2, 0);
    startFeed(NO_RESYNC);
    // When
    clock.advance(Duration.ofSeconds(11));
    memory.expireLeases();
    // Then
    // (one revision deletes both keys; each watched prefix may publish its own image)
    ClusterImage image = awaitImage(i -> !i.brokers().containsKey(1) && i.owners().isEmpty());
    assertThat(image.brokers()).containsOnlyKeys(2);
  }

  @Test
  void shouldDropBrokerAndItsOwnershipsWhenTheLeaseIsRevoked() {
    // Given
    long lease = writer.grantLease(Duration.ofSeconds(10));
    startFeed(NO_RESYNC);
    writer.putBroker(1, lease);
    writer.putOwner("t", 0, 1, 1, lease);
    awaitImage(i -> i.owner("t", 0).isPresent());
    // When
    join(memory.revokeLease(lease));
    // Then
    ClusterImage image = awaitImage(i -> i.brokers().isEmpty() && i.owners().isEmpty());
    assertThat(image.revision()).isEqualTo(join(memory.currentRevision()));
  }

  @Test
  void shouldCompleteAwaitAtOnceWhenTheCurrentImageMatches() {
    // Given
    writer.putBroker(1, 0);
    startFeed(NO_RESYNC);
    // When
    CompletableFuture<ClusterImage> result = feed.await(i -> i.broker(1).isPresent(), WAIT);
    // Then
    assertThat(join(result)).isSameAs(feed.current());
  }

  @Test
  void shouldCompleteAwaitWithTheFirstMatchingImage() {
    // Given
    startFeed(NO_RESYNC);
    CompletableFuture<ClusterImage> result = feed.await(i -> i.brokers().size() == 2, WAIT);
    // When
    writer.putBroker(1, 0);
    long second = writer.putBroker(2, 0);
    writer.putBroker(3, 0);
    // Then
    assertThat(join(result).revision()).isEqualTo(second);
  }

  @Test
  void shouldFailAwaitWithTimeoutExceptionWhenNoImageMatchesInTime() {
    // Given
    startFeed(NO_RESYNC);
    // When
    CompletableFuture<ClusterImage> result =
        feed.await(i -> i.broker(9).isPresent(), Duration.ofMillis(50));
    // Then
    assertThat(failureOf(result)).isInstanceOf(TimeoutException.class);
  }

  @Test
  void shouldDeliverEveryImageToListenersInRevisionOrderStartingWithTheCurrentOne() {
    // Given
    ClusterImage first = startFeed(NO_RESYNC);
    List<ClusterImage> seen = new CopyOnWriteArrayList<>();
    feed.subscribe(seen::add);
    // When
    long last = 0;
    for (int id = 0; id < 30; id++) {
      last = writer.putBroker(id, 0);
    }
    // Then
    long lastRevision = last;
    await().atMost(WAIT).until(() -> !seen.isEmpty() && seen.getLast().revision() == lastRevision);
    assertThat(seen.getFirst()).isSameAs(first);
    assertThat(seen).extracting(ClusterImage::revision).isSorted().doesNotHaveDuplicates();
    assertThat(seen).hasSize(31);
    assertThat(seen.getLast().brokers()).hasSize(30);
  }

  @Test
  void shouldStopCallingAListenerOnceItsHandleIsClosed() throws Exception {
    // Given
    startFeed(NO_RESYNC);
    List<ClusterImage> removed = new CopyOnWriteArrayList<>();
    List<ClusterImage> kept = new CopyOnWriteArrayList<>();
    AutoCloseable handle = feed.subscribe(removed::add);
    feed.subscribe(kept::add);
    await().atMost(WAIT).until(() -> removed.size() == 1);
    // When
    handle.close();
    long revision = writer.putBroker(1, 0);
    // Then
    await().atMost(WAIT).until(() -> kept.getLast().revision() == revision);
    assertThat(removed).hasSize(1);
  }

  @Test
  void shouldKeepFeedingOtherListenersWhenOneThrows() {
    // Given
    startFeed(NO_RESYNC);
    List<ClusterImage> seen = new CopyOnWriteArrayList<>();
    feed.subscribe(
        i -> {
          throw new IllegalStateException("test listener failure");
        });
    feed.subscribe(seen::add);
    // When
    long revision = writer.putBroker(1, 0);
    // Then
    await().atMost(WAIT).until(() -> seen.getLast().revision() == revision);
  }

  @Test
  void shouldRepairTheImageOnResyncWhenTheWatchMissedAChange() {
    // Given
    writer.putBroker(1, 0);
    startFeed(Duration.ofMillis(100));
    store.dropWatchEvents.set(true);
    // When
    writer.delete(keys.broker(1));
    writer.putBroker(2, 0);
    // Then: only a resync can have seen these changes
    ClusterImage image = awaitImage(i -> i.brokers().keySet().equals(Set.of(2)));
    assertThat(image.brokers()).containsOnlyKeys(2);
  }

  @Test
  void shouldNotPublishAnImageWhenAResyncFindsNothingNew() {
    // Given
    writer.putBroker(1, 0);
    startFeed(Duration.ofMillis(20));
    List<ClusterImage> seen = new CopyOnWriteArrayList<>();
    feed.subscribe(seen::add);
    // When
    await().atMost(WAIT).until(() -> store.revisionReads.get() >= 4);
    // Then
    assertThat(seen).hasSize(1);
  }

  @Test
  void shouldReloadAndWatchAgainWhenTheWatchRevisionWasCompacted() {
    // Given
    writer.putBroker(1, 0);
    store.compactedWatches.set(1);
    // When
    startFeed(NO_RESYNC);
    long revision = writer.putBroker(2, 0);
    // Then
    ClusterImage image = awaitImage(i -> i.revision() == revision);
    assertThat(image.brokers()).containsOnlyKeys(1, 2);
    assertThat(store.revisionReads.get()).isEqualTo(2);
    // The image may be published just before the reload re-opens the watches.
    await().atMost(WAIT).until(() -> store.watchesOpened.get() >= 6);
    assertThat(store.watchesOpened.get()).as("one watch per prefix after the reload").isEqualTo(6);
  }

  @Test
  void shouldSkipCorruptValuesAndKeepFollowingTheStore() {
    // Given
    byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff};
    writer.put(keys.broker(7), garbage, 0);
    writer.put(
        keys.brokersPrefix() + "not-a-number", ClusterStoreWriter.broker(1).host().getBytes(), 0);
    writer.putBroker(3, 0);
    startFeed(NO_RESYNC);
    // When
    writer.put(keys.broker(3), garbage, 0);
    writer.put(keys.owner("t", 0), garbage, 0);
    long revision = writer.putBroker(4, 0);
    // Then
    ClusterImage image = awaitImage(i -> i.revision() == revision);
    assertThat(image.brokers()).containsOnlyKeys(4);
    assertThat(image.owners()).isEmpty();
  }

  @Test
  void shouldFailPendingAwaitsAndLaterCallsWhenClosedAndTolerateASecondClose() {
    // Given
    startFeed(NO_RESYNC);
    CompletableFuture<ClusterImage> pending = feed.await(i -> i.broker(5).isPresent(), WAIT);
    // When
    feed.close();
    // Then
    assertThat(failureOf(pending)).isInstanceOf(IllegalStateException.class);
    assertThat(failureOf(feed.await(i -> true, WAIT))).isInstanceOf(IllegalStateException.class);
    assertThatCode(feed::close).doesNotThrowAnyException();
  }

  @Test
  void shouldFailStartWhenClosedBeforeStarting() {
    // Given
    feed = new ClusterImageFeed(store, keys, NO_RESYNC);
    // When
    feed.close();
    // Then
    assertThat(failureOf(feed.start())).isInstanceOf(IllegalStateException.class);
    assertThat(feed.current()).isEqualTo(ClusterImage.empty());
  }

  @Test
  void shouldFailStartWhenTheStoreCannotBeRead() {
    // Given
    memory.close();
    feed = new ClusterImageFeed(store, keys, NO_RESYNC);
    // When
    CompletableFuture<ClusterImage> start = feed.start();
    // Then
    assertThat(failureOf(start)).isNotNull();
  }

  private static Throwable failureOf(CompletableFuture<?> f) {
    try {
      f.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected the future to fail");
  }
}
