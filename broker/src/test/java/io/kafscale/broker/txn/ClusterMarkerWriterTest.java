/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.ManualScheduler;
import io.kafscale.broker.interbroker.InterBrokerClient;
import io.kafscale.metadata.cluster.ClusterImage;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.model.OwnerRecord;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.metadata.store.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData.WritableTxnMarkerPartitionResult;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData.WritableTxnMarkerResult;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData.WritableTxnMarkerTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class ClusterMarkerWriterTest {
  private static final Duration BACKOFF = Duration.ofMillis(100);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final ManualClock clock = new ManualClock();
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final AtomicReference<ClusterImage> image = new AtomicReference<>();
  private final List<String> localCalls = new CopyOnWriteArrayList<>();
  private final List<String> remoteCalls = new CopyOnWriteArrayList<>();
  private Function<PartitionRef, Errors> localOutcome = p -> Errors.NONE;
  private Function<PartitionRef, Errors> remoteOutcome = p -> Errors.NONE;
  private boolean remoteReachable = true;

  private final InterBrokerClient client =
      (broker, apiKey, version, request) -> {
        assertThat(apiKey).isEqualTo(ApiKeys.WRITE_TXN_MARKERS);
        assertThat(version).isEqualTo(InterBrokerClient.versionOf(ApiKeys.WRITE_TXN_MARKERS));
        WriteTxnMarkersRequestData r = (WriteTxnMarkersRequestData) request;
        remoteCalls.add(broker.brokerId() + ":" + partitions(r));
        return remoteReachable
            ? CompletableFuture.completedFuture(answer(r, remoteOutcome))
            : CompletableFuture.failedFuture(new NetworkException("connection lost"));
      };

  private final ClusterMarkerWriter writer =
      new ClusterMarkerWriter(
          1,
          image::get,
          r -> {
            localCalls.add(partitions(r).toString());
            return CompletableFuture.completedFuture(answer(r, localOutcome));
          },
          client,
          scheduler,
          clock,
          BACKOFF,
          TIMEOUT);

  private static BrokerRecord broker(int id) {
    return new BrokerRecord(id, "127.0.0.1", 9000 + id, Optional.empty(), 0, false, "inc-" + id);
  }

  /** Brokers 1-3 live; topic "t" with owners[i] owning partition i. */
  private static ClusterImage imageWithOwners(int... owners) {
    Map<PartitionRef, OwnerRecord> byPartition = new HashMap<>();
    for (int p = 0; p < owners.length; p++) {
      byPartition.put(new PartitionRef("t", p), new OwnerRecord(owners[p], 1, "inc-" + owners[p]));
    }
    return new ClusterImage(
        1,
        Map.of(1, broker(1), 2, broker(2), 3, broker(3)),
        Optional.empty(),
        Map.of("t", new TopicRecord("t", UUID.randomUUID(), owners.length, Map.of(), 0)),
        Map.of(),
        byPartition);
  }

  private static List<PartitionRef> partitions(WriteTxnMarkersRequestData request) {
    List<PartitionRef> out = new ArrayList<>();
    request
        .markers()
        .forEach(
            m ->
                m.topics()
                    .forEach(
                        t ->
                            t.partitionIndexes()
                                .forEach(p -> out.add(new PartitionRef(t.name(), p)))));
    return out;
  }

  private static WriteTxnMarkersResponseData answer(
      WriteTxnMarkersRequestData request, Function<PartitionRef, Errors> outcome) {
    WriteTxnMarkersResponseData response = new WriteTxnMarkersResponseData();
    request
        .markers()
        .forEach(
            m -> {
              WritableTxnMarkerResult result =
                  new WritableTxnMarkerResult().setProducerId(m.producerId());
              m.topics()
                  .forEach(
                      t -> {
                        WritableTxnMarkerTopicResult topic =
                            new WritableTxnMarkerTopicResult().setName(t.name());
                        t.partitionIndexes()
                            .forEach(
                                p ->
                                    topic
                                        .partitions()
                                        .add(
                                            new WritableTxnMarkerPartitionResult()
                                                .setPartitionIndex(p)
                                                .setErrorCode(
                                                    outcome
                                                        .apply(new PartitionRef(t.name(), p))
                                                        .code())));
                        result.topics().add(topic);
                      });
              response.markers().add(result);
            });
    return response;
  }

  private CompletableFuture<Void> write(int... partitions) {
    List<PartitionRef> refs = new ArrayList<>();
    for (int p : partitions) {
      refs.add(new PartitionRef("t", p));
    }
    return writer.writeMarkers(7, (short) 2, true, 3, refs);
  }

  @Test
  void shouldWriteOwnPartitionsLocallyAndSendTheOthersToTheirOwners() {
    // Given
    image.set(imageWithOwners(1, 2, 3, 2));
    // When
    CompletableFuture<Void> done = write(0, 1, 2, 3);
    // Then
    assertThat(done).isCompleted();
    assertThat(localCalls).containsExactly("[t-0]");
    assertThat(remoteCalls).containsExactlyInAnyOrder("2:[t-1, t-3]", "3:[t-2]");
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void shouldRetryPartitionsWhoseOwnerMovedAtTheirNewOwnerAfterTheBackoff() {
    // Given: broker 2 answers NOT_LEADER_OR_FOLLOWER: partition 1 moved to broker 3
    image.set(imageWithOwners(1, 2));
    remoteOutcome = p -> remoteCalls.size() == 1 ? Errors.NOT_LEADER_OR_FOLLOWER : Errors.NONE;
    CompletableFuture<Void> done = write(0, 1);
    assertThat(done).isNotDone();
    image.set(imageWithOwners(1, 3));
    // When
    scheduler.advance(BACKOFF);
    // Then: only the failed partition is retried, at its new owner
    assertThat(done).isCompleted();
    assertThat(remoteCalls).containsExactly("2:[t-1]", "3:[t-1]");
    assertThat(localCalls).containsExactly("[t-0]");
  }

  @Test
  void shouldRetryAfterAConnectionFailureAndWhileAPartitionHasNoOwner() {
    // Given
    remoteReachable = false;
    ClusterImage noOwnerFor1 = imageWithOwners(2, 2);
    Map<PartitionRef, OwnerRecord> owners = new HashMap<>(noOwnerFor1.owners());
    owners.remove(new PartitionRef("t", 1));
    image.set(
        new ClusterImage(
            2, noOwnerFor1.brokers(), Optional.empty(), noOwnerFor1.topics(), Map.of(), owners));
    CompletableFuture<Void> done = write(0, 1);
    // When
    scheduler.advance(BACKOFF);
    assertThat(done).isNotDone();
    remoteReachable = true;
    image.set(imageWithOwners(2, 1));
    scheduler.advance(BACKOFF);
    // Then
    assertThat(done).isCompleted();
    assertThat(remoteCalls).containsExactly("2:[t-0]", "2:[t-0]", "2:[t-0]");
    assertThat(localCalls).containsExactly("[t-1]");
  }

  @Test
  void shouldFailWithoutRetryingWhenAPartitionFencesTheProducerEpoch() {
    // Given
    image.set(imageWithOwners(1, 2));
    remoteOutcome = p -> Errors.INVALID_PRODUCER_EPOCH;
    // When
    CompletableFuture<Void> done = write(0, 1);
    // Then
    assertThat(done).isCompletedExceptionally();
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void shouldGiveUpAfterTheRetryTimeoutSoTheCoordinatorCanRetryTheWholeCall() {
    // Given
    image.set(imageWithOwners(2));
    remoteOutcome = p -> Errors.KAFKA_STORAGE_ERROR;
    CompletableFuture<Void> done = write(0);
    // When
    for (int i = 0; i < 60 && !done.isDone(); i++) {
      scheduler.advance(BACKOFF);
    }
    // Then
    assertThat(done)
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withMessageContaining("KAFKA_STORAGE_ERROR");
  }

  @Test
  void shouldSkipPartitionsOfDeletedTopics() {
    // Given: topic "gone" is not in the image
    image.set(imageWithOwners(1));
    // When
    CompletableFuture<Void> done =
        writer.writeMarkers(
            7, (short) 2, false, 3, List.of(new PartitionRef("t", 0), new PartitionRef("gone", 0)));
    // Then
    assertThat(done).isCompleted();
    assertThat(localCalls).containsExactly("[t-0]");
  }

  @Test
  void shouldStopRetryingWhenCancelledOrClosed() {
    // Given
    image.set(imageWithOwners(2));
    remoteOutcome = p -> Errors.NOT_LEADER_OR_FOLLOWER;
    CompletableFuture<Void> cancelled = write(0);
    CompletableFuture<Void> pending = write(0);
    // When
    cancelled.cancel(false);
    writer.close();
    scheduler.advance(BACKOFF);
    // Then
    assertThat(pending).isCompletedExceptionally();
    assertThat(remoteCalls).hasSize(2);
    assertThat(write(0)).isCompletedExceptionally();
  }
}
