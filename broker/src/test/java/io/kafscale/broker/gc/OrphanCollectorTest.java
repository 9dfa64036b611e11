/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.ManualScheduler;
import io.kafscale.broker.metrics.BrokerMeters;
import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.StoreMetadata;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.registry.SegmentReferences;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import io.kafscale.metadata.testing.ForwardingMetadataStore;
import io.kafscale.storage.objectstore.ObjectInfo;
import io.kafscale.storage.objectstore.ObjectStore;
import io.kafscale.storage.objectstore.ObjectStoreException;
import io.kafscale.storage.objectstore.memory.FaultPolicy.Operation;
import io.kafscale.storage.objectstore.memory.InMemoryObjectStore;
import io.kafscale.storage.segment.SegmentKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link OrphanCollector} over the in-memory object and metadata stores with a manual clock. */
class OrphanCollectorTest {
  private static final Duration GRACE = Duration.ofHours(1);
  private static final String NS = "ns";

  private final ManualClock clock = new ManualClock();
  private final InMemoryObjectStore objects = new InMemoryObjectStore();
  private final InMemoryMetadataStore memory = new InMemoryMetadataStore(clock);
  private final AtomicLong listsBeforeReferenceRead = new AtomicLong(-1);
  private final ForwardingMetadataStore store =
      new ForwardingMetadataStore(memory) {
        @Override
        public CompletableFuture<List<KeyValue>> getPrefix(String prefix) {
          if (prefix.contains("/segments/")) {
            listsBeforeReferenceRead.set(objects.count(Operation.LIST));
          }
          return delegate.getPrefix(prefix);
        }
      };
  private final KeyLayout keys = KeyLayout.defaults();
  private final Metadata metadata = StoreMetadata.open(memory, keys, clock);
  private final AtomicBoolean controller = new AtomicBoolean(true);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final OrphanCollector collector =
      new OrphanCollector(
          objects,
          new SegmentReferences(store, keys),
          new OrphanCandidates(NS),
          new ClusterMarker(objects, NS, metadata.clusterId()),
          new OrphanGcConfig(Duration.ofMinutes(10), GRACE),
          controller::get,
          scheduler,
          clock,
          meters);
  private int epoch;

  @BeforeEach
  void createTopic() throws Exception {
    join(metadata.topics().create("orders", 1, Map.of()));
    long lease = join(memory.grantLease(Duration.ofMinutes(5)));
    epoch =
        join(metadata.partitions().claim("orders", 0, new BrokerSession(1, "inc", lease)))
            .leaderEpoch();
  }

