/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import io.kafscale.broker.partition.Scheduler;
import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.registry.FencedEpochException;
import io.kafscale.metadata.registry.GroupRegistry;
import io.kafscale.metadata.registry.TxnOffsetRegistry;
import io.kafscale.metadata.store.MetadataStoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group coordinator shell: serves the groups whose coordinator partition of {@value
 * CoordinatorPartitions#TOPIC} this broker owns. A group is loaded from the {@link GroupRegistry}
 * on first use (record and offsets) under the partition's fence; its events run one at a time
 * through {@link GroupStateMachine}; when a result must be persisted, the record is written before
 * any response of that result completes; timers run on the {@link Scheduler}. When the partition is
 * no longer owned here, or is owned at another epoch, its groups are unloaded and their held
 * requests fail with {@link NotCoordinatorException} (checked on every request and on a periodic
 * tick). Committed offsets are validated as Kafka does, written before the reply, and expire for
 * Empty groups after the retention. Thread-safe.
 */
public final class GroupCoordinator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCoordinator.class);

  /** Creates the event for a request, given the id its response will carry and the time. */
  @FunctionalInterface
  public interface EventFactory {
    GroupEvent create(long requestId, long nowMs);
  }

  /** OffsetDelete's answer: a group-level error, else one error per partition. */
  public record OffsetDeleteResult(ErrorKind groupError, Map<PartitionRef, ErrorKind> partitions) {}

  private final GroupRegistry registry;
  private final GroupConfig config;
  private final Scheduler scheduler;
  private final Clock clock;
  private final GroupSlots slots;
  private final AtomicLong requestIds = new AtomicLong();
  private volatile Scheduler.Cancellable ownershipTick;
  private volatile Scheduler.Cancellable sweepTick;
  private volatile boolean closed;
  private volatile TxnOffsetCoordinator txnOffsets;

  public GroupCoordinator(
      GroupRegistry registry,
      CoordinatorPartitions partitions,
      GroupConfig config,
      Scheduler scheduler,
      Clock clock,
      int brokerId) {
    this.registry = registry;
    this.config = config;
    this.scheduler = scheduler;
    this.clock = clock;
    this.slots =
        new GroupSlots(
            registry, partitions, config.settings(), clock, brokerId, this::performTimers);
  }

  /** Arms the periodic ownership check and offset-expiry sweep. */
  public void start() {
    scheduleOwnershipCheck();
    scheduleSweep();
  }

  private void scheduleOwnershipCheck() {
    if (!closed) {
      ownershipTick =
          scheduler.schedule(
              config.ownershipCheckInterval(),
              () -> {
                // A failing check must not stop the periodic check for good.
                try {
                  checkOwnership();
                } catch (RuntimeException e) {
                  LOG.warn("ownership check failed error={}", e.toString());
                } finally {
                  scheduleOwnershipCheck();
                }
              });
    }
  }

  private void scheduleSweep() {
    if (!closed) {
      sweepTick =
          scheduler.schedule(
              config.retentionCheckInterval(),
              () -> {
                // A sweep that throws must not stop the periodic sweep for good.
                CompletableFuture<Void> sweep;
                try {
                  sweep = expireOffsets();
                } catch (RuntimeException e) {
                  sweep = CompletableFuture.failedFuture(e);
                }
                sweep.whenComplete(
                    (v, e) -> {
                      if (e != null) {
                        LOG.warn("offset expiry sweep failed error={}", e.toString());
                      }
                      scheduleSweep();
                    });
              });
    }
  }

  /**
   * The transactional offset side of this coordinator over {@code pending}, created on the first
   * call (later calls return it and ignore their argument).
   */
  public synchronized TxnOffsetCoordinator transactionalOffsets(TxnOffsetRegistry pending) {
    if (txnOffsets == null) {
      txnOffsets = new TxnOffsetCoordinator(slots, registry, pending);
    }
    return txnOffsets;
  }

  /**
   * Partitions of the group holding pending transactional offsets (OffsetFetch with requireStable
   * answers UNSTABLE_OFFSET_COMMIT for them); empty while no transactional side exists.
   */
  public CompletableFuture<Set<PartitionRef>> unstablePartitions(String groupId) {
    TxnOffsetCoordinator txn = txnOffsets;
    return txn == null ? CompletableFuture.completedFuture(Set.of()) : txn.unstable(groupId);
  }

  /** The coordinator partition of {@code groupId}. */
  public int partitionFor(String groupId) {
    return slots.partitionFor(groupId);
  }

  /** Whether this broker coordinates {@code groupId} now. */
  public boolean isCoordinator(String groupId) {
    return slots.isCoordinator(groupId);
  }

  /** Unloads the groups of every partition no longer owned here at the epoch they were loaded. */
  public void checkOwnership() {
    slots.checkOwnership();
  }

  /** Ids of the groups loaded here now (the lag reporter reads their offsets). */
  public Set<String> loadedGroupIds() {
    return slots.loadedIds();
  }

  /** How many groups are loaded (tests and metrics). */
  public int loadedGroups() {
    return slots.size();
  }

  /**
   * Applies a JoinGroup, SyncGroup, Heartbeat, LeaveGroup or DeleteGroups event to the group; the
   * future completes with its response (for a held JoinGroup or SyncGroup, when a later event
   * answers it) or fails with {@link NotCoordinatorException}.
   */
  public CompletableFuture<GroupResponse> handle(String groupId, EventFactory factory) {
    GroupSlot slot;
    try {
      slot = slots.slot(groupId);
    } catch (NotCoordinatorException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<GroupResponse> answer = new CompletableFuture<>();
    slot.queue.submit(
        () -> {
          if (slot.unloaded) {
            answer.completeExceptionally(new NotCoordinatorException(groupId));
            return CompletableFuture.completedFuture(null);
          }
          long id = requestIds.incrementAndGet();
          GroupEvent event;
          try {
            event = factory.create(id, clock.millis());
          } catch (RuntimeException e) {
            answer.completeExceptionally(e);
            return CompletableFuture.completedFuture(null);
          }
          if (event instanceof GroupEvent.Delete && !slot.exists) {
            answer.complete(new GroupResponse.DeleteResponse(id, ErrorKind.GROUP_ID_NOT_FOUND));
            return CompletableFuture.completedFuture(null);
          }
          slot.waiting.put(id, answer);
          // An unload since the check above failed only the requests waiting then: this one
          // would never be answered.
          if (slot.unloaded) {
            if (slot.waiting.remove(id) != null) {
              answer.completeExceptionally(new NotCoordinatorException(groupId));
            }
            return CompletableFuture.completedFuture(null);
          }
          if (event instanceof GroupEvent.Join) {
            slot.exists = true;
          }
          return apply(slot, event)
              .whenComplete(
                  (v, e) -> {
                    CompletableFuture<GroupResponse> f = e == null ? null : slot.waiting.remove(id);
                    if (f != null) {
                      f.completeExceptionally(e);
                    }
                  });
        });
    return answer;
  }

  /** Validates and stores a commit; completes with NONE once the offsets are durable. */
  public CompletableFuture<ErrorKind> commitOffsets(
      String groupId,
      String memberId,
      Optional<String> groupInstanceId,
      int generation,
      Map<PartitionRef, CommittedOffsetRecord> offsets) {
    return slots.inGroup(
        groupId,
        slot -> {
          ErrorKind error =
              OffsetRules.validateCommit(slot.group, memberId, groupInstanceId, generation);
          if (error != ErrorKind.NONE || offsets.isEmpty()) {
            return CompletableFuture.completedFuture(error);
          }
          Map<PartitionRef, CommittedOffsetRecord> previous = new HashMap<>();
          offsets.keySet().forEach(p -> previous.put(p, slot.offsets.get(p)));
          boolean existed = slot.exists;
          slot.offsets.putAll(offsets);
          slot.exists = true;
          Set<String> topics = new TreeSet<>();
          offsets.keySet().forEach(p -> topics.add(p.topic()));
          return write(() -> registry.writeOffsets(slot.fence, groupId, slot.offsetsOf(topics)))
              .thenApply(v -> ErrorKind.NONE)
              .whenComplete(
                  (v, e) -> {
                    if (e != null && !failOver(slot, e)) {
                      // Definitely not stored: the cache must not answer what the store lacks.
                      previous.forEach(
                          (p, o) -> {
                            if (o == null) {
                              slot.offsets.remove(p);
                            } else {
                              slot.offsets.put(p, o);
                            }
                          });
                      slot.exists = existed;
                    }
                  });
        });
  }

  /** Every committed offset of the group (empty for an unknown group). */
  public CompletableFuture<Map<PartitionRef, CommittedOffsetRecord>> fetchOffsets(String groupId) {
    return slots.inGroup(
        groupId, slot -> CompletableFuture.completedFuture(Map.copyOf(slot.offsets)));
  }

  /** The group's snapshot, empty when the group does not exist. */
  public CompletableFuture<Optional<Group>> describe(String groupId) {
    return slots.inGroup(
        groupId,
        slot ->
            CompletableFuture.completedFuture(
                slot.exists ? Optional.of(slot.group) : Optional.<Group>empty()));
  }

  /** Every group coordinated here: those stored under owned partitions and those created here. */
  public CompletableFuture<List<Group>> listGroups() {
    return registry
        .listGroupIds()
        .thenCompose(
            stored -> {
              Set<String> ids = new TreeSet<>(stored);
              ids.addAll(slots.loadedIds());
              List<CompletableFuture<Optional<Group>>> all = new ArrayList<>();
              for (String id : ids) {
                if (isCoordinator(id)) {
                  all.add(describe(id).exceptionally(e -> Optional.empty()));
                }
              }
              return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                  .thenApply(
                      v ->
                          all.stream()
                              .map(CompletableFuture::join)
                              .flatMap(Optional::stream)
                              .filter(g -> g.state() != GroupState.DEAD)
                              .toList());
            });
  }

  /**
   * OffsetDelete: removes the offsets of {@code requested} unless the group's members consume the
   * topic ({@code subscribedTopics} reads that from the members' metadata).
   */
  public CompletableFuture<OffsetDeleteResult> deleteOffsets(
      String groupId, Set<PartitionRef> requested, Function<Group, Set<String>> subscribedTopics) {
    return slots.inGroup(
        groupId,
        slot -> {
          Group group = slot.group;
          if (!slot.exists || group.state() == GroupState.DEAD) {
            return CompletableFuture.completedFuture(
                new OffsetDeleteResult(ErrorKind.GROUP_ID_NOT_FOUND, Map.of()));
          }
          boolean consumer = group.protocolType().filter("consumer"::equals).isPresent();
          if (!group.isEmpty() && !consumer) {
            return CompletableFuture.completedFuture(
                new OffsetDeleteResult(ErrorKind.NON_EMPTY_GROUP, Map.of()));
          }
          Set<String> subscribed = group.isEmpty() ? Set.of() : subscribedTopics.apply(group);
          Map<PartitionRef, ErrorKind> results = new HashMap<>();
          Set<String> changed = new TreeSet<>();
          for (PartitionRef p : requested) {
            if (subscribed.contains(p.topic())) {
              results.put(p, ErrorKind.GROUP_SUBSCRIBED_TO_TOPIC);
            } else {
              results.put(p, ErrorKind.NONE);
              if (slot.offsets.remove(p) != null) {
                changed.add(p.topic());
              }
            }
          }
          if (changed.isEmpty()) {
            return CompletableFuture.completedFuture(
                new OffsetDeleteResult(ErrorKind.NONE, results));
          }
          return registry
              .writeOffsets(slot.fence, groupId, slot.offsetsOf(changed))
              .thenApply(v -> new OffsetDeleteResult(ErrorKind.NONE, results))
              .whenComplete((v, e) -> unloadOnError(slot, e));
        });
  }

  /**
   * Removes expired offsets of every group coordinated here (loading stored groups first), and
   * deletes Empty groups left without offsets, as Kafka's periodic cleanup does.
   */
  public CompletableFuture<Void> expireOffsets() {
    return registry
        .listGroupIds()
        .thenCompose(
            stored -> {
              Set<String> ids = new TreeSet<>(stored);
              ids.addAll(slots.loadedIds());
              List<CompletableFuture<Void>> all = new ArrayList<>();
              for (String id : ids) {
                if (isCoordinator(id)) {
                  all.add(
                      slots
                          .inGroup(id, this::expire)
                          .exceptionally(
                              e -> {
                                LOG.debug("offset expiry failed groupId={} error={}", id, e);
                                return null;
                              }));
                }
              }
              return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
            });
  }

  private CompletableFuture<Void> expire(GroupSlot slot) {
    long now = clock.millis();
    Set<PartitionRef> expired =
        OffsetRules.expired(
            slot.group, slot.offsets, slot.emptySinceMs, now, config.offsetsRetention().toMillis());
    if (!slot.exists || slot.group.state() != GroupState.EMPTY) {
      return CompletableFuture.completedFuture(null);
    }
    Set<String> topics = new TreeSet<>();
    expired.forEach(
        p -> {
          slot.offsets.remove(p);
          topics.add(p.topic());
        });
    if (slot.offsets.isEmpty()) {
      LOG.info("group expired groupId={} offsetsRemoved={}", slot.groupId, expired.size());
      slot.exists = false;
      slot.group = Group.empty(slot.groupId);
      return registry
          .deleteGroup(slot.fence, slot.groupId)
          .whenComplete((v, e) -> unloadOnError(slot, e));
    }
    if (topics.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return registry
        .writeOffsets(slot.fence, slot.groupId, slot.offsetsOf(topics))
        .whenComplete((v, e) -> unloadOnError(slot, e));
  }

  @Override
  public void close() {
    closed = true;
    Scheduler.Cancellable o = ownershipTick;
    Scheduler.Cancellable s = sweepTick;
    if (o != null) {
      o.cancel();
    }
    if (s != null) {
      s.cancel();
    }
    slots.close();
  }

  /**
   * Applies {@code event}; fails (and the caller answers the request) only when applying it threw,
   * after unloading the slot if the group had already changed.
   */
  private CompletableFuture<Void> apply(GroupSlot slot, GroupEvent event) {
    Group before = slot.group;
    GroupResult result;
    CompletableFuture<Void> persisted;
    try {
      result = slot.machine.apply(before, event);
      Group after = result.group();
      slot.group = after;
      if (after.state() == GroupState.EMPTY && before.state() != GroupState.EMPTY) {
        slot.emptySinceMs = event.nowMs();
      }
      performTimers(slot, result.timers());
      persisted =
          result.persist()
              ? write(() -> persist(slot, after, event.nowMs()))
              : CompletableFuture.completedFuture(null);
    } catch (RuntimeException e) {
      LOG.error("group event failed groupId={} event={}", slot.groupId, event, e);
      if (slot.group != before) {
        slots.unload(slot);
      }
      return CompletableFuture.failedFuture(e);
    }
    Group after = result.group();
    return persisted.handle(
        (v, e) -> {
          if (e != null) {
            LOG.warn("group write failed groupId={} error={}", slot.groupId, e.toString());
            slots.unload(slot);
            return null;
          }
          for (GroupResponse response : result.responses()) {
            CompletableFuture<GroupResponse> f = slot.waiting.remove(response.requestId());
            if (f != null) {
              f.complete(response);
            }
          }
          if (after.state() == GroupState.DEAD) {
            slot.offsets.clear();
            slot.exists = false;
            slots.unload(slot);
          }
          return null;
        });
  }

  private CompletableFuture<Void> persist(GroupSlot slot, Group group, long nowMs) {
    if (group.state() == GroupState.DEAD) {
      TxnOffsetCoordinator txn = txnOffsets;
      return txn == null
          ? registry.deleteGroup(slot.fence, slot.groupId)
          : registry.deleteGroup(slot.fence, slot.groupId).thenCompose(v -> txn.dropGroup(slot));
    }
    return registry.saveGroup(slot.fence, GroupRecords.toRecord(group, nowMs));
  }

  private void performTimers(GroupSlot slot, List<TimerOp> ops) {
    for (TimerOp op : ops) {
      Scheduler.Cancellable old = slot.timers.remove(op.key());
      if (old != null) {
        old.cancel();
      }
      if (op instanceof TimerOp.Schedule schedule && !slot.unloaded) {
        long delay = Math.max(0, schedule.deadlineMs() - clock.millis());
        slot.timers.put(
            op.key(), scheduler.schedule(Duration.ofMillis(delay), () -> fire(slot, op.key())));
      }
    }
  }

  private void fire(GroupSlot slot, TimerKey key) {
    slot.queue.submit(
        () -> {
          if (slot.unloaded) {
            return CompletableFuture.completedFuture(null);
          }
          long now = clock.millis();
          CompletableFuture<Void> applied = apply(slot, GroupEvent.forTimer(key, now));
          // Fired before its deadline by our clock (e.g. the clock stepped back): the machine
          // ignored it and nothing else re-arms it.
          long deadline = GroupStateMachine.deadline(slot.group, key);
          if (deadline > now) {
            performTimers(slot, List.of(new TimerOp.Schedule(key, deadline)));
          }
          return applied;
        });
  }

  /** A store call that throws instead of failing its future fails the future. */
  private static CompletableFuture<Void> write(Supplier<CompletableFuture<Void>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The cache was changed without a way back: any failed write reloads it from the store. */
  private void unloadOnError(GroupSlot slot, Throwable error) {
    if (error != null && !failOver(slot, error)) {
      slots.unload(slot);
    }
  }

  /**
   * A fenced write (another coordinator may own the partition) or one whose outcome is unknown
   * leaves the cache possibly unlike the store: unload, so the next request reloads. Returns
   * whether it unloaded; a definite rejection is left to the caller.
   */
  private boolean failOver(GroupSlot slot, Throwable error) {
    if (error == null) {
      return false;
    }
    LOG.warn("group write failed groupId={} error={}", slot.groupId, error.toString());
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof FencedEpochException
        || cause instanceof MetadataStoreException
        || cause instanceof TimeoutException
        || cause instanceof CancellationException) {
      slots.unload(slot);
      return true;
    }
    return false;
  }
}
