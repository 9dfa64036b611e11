/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.producer;

import io.kafscale.storage.log.AbortedTxn;
import io.kafscale.storage.log.StorageException.Reason;
import io.kafscale.storage.producer.ProducerCheck.StagedRef;
import io.kafscale.storage.producer.ProducerSnapshot.BatchEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Idempotent-producer state of one partition, following Kafka's rules: per producer id the epoch
 * and the last {@value #MAX_BATCHES} committed batches, plus the batches staged but not yet
 * committed. Checks see committed and staged state together, so a producer may pipeline requests
 * across flushes.
 *
 * <p>Pure and not thread-safe: the owning partition log calls it from its serial executor.
 */
public final class ProducerStateTable {

  /** Kafka keeps the last five batches per producer (max.in.flight.requests.per.connection). */
  public static final int MAX_BATCHES = 5;

  /** Sequences run from 0 to Integer.MAX_VALUE and wrap. */
  private static final long SEQUENCE_SPACE = (long) Integer.MAX_VALUE + 1;

  private static final long HALF_SEQUENCE_SPACE = SEQUENCE_SPACE / 2;

  /** What a staged batch is: plain or transactional data, or a transaction marker. */
  private enum Kind {
    DATA,
    TXN_DATA,
    COMMIT,
    ABORT;

    boolean isMarker() {
      return this == COMMIT || this == ABORT;
    }
  }

  private record Staged(
      StagedRef ref, long producerId, short epoch, int firstSeq, int lastSeq, Kind kind) {}

  /** What committing some batches does to producer states and transactions. */
  private record Applied(Map<Long, ProducerSnapshot> touched, List<AbortedTxn> aborted) {}

  /** Where a producer must resume after a failed flush discarded its staged batches. */
  private record Resume(short epoch, int firstSeq) {}

  private final Map<Long, ProducerSnapshot> committed = new HashMap<>();
  private final Map<Long, List<Staged>> staged = new HashMap<>();
  private final Map<StagedRef, Staged> stagedByRef = new HashMap<>();
  // Kept until the producer's next commit: without it a producer whose only state was discarded
  // would count as unknown, and its pipelined later request could commit ahead of its retry.
  private final Map<Long, Resume> resumes = new HashMap<>();

  public ProducerStateTable(List<ProducerSnapshot> snapshots) {
    for (ProducerSnapshot s : snapshots) {
      committed.put(s.producerId(), s);
    }
  }

  /**
   * Checks the batches of one request in order and, when all pass, stages them under {@code
   * appendId} (batch index = position in {@code batches}). A duplicate or a rejection stages
   * nothing. As in Kafka, the first duplicate batch found decides the answer for the request.
   */
  public ProducerCheck tryStage(long appendId, List<SequenceBatch> batches) {
    List<Staged> added = new ArrayList<>();
    for (int i = 0; i < batches.size(); i++) {
      SequenceBatch b = batches.get(i);
      if (!b.hasProducerId()) {
        continue;
      }
      ProducerCheck verdict = check(b);
      if (verdict != null) {
        added.forEach(this::unstage);
        return verdict;
      }
      Staged s =
          new Staged(
              new StagedRef(appendId, i),
              b.producerId(),
              b.producerEpoch(),
              b.firstSequence(),
              b.lastSequence(),
              b.transactional() ? Kind.TXN_DATA : Kind.DATA);
      staged.computeIfAbsent(b.producerId(), k -> new ArrayList<>()).add(s);
      stagedByRef.put(s.ref(), s);
      added.add(s);
    }
    return new ProducerCheck.Accepted();
  }

  /**
   * Checks a transaction marker of producer {@code producerId} at {@code producerEpoch} and, when
   * its epoch is not older than the producer's, stages it under {@code appendId} (batch index 0). A
   * marker for a producer without an ongoing transaction is accepted (coordinator retries).
   */
  public ProducerCheck tryStageMarker(
      long appendId, long producerId, short producerEpoch, boolean commit) {
    short current = currentEpoch(producerId);
    if (producerEpoch < current) {
      return new ProducerCheck.Rejected(
          Reason.INVALID_PRODUCER_EPOCH,
          "marker of producer "
              + producerId
              + " at epoch "
              + producerEpoch
              + " is older than "
              + current);
    }
    Staged s =
        new Staged(
            new StagedRef(appendId, 0),
            producerId,
            producerEpoch,
            -1,
            -1,
            commit ? Kind.COMMIT : Kind.ABORT);
    staged.computeIfAbsent(producerId, k -> new ArrayList<>()).add(s);
    stagedByRef.put(s.ref(), s);
    return new ProducerCheck.Accepted();
  }

  /** The producer's latest epoch, committed or staged; {@link Short#MIN_VALUE} when unknown. */
  private short currentEpoch(long producerId) {
    List<Staged> s = staged.getOrDefault(producerId, List.of());
    if (!s.isEmpty()) {
      return s.getLast().epoch();
    }
    ProducerSnapshot c = committed.get(producerId);
    if (c != null) {
      return c.producerEpoch();
    }
    Resume r = resumes.get(producerId);
    return r == null ? Short.MIN_VALUE : r.epoch();
  }

  /** Whether the producer's transaction is ongoing once its staged batches are committed. */
  private boolean inTxn(long producerId) {
    ProducerSnapshot c = committed.get(producerId);
    boolean ongoing = c != null && c.hasOngoingTxn();
    for (Staged st : staged.getOrDefault(producerId, List.of())) {
      if (st.kind() == Kind.TXN_DATA) {
        ongoing = true;
      } else if (st.kind().isMarker()) {
        ongoing = false;
      }
    }
    return ongoing;
  }

  /** Null when {@code b} may be staged; otherwise the duplicate or rejection. */
  private ProducerCheck check(SequenceBatch b) {
    ProducerCheck verdict = checkSequence(b);
    if (verdict == null && !b.transactional() && inTxn(b.producerId())) {
      // Kafka's ProducerAppendInfo: "Expected transactional write from producer".
      return new ProducerCheck.Rejected(
          Reason.INVALID_TXN_STATE,
          "expected a transactional write from producer "
              + b.producerId()
              + ", which has an ongoing transaction");
    }
    return verdict;
  }

  private ProducerCheck checkSequence(SequenceBatch b) {
    ProducerSnapshot c = committed.get(b.producerId());
    List<Staged> s = staged.getOrDefault(b.producerId(), List.of());
    if (c == null && s.isEmpty() && resumes.containsKey(b.producerId())) {
      return checkResume(b, resumes.get(b.producerId()));
    }
    if (c == null && s.isEmpty()) {
      // A producer's first batch here must start at sequence 0, as Kafka's transactions v2 demand.
      // (Kafka accepts any sequence from an idempotent producer it has no state for, because its
      // states expire; ours never do.) Accepting a later batch would let it overtake the first
      // ones while they are still in flight to a previous owner: their retries would then be
      // behind the committed sequence forever and wedge the producer on this partition. The
      // client retries a batch rejected so while its earlier ones are unresolved, and bumps its
      // epoch (restarting at 0) when the rejected batch was its next one, e.g. after the topic
      // was re-created.
      return startsAtZero(b, "expected sequence 0 from a producer with no state on this partition");
    }
    short epoch = s.isEmpty() ? c.producerEpoch() : s.getLast().epoch();
    if (b.producerEpoch() < epoch) {
      return new ProducerCheck.Rejected(
          Reason.INVALID_PRODUCER_EPOCH,
          "producer " + b.producerId() + " epoch " + b.producerEpoch() + " is older than " + epoch);
    }
    if (b.producerEpoch() > epoch) {
      return startsAtZero(b, "a new epoch must start at sequence 0");
    }
    List<Object> window = window(c, s, epoch);
    for (Object o : window) {
      if (o instanceof BatchEntry e
          && e.firstSequence() == b.firstSequence()
          && e.lastSequence() == b.lastSequence()) {
        return new ProducerCheck.Duplicate(e, null);
      }
      if (o instanceof Staged st
          && st.firstSeq() == b.firstSequence()
          && st.lastSeq() == b.lastSequence()) {
        return new ProducerCheck.Duplicate(null, st.ref());
      }
    }
    int lastSeq = window.isEmpty() ? -1 : lastSequenceOf(window.getLast());
    if (window.isEmpty() ? b.firstSequence() != 0 : !inSequence(lastSeq, b.firstSequence())) {
      if (committedBeforeKept(b, c)) {
        return new ProducerCheck.Rejected(
            Reason.DUPLICATE_SEQUENCE,
            "producer "
                + b.producerId()
                + " sequences "
                + b.firstSequence()
                + ".."
                + b.lastSequence()
                + " were committed before the last "
                + MAX_BATCHES
                + " batches kept here");
      }
      return outOfOrder(b, "expected sequence " + (window.isEmpty() ? 0 : next(lastSeq)));
    }
    return null;
  }

  /**
   * Whether {@code b}, of the committed state's epoch, lies wholly before the oldest committed
   * batch kept, which is not the epoch's first. An epoch's sequences are committed gaplessly from 0
   * on a partition, so {@code b} is a retry of a batch committed earlier: e.g. the first requests
   * of a producer that moved on to a new owner while those, committed by the old owner just before
   * it froze, waited for their timeout there; more than five later batches committed meanwhile.
   */
  private static boolean committedBeforeKept(SequenceBatch b, ProducerSnapshot c) {
    if (c == null || c.producerEpoch() != b.producerEpoch() || c.lastBatches().isEmpty()) {
      return false;
    }
    int oldest = c.lastBatches().getFirst().firstSequence();
    long lastBehind = behind(b.lastSequence(), oldest);
    long firstBehind = behind(b.firstSequence(), oldest);
    return oldest != 0
        && 0 < lastBehind
        && lastBehind <= firstBehind
        && firstBehind <= HALF_SEQUENCE_SPACE;
  }

  /** How far {@code seq} is behind {@code reference}, sequences wrapping after MAX_VALUE. */
  private static long behind(int seq, int reference) {
    return Math.floorMod((long) reference - seq, SEQUENCE_SPACE);
  }

  /** Checks the first batch of a producer after a failed flush discarded all it had staged. */
  private static ProducerCheck checkResume(SequenceBatch b, Resume r) {
    if (b.producerEpoch() < r.epoch()) {
      return new ProducerCheck.Rejected(
          Reason.INVALID_PRODUCER_EPOCH,
          "producer "
              + b.producerId()
              + " epoch "
              + b.producerEpoch()
              + " is older than "
              + r.epoch());
    }
    if (b.producerEpoch() > r.epoch()) {
      return startsAtZero(b, "a new epoch must start at sequence 0");
    }
    return b.firstSequence() == r.firstSeq()
        ? null
        : outOfOrder(b, "expected sequence " + r.firstSeq());
  }

  /** The last (up to five) committed and staged batches of {@code epoch}, oldest first. */
  private static List<Object> window(ProducerSnapshot c, List<Staged> s, short epoch) {
    List<Object> all = new ArrayList<>();
    if (c != null && c.producerEpoch() == epoch) {
      all.addAll(c.lastBatches());
    }
    for (Staged st : s) {
      if (st.epoch() == epoch && !st.kind().isMarker()) {
        all.add(st);
      }
    }
    return all.size() <= MAX_BATCHES ? all : all.subList(all.size() - MAX_BATCHES, all.size());
  }

  private static int lastSequenceOf(Object o) {
    return o instanceof BatchEntry e ? e.lastSequence() : ((Staged) o).lastSeq();
  }

  /** Null when {@code b} starts at sequence 0; otherwise out of order, for {@code why}. */
  private static ProducerCheck startsAtZero(SequenceBatch b, String why) {
    return b.firstSequence() == 0 ? null : outOfOrder(b, why);
  }

  private static ProducerCheck outOfOrder(SequenceBatch b, String why) {
    return new ProducerCheck.Rejected(
        Reason.OUT_OF_ORDER_SEQUENCE,
        "producer " + b.producerId() + " sequence " + b.firstSequence() + ": " + why);
  }

  static int next(int seq) {
    return seq == Integer.MAX_VALUE ? 0 : seq + 1;
  }

  static boolean inSequence(int lastSeq, int nextSeq) {
    return nextSeq == next(lastSeq);
  }

  /**
   * The snapshots of the producers touched by {@code batches} as they will be once those batches
   * are committed; the table is not changed (see {@link #applyCommitted}).
   */
  public List<ProducerSnapshot> project(List<CommittedBatch> batches, long nowMs) {
    return List.copyOf(apply(batches, nowMs).touched().values());
  }

  /**
   * The transactions that ABORT markers among {@code batches} end, once committed (the marker's
   * offset is the transaction's last offset); the table is not changed.
   */
  public List<AbortedTxn> abortedBy(List<CommittedBatch> batches, long nowMs) {
    return apply(batches, nowMs).aborted();
  }

  /**
   * The lowest first offset of any committed ongoing transaction (the first unstable offset), or
   * empty when no producer has one.
   */
  public OptionalLong firstUnstableOffset() {
    return committed.values().stream()
        .filter(ProducerSnapshot::hasOngoingTxn)
        .mapToLong(ProducerSnapshot::currentTxnFirstOffset)
        .min();
  }

  /** Makes {@code batches} committed state and drops them from the staged state. */
  public void applyCommitted(List<CommittedBatch> batches, long nowMs) {
    committed.putAll(apply(batches, nowMs).touched());
    for (CommittedBatch b : batches) {
      Staged s = stagedByRef.get(b.ref());
      if (s != null) {
        resumes.remove(s.producerId());
        unstage(s);
      }
    }
  }

  private Applied apply(List<CommittedBatch> batches, long nowMs) {
    Map<Long, ProducerSnapshot> touched = new LinkedHashMap<>();
    List<AbortedTxn> aborted = new ArrayList<>();
    for (CommittedBatch b : batches) {
      Staged s = stagedByRef.get(b.ref());
      if (s == null) {
        continue;
      }
      ProducerSnapshot old =
          touched.containsKey(s.producerId())
              ? touched.get(s.producerId())
              : committed.get(s.producerId());
      if (s.kind().isMarker()) {
        if (old != null && old.hasOngoingTxn() && s.kind() == Kind.ABORT) {
          aborted.add(new AbortedTxn(s.producerId(), old.currentTxnFirstOffset(), b.firstOffset()));
        }
        touched.put(s.producerId(), withMarker(old, s, nowMs));
        continue;
      }
      BatchEntry entry =
          new BatchEntry(s.firstSeq(), s.lastSeq(), b.firstOffset(), b.lastOffset(), b.timestamp());
      touched.put(s.producerId(), withBatch(old, s, entry, nowMs));
    }
    return new Applied(touched, List.copyOf(aborted));
  }

  /**
   * A committed marker ends the ongoing transaction; a newer marker epoch becomes the producer's
   * (its sequences then restart, as after any epoch bump).
   */
  private static ProducerSnapshot withMarker(ProducerSnapshot old, Staged s, long nowMs) {
    if (old == null) {
      return new ProducerSnapshot(
          s.producerId(), s.epoch(), List.of(), nowMs, ProducerSnapshot.NO_TXN);
    }
    if (s.epoch() < old.producerEpoch()) {
      return old;
    }
    List<BatchEntry> batches = s.epoch() == old.producerEpoch() ? old.lastBatches() : List.of();
    return new ProducerSnapshot(s.producerId(), s.epoch(), batches, nowMs, ProducerSnapshot.NO_TXN);
  }

  private static ProducerSnapshot withBatch(
      ProducerSnapshot old, Staged s, BatchEntry entry, long nowMs) {
    if (old != null && s.epoch() < old.producerEpoch()) {
      return old; // a stale-epoch batch cannot become the producer's state
    }
    List<BatchEntry> batches = new ArrayList<>();
    if (old != null && old.producerEpoch() == s.epoch()) {
      batches.addAll(old.lastBatches());
    }
    batches.add(entry);
    if (batches.size() > MAX_BATCHES) {
      batches = batches.subList(batches.size() - MAX_BATCHES, batches.size());
    }
    long txnFirst = ProducerSnapshot.NO_TXN;
    if (s.kind() == Kind.TXN_DATA) {
      boolean continues = old != null && old.producerEpoch() == s.epoch() && old.hasOngoingTxn();
      txnFirst = continues ? old.currentTxnFirstOffset() : entry.firstOffset();
    }
    return new ProducerSnapshot(s.producerId(), s.epoch(), List.copyOf(batches), nowMs, txnFirst);
  }

  /**
   * Drops every staged batch of the given append requests; returns the producers they belonged to.
   * Until its next commit, each such producer must resume at the first sequence it lost (a resend
   * of that batch); a later discard before then keeps the earlier resume point unless the epoch
   * moved on.
   */
  public Set<Long> discard(Collection<Long> appendIds) {
    Set<Long> ids = new HashSet<>(appendIds);
    Set<Long> producers = new HashSet<>();
    for (List<Staged> list : List.copyOf(staged.values())) {
      // Staging order per producer: the first discarded batch is where the producer resumes.
      for (Staged s : List.copyOf(list)) {
        if (ids.contains(s.ref().appendId())) {
          producers.add(s.producerId());
          Resume old = resumes.get(s.producerId());
          // A marker has no sequence: a producer resumes at its data batches only.
          if (!s.kind().isMarker() && (old == null || s.epoch() > old.epoch())) {
            resumes.put(s.producerId(), new Resume(s.epoch(), s.firstSeq()));
          }
          unstage(s);
        }
      }
    }
    return producers;
  }

  /**
   * Append ids with staged batches of any of {@code producerIds}: after a failed flush their later
   * batches would follow a sequence gap, so the log fails them too and the producer resends in
   * order.
   */
  public Set<Long> appendIdsOf(Set<Long> producerIds) {
    Set<Long> out = new HashSet<>();
    for (Long pid : producerIds) {
      for (Staged s : staged.getOrDefault(pid, List.of())) {
        out.add(s.ref().appendId());
      }
    }
    return out;
  }

  private void unstage(Staged s) {
    stagedByRef.remove(s.ref());
    List<Staged> list = staged.get(s.producerId());
    if (list != null) {
      list.remove(s);
      if (list.isEmpty()) {
        staged.remove(s.producerId());
      }
    }
  }

  /** The committed state of one producer. */
  public Optional<ProducerSnapshot> committedState(long producerId) {
    return Optional.ofNullable(committed.get(producerId));
  }

  /** Every committed producer state (for handing the partition to a new owner). */
  public List<ProducerSnapshot> snapshots() {
    return List.copyOf(committed.values());
  }

  /** Number of batches currently staged (for tests and metrics). */
  public int stagedCount() {
    return stagedByRef.size();
  }
}
