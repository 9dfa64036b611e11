/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import io.kafscale.broker.interbroker.InterBrokerClient;
import io.kafscale.broker.partition.Scheduler;
import io.kafscale.metadata.cluster.ClusterImage;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.model.OwnerRecord;
import io.kafscale.metadata.model.PartitionRef;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData.WritableTxnMarker;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData.WritableTxnMarkerTopic;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MarkerWriter} of a cluster: groups a transaction's partitions by their current owner
 * in the cluster image, writes this broker's own through {@code local} (the WriteTxnMarkers
 * handler's path) and sends one WriteTxnMarkers request to each other owner through the {@link
 * InterBrokerClient}. Partitions that failed with a retriable error (owner moved or not yet known,
 * not leader, connection lost, timeout, coordinator not available) are retried after {@code
 * retryBackoff}, re-routed from the then-current image; a partition whose topic no longer exists
 * needs no marker. The future completes when every partition holds the marker, and fails on a
 * non-retriable partition error (e.g. INVALID_PRODUCER_EPOCH: the coordinator was fenced), once
 * {@code retryTimeout} passed without success (the coordinator then retries the whole call, if it
 * still owns the transaction), or on {@link #close()}. Cancelling the future stops the retries.
 * Thread-safe.
 */
public final class ClusterMarkerWriter implements MarkerWriter, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterMarkerWriter.class);

  private final int selfId;
  private final Supplier<ClusterImage> images;
  private final Function<WriteTxnMarkersRequestData, CompletableFuture<WriteTxnMarkersResponseData>>
      local;
  private final InterBrokerClient client;
  private final Scheduler scheduler;
  private final Clock clock;
  private final Duration retryBackoff;
  private final Duration retryTimeout;
  private final Set<Attempt> active = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public ClusterMarkerWriter(
      int selfId,
      Supplier<ClusterImage> images,
      Function<WriteTxnMarkersRequestData, CompletableFuture<WriteTxnMarkersResponseData>> local,
      InterBrokerClient client,
      Scheduler scheduler,
      Clock clock,
      Duration retryBackoff,
      Duration retryTimeout) {
    this.selfId = selfId;
    this.images = images;
    this.local = local;
    this.client = client;
    this.scheduler = scheduler;
    this.clock = clock;
    this.retryBackoff = retryBackoff;
    this.retryTimeout = retryTimeout;
  }

  @Override
  public CompletableFuture<Void> writeMarkers(
      long producerId,
      short producerEpoch,
      boolean commit,
      int coordinatorEpoch,
      Collection<PartitionRef> partitions) {
    Attempt attempt =
        new Attempt(
            new WritableTxnMarker()
                .setProducerId(producerId)
                .setProducerEpoch(producerEpoch)
                .setTransactionResult(commit)
                .setCoordinatorEpoch(coordinatorEpoch),
            new TreeSet<>(partitions),
            clock.millis() + retryTimeout.toMillis());
    if (closed) {
      attempt.result.completeExceptionally(new IllegalStateException("marker writer closed"));
      return attempt.result;
    }
    active.add(attempt);
    attempt.result.whenComplete((v, e) -> active.remove(attempt));
    round(attempt);
    return attempt.result;
  }

  /** One pass over the partitions still missing the marker. */
  private void round(Attempt attempt) {
    if (attempt.result.isDone()) {
      return;
    }
    if (closed) {
      attempt.result.completeExceptionally(new IllegalStateException("marker writer closed"));
      return;
    }
    ClusterImage image = images.get();
    Map<Integer, List<PartitionRef>> byOwner = new TreeMap<>();
    for (PartitionRef p : attempt.remaining()) {
      if (image.topic(p.topic()).isEmpty()) {
        attempt.done(p); // Deleted topics need no marker (Kafka drops them too).
        continue;
      }
      Optional<BrokerRecord> owner =
          image.owner(p.topic(), p.partition()).map(OwnerRecord::brokerId).flatMap(image::broker);
      if (owner.isPresent()) {
        byOwner.computeIfAbsent(owner.get().brokerId(), id -> new ArrayList<>()).add(p);
      } else {
        attempt.lastError = "no live owner for " + p;
      }
    }
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    byOwner.forEach(
        (brokerId, owned) -> sends.add(send(attempt, image.broker(brokerId).orElseThrow(), owned)));
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
        .whenComplete((v, e) -> afterRound(attempt));
  }

  private CompletableFuture<Void> send(
      Attempt attempt, BrokerRecord owner, List<PartitionRef> owned) {
    WriteTxnMarkersRequestData request = attempt.request(owned);
    CompletableFuture<WriteTxnMarkersResponseData> response;
    try {
      response =
          owner.brokerId() == selfId
              ? local.apply(request)
              : client
                  .send(
                      owner,
                      ApiKeys.WRITE_TXN_MARKERS,
                      InterBrokerClient.versionOf(ApiKeys.WRITE_TXN_MARKERS),
                      request)
                  .thenApply(WriteTxnMarkersResponseData.class::cast);
    } catch (RuntimeException e) {
      response = CompletableFuture.failedFuture(e);
    }
    return response.handle(
        (r, e) -> {
          if (e != null) {
            // Transport failures (connection, timeout) leave the partitions for the next round.
            attempt.lastError = "broker " + owner.brokerId() + ": " + e;
          } else {
            apply(attempt, r);
          }
          return null;
        });
  }

  private void apply(Attempt attempt, WriteTxnMarkersResponseData response) {
    for (var marker : response.markers()) {
      for (var topic : marker.topics()) {
        for (var partition : topic.partitions()) {
          PartitionRef p = new PartitionRef(topic.name(), partition.partitionIndex());
          Errors error = Errors.forCode(partition.errorCode());
          if (error == Errors.NONE) {
            attempt.done(p);
          } else if (error.exception() instanceof RetriableException) {
            attempt.lastError = p + ": " + error.name();
          } else {
            attempt.result.completeExceptionally(
                error.exception("transaction marker for " + p + " failed: " + error.name()));
          }
        }
      }
    }
  }

  private void afterRound(Attempt attempt) {
    if (attempt.result.isDone()) {
      return;
    }
    if (attempt.remaining().isEmpty()) {
      attempt.result.complete(null);
      return;
    }
    if (clock.millis() >= attempt.deadlineMs) {
      attempt.result.completeExceptionally(
          new TimeoutException(
              "transaction markers not written to "
                  + attempt.remaining()
                  + " within "
                  + retryTimeout.toMillis()
                  + " ms; last error: "
                  + attempt.lastError));
      return;
    }
    LOG.debug(
        "retrying transaction markers partitions={} error={}",
        attempt.remaining(),
        attempt.lastError);
    Scheduler.Cancellable timer = scheduler.schedule(retryBackoff, () -> round(attempt));
    attempt.result.whenComplete((v, e) -> timer.cancel());
  }

  /** Fails every pending call; later calls fail at once. */
  @Override
  public void close() {
    closed = true;
    for (Attempt attempt : List.copyOf(active)) {
      attempt.result.completeExceptionally(new IllegalStateException("marker writer closed"));
    }
  }

  /** One writeMarkers call: the marker, the partitions still missing it, the outcome. */
  private static final class Attempt {
    final WritableTxnMarker marker;
    final Set<PartitionRef> pending;
    final long deadlineMs;
    final CompletableFuture<Void> result = new CompletableFuture<>();
    volatile String lastError = "none";

    Attempt(WritableTxnMarker marker, Set<PartitionRef> partitions, long deadlineMs) {
      this.marker = marker;
      this.pending = new HashSet<>(partitions);
      this.deadlineMs = deadlineMs;
    }

    synchronized Set<PartitionRef> remaining() {
      return new TreeSet<>(pending);
    }

    synchronized void done(PartitionRef p) {
      pending.remove(p);
    }

    WriteTxnMarkersRequestData request(List<PartitionRef> partitions) {
      Map<String, WritableTxnMarkerTopic> topics = new TreeMap<>();
      for (PartitionRef p : partitions) {
        topics
            .computeIfAbsent(p.topic(), t -> new WritableTxnMarkerTopic().setName(t))
            .partitionIndexes()
            .add(p.partition());
      }
      WritableTxnMarker copy =
          new WritableTxnMarker()
              .setProducerId(marker.producerId())
              .setProducerEpoch(marker.producerEpoch())
              .setTransactionResult(marker.transactionResult())
              .setCoordinatorEpoch(marker.coordinatorEpoch())
              .setTopics(new ArrayList<>(topics.values()));
      return new WriteTxnMarkersRequestData().setMarkers(new ArrayList<>(List.of(copy)));
    }
  }
}
