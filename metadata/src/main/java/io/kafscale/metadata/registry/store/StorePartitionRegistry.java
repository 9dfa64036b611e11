/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.PartitionRecord;
import io.kafscale.metadata.model.PartitionStateRecord;
import io.kafscale.metadata.model.ProducerRecord;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.registry.PartitionRegistry;
import io.kafscale.metadata.registry.UnknownTopicException;
import io.kafscale.metadata.store.Compare;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link PartitionRegistry} over a {@link MetadataStore}. Fencing: every commit compares the mod
 * revision of the partition's state key with the one this registry last wrote or read under the
 * committer's epoch; any other writer (a new owner's claim) changes that revision, so the commit
 * fails and the re-read state tells whether the epoch moved. A commit never overwrites a segment
 * key, and a stale-revision retry only proceeds when the stored high watermark equals the segment's
 * base offset, so a commit applied despite a failed call cannot be clobbered. Thread-safe; at most
 * one commit per partition should be in flight (the owner's flush discipline).
 */
public final class StorePartitionRegistry implements PartitionRegistry {
  private final MetadataStore store;
  private final KeyLayout keys;
  private final ConcurrentHashMap<TopicPartition, Owned> owned = new ConcurrentHashMap<>();

  private record TopicPartition(String topic, int partition) {}

  /**
   * The state this registry last saw for a partition under {@code epoch}, at {@code modRevision}.
   */
  private record Owned(int epoch, long modRevision, PartitionStateRecord state) {}

  public StorePartitionRegistry(MetadataStore store, KeyLayout keys) {
    this.store = store;
    this.keys = keys;
  }

  @Override
  public CompletableFuture<Void> release(
      String topic, int partition, BrokerSession session, int epoch) {
    throw new UnsupportedOperationException("placeholder");
  }

  @Override
  public CompletableFuture<PartitionRecord> claim(
      String topic, int partition, BrokerSession session) {
    int brokerId = session.brokerId();
    TopicPartition tp = new TopicPartition(topic, partition);
    return CasLoop.run("claim " + topic + "-" + partition, () -> claimAttempt(tp, brokerId))
        .thenCompose(state -> load(tp, state));
  }

  private CompletableFuture<Optional<PartitionStateRecord>> claimAttempt(
      TopicPartition tp, int brokerId) {
    String key;
    try {
      key = keys.partitionState(tp.topic(), tp.partition());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(unknown(tp));
    }
    return store
        .get(key)
        .thenCompose(
            kv -> {
              if (kv.isEmpty()) {
                return CompletableFuture.failedFuture(unknown(tp));
              }
              PartitionStateRecord cur = ProtoCodec.decodePartitionState(kv.get().value());
              PartitionStateRecord next =
                  new PartitionStateRecord(
                      brokerId, cur.leaderEpoch() + 1, cur.logStartOffset(), cur.highWatermark());
              Txn txn =
                  Txn.builder()
                      .when(Compare.modRevisionEquals(key, kv.get().modRevision()))
                      .then(Op.put(key, ProtoCodec.encodePartitionState(next)))
                      .build();
              return store
                  .txn(txn)
                  .thenApply(
                      r -> {
                        if (!r.succeeded()) {
                          return Optional.<PartitionStateRecord>empty();
                        }
                        owned.put(tp, new Owned(next.leaderEpoch(), r.revision(), next));
                        return Optional.of(next);
                      });
            });
  }

  private CompletableFuture<PartitionRecord> load(TopicPartition tp, PartitionStateRecord state) {
    CompletableFuture<List<KeyValue>> segments =
        store.getPrefix(keys.segmentsPrefix(tp.topic(), tp.partition()));
    CompletableFuture<List<KeyValue>> producers =
        store.getPrefix(keys.producersPrefix(tp.topic(), tp.partition()));
    return segments.thenCombine(
        producers,
        (segs, prods) ->
            new PartitionRecord(
                tp.topic(),
                tp.partition(),
                state.ownerBrokerId(),
                state.leaderEpoch(),
                state.logStartOffset(),
                state.highWatermark(),
                segs.stream().map(kv -> ProtoCodec.decodeSegment(kv.value())).toList(),
                prods.stream().map(kv -> ProtoCodec.decodeProducer(kv.value())).toList()));
  }

  @Override
  public CompletableFuture<Void> commitSegment(
      String topic,
      int partition,
      int epoch,
      SegmentRecord segment,
      List<ProducerRecord> producers) {
    TopicPartition tp = new TopicPartition(topic, partition);
    Owned cached = owned.get(tp);
    CompletableFuture<Owned> base =
        cached != null && cached.epoch() == epoch
            ? CompletableFuture.completedFuture(cached)
            : readOwned(tp, epoch);
    return base.thenCompose(b -> commitAttempt(tp, epoch, b, segment, producers, true));
  }

  private CompletableFuture<Owned> readOwned(TopicPartition tp, int epoch) {
    String key = keys.partitionState(tp.topic(), tp.partition());
    return store.get(key).thenCompose(kv -> ownedAt(tp, epoch, kv));
  }

  private CompletableFuture<Owned> ownedAt(TopicPartition tp, int epoch, Optional<KeyValue> kv) {
    if (kv.isEmpty()) {
      return CompletableFuture.failedFuture(
          new FencedEpochException(
              "partition " + tp.topic() + "-" + tp.partition() + " no longer exists"));
    }
    PartitionStateRecord state = ProtoCodec.decodePartitionState(kv.get().value());
    if (state.leaderEpoch() != epoch) {
      owned.remove(tp);
      return CompletableFuture.failedFuture(
          new FencedEpochException(
              "partition "
                  + tp.topic()
                  + "-"
                  + tp.partition()
                  + " has leader epoch "
                  + state.leaderEpoch()
                  + ", not "
                  + epoch));
    }
    return CompletableFuture.completedFuture(new Owned(epoch, kv.get().modRevision(), state));
  }

  private CompletableFuture<Void> commitAttempt(
      TopicPartition tp,
      int epoch,
      Owned base,
      SegmentRecord segment,
      List<ProducerRecord> producers,
      boolean mayRetry) {
    String stateKey = keys.partitionState(tp.topic(), tp.partition());
    PartitionStateRecord next =
        new PartitionStateRecord(
            base.state().ownerBrokerId(),
            epoch,
            base.state().logStartOffset(),
            segment.lastOffset() + 1);
    String segmentKey = keys.segment(tp.topic(), tp.partition(), segment.baseOffset());
    // The segment key must be absent so that no path can overwrite a committed segment (whose
    // producer records point at its offsets), even when our cached revision happens to be fresh.
    Txn.Builder txn =
        Txn.builder()
            .when(Compare.modRevisionEquals(stateKey, base.modRevision()))
            .when(Compare.absent(segmentKey))
            .then(Op.put(segmentKey, ProtoCodec.encodeSegment(segment)))
            .then(Op.put(stateKey, ProtoCodec.encodePartitionState(next)))
            .otherwise(Op.get(stateKey))
            .otherwise(Op.get(segmentKey));
    for (ProducerRecord p : producers) {
      txn.then(
          Op.put(
              keys.producer(tp.topic(), tp.partition(), p.producerId()),
              ProtoCodec.encodeProducer(p)));
    }
    return store
        .txn(txn.build())
        .thenCompose(
            r -> {
              if (r.succeeded()) {
                owned.put(tp, new Owned(epoch, r.revision(), next));
                return CompletableFuture.<Void>completedFuture(null);
              }
              // Our cached revision was stale or the segment exists. Only a same-epoch state
              // (e.g. written by an earlier registry instance of this owner) that ends exactly
              // where this segment starts, with no segment at its base offset yet, is worth one
              // retry. Anything else (notably an earlier commit that was applied although its
              // call failed) means our log diverged from the store: fence, so the owner reloads.
              boolean segmentExists = r.gets().get(1).isPresent();
              return ownedAt(tp, epoch, r.gets().get(0))
                  .thenCompose(
                      fresh -> {
                        if (!mayRetry
                            || segmentExists
                            || fresh.state().highWatermark() != segment.baseOffset()) {
                          owned.remove(tp);
                          return CompletableFuture.<Void>failedFuture(
                              new FencedEpochException(
                                  "partition "
                                      + tp.topic()
                                      + "-"
                                      + tp.partition()
                                      + " state changed concurrently under epoch "
                                      + epoch
                                      + " (stored high watermark "
                                      + fresh.state().highWatermark()
                                      + ", segment base offset "
                                      + segment.baseOffset()
                                      + (segmentExists ? ", already committed)" : ")")));
                        }
                        return commitAttempt(tp, epoch, fresh, segment, producers, false);
                      });
            });
  }

  private static UnknownTopicException unknown(TopicPartition tp) {
    return new UnknownTopicException(
        "partition " + tp.topic() + "-" + tp.partition() + " does not exist");
  }
}
