/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.registry.store;

import io.kafscale.metadata.codec.ProtoCodec;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.OwnerRecord;
import io.kafscale.metadata.model.PartitionRecord;
import io.kafscale.metadata.model.PartitionStateRecord;
import io.kafscale.metadata.model.ProducerRecord;
import io.kafscale.metadata.model.SegmentRecord;
import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.registry.OwnedElsewhereException;
import io.kafscale.metadata.registry.PartitionRegistry;
import io.kafscale.metadata.registry.SegmentsChangedException;
import io.kafscale.metadata.registry.UnknownTopicException;
import io.kafscale.metadata.store.Compare;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.MetadataStore;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link PartitionRegistry} over a {@link MetadataStore}. Ownership: a claim writes the state key
 * (epoch + 1) and the owner key (attached to the claimer's lease) in one transaction that checks
 * both are as read, so two claims can never both succeed, and another broker's live owner key
 * blocks a claim. Fencing: every commit compares the mod revision of the partition's state key with
 * the one this registry last wrote or read under the committer's epoch (any other writer, a new
 * owner's claim, changes it) and the owner key's value with the claim made at that epoch (it
 * vanishes with the owner's lease). A commit never overwrites a segment key, and a stale-revision
 * retry only proceeds when the stored high watermark equals the segment's base offset, so a commit
 * applied despite a failed call cannot be clobbered. Thread-safe; at most one commit per partition
 * should be in flight (the owner's flush discipline).
 */
public final class StorePartitionRegistry implements PartitionRegistry {
  /**
   * Segment keys deleted per trim transaction: with the state put it stays under etcd's default
   * {@code --max-txn-ops} of 128.
   */
  static final int MAX_SEGMENT_DELETES_PER_TXN = 100;

  private final MetadataStore store;
  private final KeyLayout keys;
  private final ConcurrentHashMap<TopicPartition, Owned> owned = new ConcurrentHashMap<>();

  private record TopicPartition(String topic, int partition) {
    @Override
    public String toString() {
      return topic + "-" + partition;
    }
  }

  /**
   * The state this registry last saw for a partition under {@code epoch}, at {@code modRevision},
   * and the owner key value of the claim made at that epoch (never mutated).
   */
  private record Owned(
      int epoch, long modRevision, PartitionStateRecord state, byte[] ownerValue) {}

  public StorePartitionRegistry(MetadataStore store, KeyLayout keys) {
    this.store = store;
    this.keys = keys;
  }

  @Override
  public CompletableFuture<PartitionRecord> claim(
      String topic, int partition, BrokerSession session) {
    TopicPartition tp = new TopicPartition(topic, partition);
    return CasLoop.run("claim " + tp, () -> claimAttempt(tp, session))
        .thenCompose(state -> load(tp, state));
  }

  private CompletableFuture<Optional<PartitionStateRecord>> claimAttempt(
      TopicPartition tp, BrokerSession session) {
    String stateKey;
    String ownerKey;
    try {
      stateKey = keys.partitionState(tp.topic(), tp.partition());
      ownerKey = keys.owner(tp.topic(), tp.partition());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(unknown(tp));
    }
    CompletableFuture<Optional<KeyValue>> ownerRead = store.get(ownerKey);
    CompletableFuture<Optional<KeyValue>> topicRead = store.get(keys.topic(tp.topic()));
    CompletableFuture<Optional<KeyValue>> floorRead = store.get(keys.epochFloor(tp.topic()));
    return store
        .get(stateKey)
        .thenCombine(ownerRead, (state, owner) -> new Read(state, owner))
        .thenCombine(topicRead, (read, topic) -> new ClaimRead(read, topic, Optional.empty()))
        .thenCombine(floorRead, (read, floor) -> new ClaimRead(read.read(), read.topic(), floor))
        .thenCompose(read -> claimTxn(tp, session, stateKey, ownerKey, read));
  }

  private record Read(Optional<KeyValue> state, Optional<KeyValue> owner) {}

  /** What a claim reads: state and owner, the topic, and the epoch floor of a re-created topic. */
  private record ClaimRead(Read read, Optional<KeyValue> topic, Optional<KeyValue> floor) {
    Optional<KeyValue> state() {
      return read.state();
    }

    Optional<KeyValue> owner() {
      return read.owner();
    }
  }

  private CompletableFuture<Optional<PartitionStateRecord>> claimTxn(
      TopicPartition tp, BrokerSession session, String stateKey, String ownerKey, ClaimRead read) {
    if (read.topic().isEmpty()
        || tp.partition() >= ProtoCodec.decodeTopic(read.topic().get().value()).partitionCount()) {
      return CompletableFuture.failedFuture(unknown(tp));
    }
    Compare ownerUnchanged = Compare.absent(ownerKey);
    if (read.owner().isPresent()) {
      OwnerRecord current = ProtoCodec.decodeOwner(read.owner().get().value());
      if (current.brokerId() != session.brokerId()) {
        return CompletableFuture.failedFuture(
            new OwnedElsewhereException(
                "partition " + tp + " is owned by broker " + current.brokerId(),
                current.brokerId()));
      }
      // Our own broker id: an earlier incarnation, or this one re-claiming after a fence.
      ownerUnchanged = Compare.valueEquals(ownerKey, read.owner().get().value());
    }
    // A partition's state key is written by its first claim: until then it is in its initial state,
    // at the epoch floor a deleted topic of the same name left (0 when none).
    int floor = read.floor().map(kv -> ProtoCodec.decodeEpochFloor(kv.value())).orElse(0);
    PartitionStateRecord cur =
        read.state()
            .map(kv -> ProtoCodec.decodePartitionState(kv.value()))
            .orElse(new PartitionStateRecord(PartitionStateRecord.NO_OWNER, floor, 0, 0));
    Compare stateUnchanged =
        read.state()
            .map(kv -> Compare.modRevisionEquals(stateKey, kv.modRevision()))
            .orElse(Compare.absent(stateKey));
    PartitionStateRecord next =
        new PartitionStateRecord(
            session.brokerId(), cur.leaderEpoch() + 1, cur.logStartOffset(), cur.highWatermark());
    byte[] ownerValue = ProtoCodec.encodeOwner(session.owner(next.leaderEpoch()));
    Txn txn =
        Txn.builder()
            .when(stateUnchanged)
            .when(
                Compare.modRevisionEquals(
                    read.topic().get().key(), read.topic().get().modRevision()))
            .when(ownerUnchanged)
            .then(Op.put(stateKey, ProtoCodec.encodePartitionState(next)))
            .then(Op.put(ownerKey, ownerValue, session.leaseId()))
            .build();
    return store
        .txn(txn)
        .thenApply(
            r -> {
              if (!r.succeeded()) {
                return Optional.<PartitionStateRecord>empty();
              }
              owned.put(tp, new Owned(next.leaderEpoch(), r.revision(), next, ownerValue));
              return Optional.of(next);
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
  public CompletableFuture<Void> release(
      String topic, int partition, BrokerSession session, int epoch) {
    TopicPartition tp = new TopicPartition(topic, partition);
    String ownerKey;
    try {
      ownerKey = keys.owner(topic, partition);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(null); // no such partition, nothing is owned
    }
    owned.computeIfPresent(tp, (k, o) -> o.epoch() == epoch ? null : o);
    // Only our own claim at that epoch is deleted: a successor's owner key stays untouched.
    Txn txn =
        Txn.builder()
            .when(Compare.valueEquals(ownerKey, ProtoCodec.encodeOwner(session.owner(epoch))))
            .then(Op.delete(ownerKey))
            .build();
    return store.txn(txn).thenApply(r -> null);
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

  /**
   * Without a claim cached here (e.g. another registry instance of the owner claimed), the owner
   * key at {@code epoch} stands for the claim: only the claim that raised the epoch to {@code
   * epoch} ever wrote an owner value with that epoch, so its bytes identify that claim exactly.
   */
  private CompletableFuture<Owned> readOwned(TopicPartition tp, int epoch) {
    String stateKey;
    String ownerKey;
    try {
      stateKey = keys.partitionState(tp.topic(), tp.partition());
      ownerKey = keys.owner(tp.topic(), tp.partition());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(new FencedEpochException(tp + " does not exist"));
    }
    CompletableFuture<Optional<KeyValue>> ownerRead = store.get(ownerKey);
    return store
        .get(stateKey)
        .thenCombine(ownerRead, Read::new)
        .thenCompose(
            read -> {
              Optional<KeyValue> owner = read.owner();
              if (owner.isEmpty()
                  || ProtoCodec.decodeOwner(owner.get().value()).leaderEpoch() != epoch) {
                return ownedAt(tp, epoch, read.state(), null)
                    .thenCompose(o -> CompletableFuture.failedFuture(ownerGone(tp, epoch)));
              }
              return ownedAt(tp, epoch, read.state(), owner.get().value());
            });
  }

  private CompletableFuture<Owned> ownedAt(
      TopicPartition tp, int epoch, Optional<KeyValue> kv, byte[] ownerValue) {
    if (kv.isEmpty()) {
      owned.remove(tp);
      return CompletableFuture.failedFuture(
          new FencedEpochException("partition " + tp + " no longer exists"));
    }
    PartitionStateRecord state = ProtoCodec.decodePartitionState(kv.get().value());
    if (state.leaderEpoch() != epoch) {
      owned.remove(tp);
      return CompletableFuture.failedFuture(
          new FencedEpochException(
              "partition " + tp + " has leader epoch " + state.leaderEpoch() + ", not " + epoch));
    }
    return CompletableFuture.completedFuture(
        new Owned(epoch, kv.get().modRevision(), state, ownerValue));
  }

  private CompletableFuture<Void> commitAttempt(
      TopicPartition tp,
      int epoch,
      Owned base,
      SegmentRecord segment,
      List<ProducerRecord> producers,
      boolean mayRetry) {
    String stateKey = keys.partitionState(tp.topic(), tp.partition());
    String ownerKey = keys.owner(tp.topic(), tp.partition());
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
            .when(Compare.valueEquals(ownerKey, base.ownerValue()))
            .when(Compare.absent(segmentKey))
            .then(Op.put(segmentKey, ProtoCodec.encodeSegment(segment)))
            .then(Op.put(stateKey, ProtoCodec.encodePartitionState(next)))
            .otherwise(Op.get(stateKey))
            .otherwise(Op.get(segmentKey))
            .otherwise(Op.get(ownerKey));
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
                owned.put(tp, new Owned(epoch, r.revision(), next, base.ownerValue()));
                return CompletableFuture.<Void>completedFuture(null);
              }
              Optional<KeyValue> owner = r.gets().get(2);
              if (owner.isEmpty() || !Arrays.equals(owner.get().value(), base.ownerValue())) {
                // Lease expired or revoked, topic deleted, or taken over: never retry.
                owned.remove(tp);
                return CompletableFuture.<Void>failedFuture(ownerGone(tp, epoch));
              }
              // Our cached revision was stale or the segment exists. Only a same-epoch state
              // (e.g. written by an earlier registry instance of this owner) that ends exactly
              // where this segment starts, with no segment at its base offset yet, is worth one
              // retry. Anything else (notably an earlier commit that was applied although its
              // call failed) means our log diverged from the store: fence, so the owner reloads.
              boolean segmentExists = r.gets().get(1).isPresent();
              return ownedAt(tp, epoch, r.gets().get(0), base.ownerValue())
                  .thenCompose(
                      fresh -> {
                        if (!mayRetry
                            || segmentExists
                            || fresh.state().highWatermark() != segment.baseOffset()) {
                          owned.remove(tp);
                          return CompletableFuture.<Void>failedFuture(
                              diverged(tp, epoch, fresh, segment, segmentExists));
                        }
                        return commitAttempt(tp, epoch, fresh, segment, producers, false);
                      });
            });
  }

  @Override
  public CompletableFuture<Void> trimSegments(
      String topic, int partition, int epoch, long logStartOffset, List<SegmentRecord> removed) {
    TopicPartition tp = new TopicPartition(topic, partition);
    for (SegmentRecord s : removed) {
      if (s.lastOffset() >= logStartOffset) {
        return CompletableFuture.failedFuture(
            new IllegalArgumentException(
                "segment at " + s.baseOffset() + " is not below log start " + logStartOffset));
      }
    }
    List<List<SegmentRecord>> chunks = new ArrayList<>();
    for (int i = 0; i < removed.size(); i += MAX_SEGMENT_DELETES_PER_TXN) {
      chunks.add(removed.subList(i, Math.min(removed.size(), i + MAX_SEGMENT_DELETES_PER_TXN)));
    }
    if (chunks.isEmpty()) {
      chunks.add(List.of()); // DeleteRecords inside the first segment: only the log start moves
    }
    Owned cached = owned.get(tp);
    CompletableFuture<Owned> base =
        cached != null && cached.epoch() == epoch
            ? CompletableFuture.completedFuture(cached)
            : readOwned(tp, epoch);
    return base.thenCompose(b -> trimChunks(tp, epoch, b, chunks, 0, logStartOffset));
  }

  /** Chunk {@code i} onwards; every chunk but the last moves the log start past its segments. */
  private CompletableFuture<Void> trimChunks(
      TopicPartition tp,
      int epoch,
      Owned base,
      List<List<SegmentRecord>> chunks,
      int i,
      long logStartOffset) {
    if (i == chunks.size()) {
      return CompletableFuture.completedFuture(null);
    }
    List<SegmentRecord> chunk = chunks.get(i);
    long start =
        i == chunks.size() - 1
            ? logStartOffset
            : Math.min(logStartOffset, chunk.getLast().lastOffset() + 1);
    return trimAttempt(tp, epoch, base, chunk, start, true)
        .thenCompose(next -> trimChunks(tp, epoch, next, chunks, i + 1, logStartOffset));
  }

  private CompletableFuture<Owned> trimAttempt(
      TopicPartition tp,
      int epoch,
      Owned base,
      List<SegmentRecord> chunk,
      long logStartOffset,
      boolean mayRetry) {
    PartitionStateRecord cur = base.state();
    if (logStartOffset > cur.highWatermark()) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(
              "log start " + logStartOffset + " is above the high watermark of " + tp));
    }
    String stateKey = keys.partitionState(tp.topic(), tp.partition());
    String ownerKey = keys.owner(tp.topic(), tp.partition());
    PartitionStateRecord next =
        new PartitionStateRecord(
            cur.ownerBrokerId(),
            epoch,
            Math.max(cur.logStartOffset(), logStartOffset),
            cur.highWatermark());
    Txn.Builder txn =
        Txn.builder()
            .when(Compare.modRevisionEquals(stateKey, base.modRevision()))
            .when(Compare.valueEquals(ownerKey, base.ownerValue()))
            .otherwise(Op.get(stateKey))
            .otherwise(Op.get(ownerKey));
    for (SegmentRecord s : chunk) {
      txn.then(Op.delete(keys.segment(tp.topic(), tp.partition(), s.baseOffset())));
    }
    txn.then(Op.put(stateKey, ProtoCodec.encodePartitionState(next)));
    return store
        .txn(txn.build())
        .thenCompose(
            r -> {
              if (r.succeeded()) {
                Owned now = new Owned(epoch, r.revision(), next, base.ownerValue());
                owned.put(tp, now);
                return CompletableFuture.completedFuture(now);
              }
              Optional<KeyValue> owner = r.gets().get(1);
              if (owner.isEmpty() || !Arrays.equals(owner.get().value(), base.ownerValue())) {
                owned.remove(tp);
                return CompletableFuture.<Owned>failedFuture(ownerGone(tp, epoch));
              }
              // A stale cached revision under our own claim (e.g. another registry instance of
              // this owner wrote): deleting keys and raising the log start are idempotent, so one
              // retry on the fresh state is safe.
              return ownedAt(tp, epoch, r.gets().get(0), base.ownerValue())
                  .thenCompose(
                      fresh ->
                          mayRetry
                              ? trimAttempt(tp, epoch, fresh, chunk, logStartOffset, false)
                              : CompletableFuture.<Owned>failedFuture(
                                  new FencedEpochException(
                                      "partition "
                                          + tp
                                          + " state changed concurrently under epoch "
                                          + epoch)));
            });
  }

  @Override
  public CompletableFuture<Void> replaceSegments(
      String topic,
      int partition,
      int epoch,
      List<SegmentRecord> removed,
      List<SegmentRecord> added) {
    TopicPartition tp = new TopicPartition(topic, partition);
    SegmentReplacement replacement;
    try {
      replacement =
          SegmentReplacement.of(removed, added, base -> keys.segment(topic, partition, base));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    Owned cached = owned.get(tp);
    CompletableFuture<Owned> base =
        cached != null && cached.epoch() == epoch
            ? CompletableFuture.completedFuture(cached)
            : readOwned(tp, epoch);
    return base.thenCompose(b -> replaceAttempt(tp, epoch, b, replacement, true));
  }

  /**
   * The state key is compared but not written: a replacement moves no offset, and leaving its
   * revision alone keeps a concurrent flush commit's fencing compare valid.
   */
  private CompletableFuture<Void> replaceAttempt(
      TopicPartition tp, int epoch, Owned base, SegmentReplacement replacement, boolean mayRetry) {
    String stateKey = keys.partitionState(tp.topic(), tp.partition());
    String ownerKey = keys.owner(tp.topic(), tp.partition());
    Txn.Builder txn =
        Txn.builder()
            .when(Compare.modRevisionEquals(stateKey, base.modRevision()))
            .when(Compare.valueEquals(ownerKey, base.ownerValue()))
            .otherwise(Op.get(stateKey))
            .otherwise(Op.get(ownerKey));
    replacement.compares().forEach(txn::when);
    replacement.writes().forEach(txn::then);
    return store
        .txn(txn.build())
        .thenCompose(
            r -> {
              if (r.succeeded()) {
                return CompletableFuture.<Void>completedFuture(null);
              }
              Optional<KeyValue> owner = r.gets().get(1);
              if (owner.isEmpty() || !Arrays.equals(owner.get().value(), base.ownerValue())) {
                owned.remove(tp);
                return CompletableFuture.<Void>failedFuture(ownerGone(tp, epoch));
              }
              Optional<KeyValue> state = r.gets().get(0);
              if (state.isPresent() && state.get().modRevision() == base.modRevision()) {
                // Fencing held, so a removed segment is gone or different: either someone else
                // changed it, or this very replacement was applied by an earlier attempt whose
                // response was lost (the caller retries an unknown outcome).
                return alreadyApplied(replacement)
                    .thenCompose(
                        applied ->
                            applied
                                ? CompletableFuture.<Void>completedFuture(null)
                                : CompletableFuture.<Void>failedFuture(
                                    new SegmentsChangedException(
                                        "partition "
                                            + tp
                                            + ": a segment to replace is no longer stored as"
                                            + " read")));
              }
              // A stale cached revision under our own claim (a commit or trim through another
              // registry instance of this owner): one retry on the fresh state is safe, as the
              // segment compares still guard what is replaced.
              return ownedAt(tp, epoch, state, base.ownerValue())
                  .thenCompose(
                      fresh ->
                          mayRetry
                              ? replaceAttempt(tp, epoch, fresh, replacement, false)
                              : CompletableFuture.<Void>failedFuture(
                                  new FencedEpochException(
                                      "partition "
                                          + tp
                                          + " state changed concurrently under epoch "
                                          + epoch)));
            });
  }

  /**
   * Whether the store already holds exactly what {@code replacement} writes: every added key with
   * the requested value and every deleted key gone. Then the replacement is done (idempotent
   * retry), even though its segment compares fail now.
   */
  private CompletableFuture<Boolean> alreadyApplied(SegmentReplacement replacement) {
    List<String> keysToRead = new ArrayList<>(replacement.puts().keySet());
    keysToRead.addAll(replacement.deletes());
    List<CompletableFuture<Optional<KeyValue>>> reads =
        keysToRead.stream().map(store::get).toList();
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              for (int i = 0; i < keysToRead.size(); i++) {
                Optional<KeyValue> kv = reads.get(i).join();
                byte[] wanted = replacement.puts().get(keysToRead.get(i));
                boolean matches =
                    wanted == null
                        ? kv.isEmpty()
                        : kv.isPresent() && Arrays.equals(kv.get().value(), wanted);
                if (!matches) {
                  return false;
                }
              }
              return true;
            });
  }

  private static FencedEpochException ownerGone(TopicPartition tp, int epoch) {
    return new FencedEpochException(
        "partition " + tp + " is no longer owned under the claim made at leader epoch " + epoch);
  }

  private static FencedEpochException diverged(
      TopicPartition tp, int epoch, Owned fresh, SegmentRecord segment, boolean segmentExists) {
    return new FencedEpochException(
        "partition "
            + tp
            + " state changed concurrently under epoch "
            + epoch
            + " (stored high watermark "
            + fresh.state().highWatermark()
            + ", segment base offset "
            + segment.baseOffset()
            + (segmentExists ? ", already committed)" : ")"));
  }

  private static UnknownTopicException unknown(TopicPartition tp) {
    return new UnknownTopicException("partition " + tp + " does not exist");
  }
}
