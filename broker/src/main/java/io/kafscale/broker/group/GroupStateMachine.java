/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The classic consumer-group coordinator as a pure function: {@code apply(group, event)} returns
 * the next group snapshot, the responses to complete, the timers to (re)arm or cancel and whether
 * the durable record must be written. No I/O, no clock, no threads: time arrives in the events and
 * new member ids come from the seed and the group's counter. Semantics follow Apache Kafka's
 * classic group coordinator (see {@link GroupState} for the transitions).
 *
 * <p>Immutable and thread-safe; the shell must still apply one group's events one at a time.
 */
public final class GroupStateMachine {
  private final Rebalance rebalance;
  private final JoinLogic joins;
  private final SyncLogic syncs = new SyncLogic();
  private final MembershipLogic membership;

  /**
   * @param memberIdSeed part of every member id this machine generates; give each coordinator
   *     incarnation a different one (e.g. broker id and epoch) so ids never repeat after failover
   */
  public GroupStateMachine(GroupSettings settings, String memberIdSeed) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(memberIdSeed, "memberIdSeed");
    this.rebalance = new Rebalance(settings);
    this.joins = new JoinLogic(settings, rebalance, memberIdSeed);
    this.membership = new MembershipLogic(rebalance);
  }

  /** Applies one event to {@code group}. */
  public GroupResult apply(Group group, GroupEvent event) {
    GroupDraft draft = new GroupDraft(group);
    switch (event) {
      case GroupEvent.Join join -> joins.join(draft, join);
      case GroupEvent.Sync sync -> syncs.sync(draft, sync);
      case GroupEvent.Heartbeat heartbeat -> syncs.heartbeat(draft, heartbeat);
      case GroupEvent.Leave leave -> membership.leave(draft, leave);
      case GroupEvent.Delete delete -> membership.delete(draft, delete);
      case GroupEvent.Tick tick -> membership.expireSessions(draft, tick.nowMs());
      case GroupEvent.RebalanceTimeout timeout ->
          rebalance.onRebalanceTimeout(draft, timeout.nowMs());
      case GroupEvent.InitialDelayExpired expired ->
          rebalance.onInitialDelayExpired(draft, expired.nowMs());
    }
    Group next = draft.toGroup();
    return new GroupResult(
        next, draft.responses, timers(group, next), persist(group, next, draft.persistRequested));
  }

  private static boolean persist(Group before, Group after, boolean requested) {
    boolean enteredEmpty =
        after.state() == GroupState.EMPTY
            && (before.state() != GroupState.EMPTY || before.generation() != after.generation());
    boolean died = after.state() == GroupState.DEAD && before.state() != GroupState.DEAD;
    return requested || enteredEmpty || died;
  }

  /** The timer operations that take the armed timers from {@code before}'s to {@code after}'s. */
  static List<TimerOp> timers(Group before, Group after) {
    List<TimerOp> ops = new ArrayList<>();
    diff(ops, TimerKey.REBALANCE, before.rebalanceDeadlineMs(), after.rebalanceDeadlineMs());
    diff(
        ops,
        TimerKey.INITIAL_DELAY,
        before.initialDelay().map(Group.InitialDelay::deadlineMs).orElse(-1L),
        after.initialDelay().map(Group.InitialDelay::deadlineMs).orElse(-1L));
    Map<String, Long> was = sessionDeadlines(before);
    Map<String, Long> now = sessionDeadlines(after);
    was.forEach(
        (id, deadline) -> diff(ops, TimerKey.session(id), deadline, now.getOrDefault(id, -1L)));
    now.forEach(
        (id, deadline) -> {
          if (!was.containsKey(id)) {
            ops.add(new TimerOp.Schedule(TimerKey.session(id), deadline));
          }
        });
    return ops;
  }

  private static void diff(List<TimerOp> ops, TimerKey key, long before, long after) {
    if (before == after) {
      return;
    }
    ops.add(after < 0 ? new TimerOp.Cancel(key) : new TimerOp.Schedule(key, after));
  }

  /** The deadline {@code key} guards in {@code group}, -1 when it guards none. */
  static long deadline(Group group, TimerKey key) {
    return switch (key.kind()) {
      case REBALANCE -> group.rebalanceDeadlineMs();
      case INITIAL_DELAY -> group.initialDelay().map(Group.InitialDelay::deadlineMs).orElse(-1L);
      case SESSION -> sessionDeadlines(group).getOrDefault(key.memberId(), -1L);
    };
  }

  private static Map<String, Long> sessionDeadlines(Group group) {
    Map<String, Long> deadlines = new java.util.LinkedHashMap<>(group.pendingMembers());
    group.members().forEach(m -> deadlines.put(m.memberId(), m.sessionDeadlineMs()));
    return deadlines;
  }
}