  @AfterEach
  void close() {
    collector.close();
    metadata.close();
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private String upload(long base, String suffix) {
    String key = SegmentKeys.segmentKey(NS, "orders", 0, base, epoch, suffix);
    join(objects.put(key, ByteBuffer.wrap(new byte[100])));
    join(objects.put(SegmentKeys.indexKeyFor(key), ByteBuffer.wrap(new byte[10])));
    return key;
  }

  private void commit(String key, long base) {
    SegmentRecord ref =
        SegmentRecord.flushed(
            key, SegmentKeys.indexKeyFor(key), 0, 100, base, base + 9, 0, epoch, 0, 0);
    join(metadata.partitions().commitSegment("orders", 0, epoch, ref, List.of()));
  }

  private boolean exists(String key) {
    return join(objects.list(key)).stream().anyMatch(o -> o.key().equals(key));
  }

  @Test
  void shouldDeleteOrphansOnlyAfterTheGracePeriodAndKeepReferencedAndForeignObjects() {
    // Given a committed segment, a failed flush's objects and a foreign file
    String committed = upload(0, "a");
    commit(committed, 0);
    String orphan = upload(10, "b");
    join(objects.put(NS + "/orders/0/README", ByteBuffer.wrap(new byte[1])));

    // When the first pass sees the orphan
    OrphanCollector.Pass first = join(collector.runOnce());
    // Then nothing is deleted yet
    assertThat(first.candidates()).isEqualTo(4);
    assertThat(first.unreferenced()).isEqualTo(2);
    assertThat(first.deleted()).isZero();
    assertThat(exists(orphan)).isTrue();
    assertThat(meters.get(BrokerMeters.ORPHAN_GC_PENDING.meterName()).gauge().value()).isEqualTo(2);

    // When a pass runs a grace period later
    clock.advance(GRACE);
    OrphanCollector.Pass second = join(collector.runOnce());

    // Then the orphan and its index are gone, the rest stays
    assertThat(second.deleted()).isEqualTo(2);
    assertThat(second.bytes()).isEqualTo(110);
    assertThat(exists(orphan)).isFalse();
    assertThat(exists(SegmentKeys.indexKeyFor(orphan))).isFalse();
    assertThat(exists(committed)).isTrue();
    assertThat(exists(SegmentKeys.indexKeyFor(committed))).isTrue();
    assertThat(exists(NS + "/orders/0/README")).isTrue();
    assertThat(meters.counter(BrokerMeters.ORPHAN_GC_OBJECTS_DELETED.meterName()).count())
        .isEqualTo(2);
  }

  @Test
  void shouldKeepAnObjectWhoseCommitLandedAfterTheFirstPass() {
    // Given an upload whose commit has not landed yet
    String inFlight = upload(0, "a");
    join(collector.runOnce());

    // When the commit lands before the next pass
    commit(inFlight, 0);
    clock.advance(GRACE);
    OrphanCollector.Pass pass = join(collector.runOnce());

    // Then
    assertThat(pass.unreferenced()).isZero();
    assertThat(exists(inFlight)).isTrue();
  }

  @Test
  void shouldReadReferencesOnlyAfterListingObjects() {
    // Given
    upload(0, "a");

    // When
    join(collector.runOnce());

    // Then a commit landing between the two reads is seen as a reference
    assertThat(listsBeforeReferenceRead.get()).isEqualTo(1);
  }

  @Test
  void shouldDoNothingOnABrokerThatIsNotTheController() {
    // Given
    String orphan = upload(0, "a");
    join(collector.runOnce());
    controller.set(false);

    long listsBefore = objects.count(Operation.LIST);

    // When
    clock.advance(GRACE);
    OrphanCollector.Pass pass = join(collector.runOnce());

    // Then
    assertThat(pass.ran()).isFalse();
    assertThat(objects.count(Operation.LIST)).isEqualTo(listsBefore);
    assertThat(exists(orphan)).isTrue();
  }

  @Test
  void shouldStartOverWhenItBecomesTheControllerAgain() {
    // Given a committed segment (a pass seeing no reference at all deletes nothing)
    commit(upload(0, "kept"), 0);
    String orphan = upload(0, "a");
    join(collector.runOnce());
    controller.set(false);
    join(collector.runOnce());
    controller.set(true);

    // When
    clock.advance(GRACE);
    join(collector.runOnce());

    // Then the earlier sighting was forgotten: deletion is only delayed
    assertThat(exists(orphan)).isTrue();
    clock.advance(GRACE);
    join(collector.runOnce());
    assertThat(exists(orphan)).isFalse();
  }

  @Test
  void shouldDeleteNothingWhenListingFails() {
    // Given
    String orphan = upload(0, "a");
    join(collector.runOnce());
    clock.advance(GRACE);
    objects.failNext(Operation.LIST, 1, () -> new ObjectStoreException("down"));

    // When
    CompletableFuture<OrphanCollector.Pass> pass = collector.runOnce();

    // Then
    assertThat(pass).failsWithin(Duration.ofSeconds(5));
    assertThat(exists(orphan)).isTrue();
    assertThat(
            meters.counter(BrokerMeters.ORPHAN_GC_PASSES.meterName(), "result", "failed").count())
        .isEqualTo(1);
  }

  @Test
  void shouldRetryAFailedDeletionAtTheNextPass() {
    // Given a committed segment (a pass seeing no reference at all deletes nothing)
    commit(upload(0, "kept"), 0);
    String orphan = upload(0, "a");
    join(collector.runOnce());
    clock.advance(GRACE);
    objects.failNext(Operation.DELETE_ALL, 1, () -> new ObjectStoreException("throttled"));

    // When
    OrphanCollector.Pass failed = join(collector.runOnce());
    OrphanCollector.Pass retried = join(collector.runOnce());

    // Then
    assertThat(failed.deleted()).isZero();
    assertThat(retried.deleted()).isEqualTo(2);
    assertThat(exists(orphan)).isFalse();
  }

  @Test
  void shouldRunPassesOnTheSchedule() {
    // Given a committed segment (a pass seeing no reference at all deletes nothing)
    commit(upload(0, "kept"), 0);
    String orphan = upload(0, "a");
    collector.start();

    // When
    scheduler.advance(Duration.ofMinutes(10));
    scheduler.advance(GRACE);
    scheduler.advance(Duration.ofMinutes(10));

    // Then
    assertThat(exists(orphan)).isFalse();
  }

  @Test
  void shouldCreateTheClusterMarkerAndRefuseAPassWhenItNamesAnotherCluster() {
    // Given an orphan past its grace
    String orphan = upload(0, "a");
    join(collector.runOnce());
    String marker = NS + "/" + ClusterMarker.NAME;
    assertThat(new String(join(objects.get(marker)).array(), StandardCharsets.UTF_8))
        .isEqualTo(metadata.clusterId());
    clock.advance(GRACE);

    // When another cluster (or a wiped metadata store) owns the namespace
    join(objects.put(marker, ByteBuffer.wrap("other-cluster".getBytes(StandardCharsets.UTF_8))));
    OrphanCollector.Pass pass = join(collector.runOnce());

    // Then nothing is deleted and the refusal is counted
    assertThat(pass.refused()).isTrue();
    assertThat(exists(orphan)).isTrue();
    assertThat(
            meters.counter(BrokerMeters.ORPHAN_GC_PASSES.meterName(), "result", "refused").count())
        .isEqualTo(1);
  }

  @Test
  void shouldRefuseAPassThatSeesNoReferenceWhileTopicsExist() {
    // Given objects of a topic whose references are missing from the metadata (wrong root)
    String orphan = upload(0, "a");
    join(collector.runOnce());
    clock.advance(GRACE);

    // When
    OrphanCollector.Pass pass = join(collector.runOnce());

    // Then
    assertThat(pass.refused()).isTrue();
    assertThat(pass.deleted()).isZero();
    assertThat(exists(orphan)).isTrue();
  }

  @Test
  void shouldCollectWithoutAnyReferenceWhenTheMetadataHoldsNoTopic() {
    // Given a deleted topic's leftovers in two partitions, and no topic left
    String left0 = upload(0, "a");
    String left1 = SegmentKeys.segmentKey(NS, "orders", 3, 0, epoch, "b");
    join(objects.put(left1, ByteBuffer.wrap(new byte[5])));
    join(metadata.topics().delete("orders"));
    join(collector.runOnce());
    clock.advance(GRACE);

    // When
    OrphanCollector.Pass pass = join(collector.runOnce());

    // Then every partition of the deleted topic was found and collected
    assertThat(pass.refused()).isFalse();
    assertThat(pass.deleted()).isEqualTo(3);
    assertThat(exists(left0)).isFalse();
    assertThat(exists(left1)).isFalse();
  }

  @Test
  void shouldCollectPartitionsBeyondTheCountOfARecreatedTopicAndKeepOtherTopicsApart() {
    // Given orders re-created with one partition while partition 1 of the old one is left over
    String leftover = SegmentKeys.segmentKey(NS, "orders", 1, 0, epoch, "old");
    join(objects.put(leftover, ByteBuffer.wrap(new byte[5])));
    join(metadata.topics().delete("orders"));
    join(metadata.topics().create("orders", 1, Map.of()));
    long lease = join(memory.grantLease(Duration.ofMinutes(5)));
    epoch =
        join(metadata.partitions().claim("orders", 0, new BrokerSession(1, "inc", lease)))
            .leaderEpoch();
    String committed = upload(0, "new");
    commit(committed, 0);
    // And an object of a topic the metadata never knew (another tool's data)
    String unknown = SegmentKeys.segmentKey(NS, "never", 0, 0, 1, "x");
    join(objects.put(unknown, ByteBuffer.wrap(new byte[5])));
    join(collector.runOnce());
    clock.advance(GRACE);

    // When
    OrphanCollector.Pass pass = join(collector.runOnce());

    // Then
    assertThat(pass.deleted()).isEqualTo(1);
    assertThat(exists(leftover)).isFalse();
    assertThat(exists(committed)).isTrue();
    assertThat(exists(unknown)).isTrue();
  }

  @Test
  void shouldTakeTheFirstSightingWhenTheListingCompletesNotWhenThePassStarts() {
    // Given a first pass whose listing takes 30 minutes (the orphan may be uploaded meanwhile)
    OrphanCollector slow =
        new OrphanCollector(
            new SlowListing(),
            new SegmentReferences(store, keys),
            new OrphanCandidates(NS),
            new ClusterMarker(objects, NS, metadata.clusterId()),
            new OrphanGcConfig(Duration.ofMinutes(10), GRACE),
            controller::get,
            scheduler,
            clock,
            new SimpleMeterRegistry());
    String committed = upload(0, "a");
    commit(committed, 0);
    String orphan = upload(10, "b");
    listingTime = Duration.ofMinutes(30);
    join(slow.runOnce());
    listingTime = Duration.ZERO;

    // When the next pass starts a grace period after the first one started
    clock.advance(GRACE.minus(Duration.ofMinutes(30)));
    join(slow.runOnce());

    // Then the orphan is kept: it was seen unreferenced for only 30 minutes
    assertThat(exists(orphan)).isTrue();
    clock.advance(Duration.ofMinutes(30));
    join(slow.runOnce());
    assertThat(exists(orphan)).isFalse();
    slow.close();
  }

  private volatile Duration listingTime = Duration.ZERO;

  /** The test's object store, whose listings advance the clock by {@link #listingTime}. */
  private final class SlowListing implements ObjectStore {
    @Override
    public CompletableFuture<Void> put(String key, ByteBuffer data) {
      return objects.put(key, data);
    }

    @Override
    public CompletableFuture<Void> create(String key, ByteBuffer data) {
      return objects.create(key, data);
    }

    @Override
    public boolean supportsConditionalCreate() {
      return objects.supportsConditionalCreate();
    }

    @Override
    public CompletableFuture<ByteBuffer> get(String key) {
      return objects.get(key);
    }

    @Override
    public CompletableFuture<ByteBuffer> getRange(String key, long offset, int length) {
      return objects.getRange(key, offset, length);
    }

    @Override
    public CompletableFuture<List<ObjectInfo>> list(String prefix) {
      return objects
          .list(prefix)
          .thenApply(
              l -> {
                clock.advance(listingTime);
                return l;
              });
    }

    @Override
    public CompletableFuture<Void> delete(String key) {
      return objects.delete(key);
    }

    @Override
    public CompletableFuture<Void> deleteAll(Collection<String> keys) {
      return objects.deleteAll(keys);
    }

    @Override
    public void close() {}
  }
}
