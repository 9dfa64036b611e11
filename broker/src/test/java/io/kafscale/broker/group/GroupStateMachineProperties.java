/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.group.GroupResponse.JoinResponse;
import io.kafscale.broker.group.GroupResponse.SyncResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sequences of joins, syncs, heartbeats, leaves, deletes and timers from four clients (two
 * static) keep the group coordinator's invariants: one leader that is a member, generations only
 * grow, a Stable group's assignments are the latest leader sync's, every request is answered at
 * most once and none is lost, Dead is terminal.
 */
class GroupStateMachineProperties {
  private static final int CLIENTS = 4;

  /** One client action; {@code op} picks the action, {@code flag} a variant of it. */
  record Step(int op, int client, boolean flag, int advanceMs) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 12),
            Arbitraries.integers().between(0, CLIENTS - 1),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 1_500))
        .as(Step::new)
        .list()
        .ofMinSize(30)
        .ofMaxSize(100);
  }

  @Property(tries = 500)
  void shouldKeepGroupInvariantsUnderRandomEvents(@ForAll("steps") List<Step> steps) {
    Run run = new Run();
    run.play(steps);
    // shows in the report that random runs do reach the interesting states
    Statistics.label("reached Stable").collect(run.reachedStable);
    Statistics.label("highest generation").collect(Math.min(run.group.generation(), 3));
  }

  /** The clients, the coordinator's group and the oracle of what must hold. */
  private static final class Run {
    private final GroupStateMachine machine = new GroupStateMachine(GroupSettings.defaults(), "p");
    private Group group = Group.empty("g");
    private long nowMs = 0;
    private long nextRequest = 1;
    private final String[] memberIds = {"", "", "", ""};
    private final int[] generations = {-1, -1, -1, -1};
    private final Map<Long, Integer> requestClient = new HashMap<>();
    private final Map<Long, String> syncMember = new HashMap<>();
    private final Set<Long> heldKinds = new HashSet<>();
    private final Set<Long> issued = new HashSet<>();
    private final Set<Long> answered = new HashSet<>();
    private Map<String, Bytes> expectedAssignments = Map.of();
    private int expectedGeneration = -1;
    private boolean reachedStable;

    void play(List<Step> steps) {
      for (Step step : steps) {
        nowMs += step.advanceMs();
        GroupEvent event = eventFor(step);
        Group before = group;
        GroupResult result = machine.apply(before, event);
        group = result.group();
        learn(result);
        checkInvariants(before, event, result);
      }
    }

    private GroupEvent eventFor(Step step) {
      int c = step.client();
      Optional<String> instance = c >= 2 ? Optional.of("s" + c) : Optional.empty();
      long id = nextRequest++;
      requestClient.put(id, c);
      return switch (step.op()) {
        case 0, 1, 2 -> {
          issue(id, true);
          String memberId = step.flag() && step.op() == 2 ? "" : memberIds[c];
          List<Protocol> protocols =
              step.op() == 1 && step.flag()
                  ? protocols("cooperative-sticky", "range")
                  : protocols("range", "cooperative-sticky");
          yield new GroupEvent.Join(
              id,
              nowMs,
              memberId,
              instance,
              "c" + c,
              "h",
              15_000,
              10_000,
              "consumer",
              protocols,
              true,
              step.flag());
        }
        case 3, 4, 5 -> {
          issue(id, true);
          syncMember.put(id, memberIds[c]);
          Map<String, Bytes> assignments = new HashMap<>();
          if (group.leaderId().filter(memberIds[c]::equals).isPresent()) {
            group
                .members()
                .forEach(
                    m ->
                        assignments.put(
                            m.memberId(),
                            Bytes.of((id + "/" + m.memberId()).getBytes(StandardCharsets.UTF_8))));
          }
          yield new GroupEvent.Sync(
              id,
              nowMs,
              memberIds[c],
              instance,
              generations[c],
              Optional.of("consumer"),
              Optional.empty(),
              assignments);
        }
        case 6, 7 -> {
          issue(id, false);
          yield new GroupEvent.Heartbeat(id, nowMs, memberIds[c], instance, generations[c]);
        }
        case 8 -> {
          issue(id, false);
          String memberId = step.flag() && instance.isPresent() ? "" : memberIds[c];
          yield new GroupEvent.Leave(
              id, nowMs, List.of(new GroupEvent.LeavingMember(memberId, instance)));
        }
        case 9 -> new GroupEvent.Tick(nowMs);
        case 10 -> {
          nowMs = Math.max(nowMs, group.rebalanceDeadlineMs());
          yield new GroupEvent.RebalanceTimeout(nowMs);
        }
        case 11 -> {
          nowMs = Math.max(nowMs, group.initialDelay().map(d -> d.deadlineMs()).orElse(0L));
          yield new GroupEvent.InitialDelayExpired(nowMs);
        }
        default -> {
          if (!step.flag() || c != 0 || step.advanceMs() > 200) {
            yield new GroupEvent.Tick(nowMs);
          }
          issue(id, false);
          yield new GroupEvent.Delete(id, nowMs);
        }
      };
    }

    private void issue(long id, boolean mayBeHeld) {
      issued.add(id);
      if (mayBeHeld) {
        heldKinds.add(id);
      }
    }

    private void learn(GroupResult result) {
      for (GroupResponse response : result.responses()) {
        if (response instanceof JoinResponse join
            && (join.error() == ErrorKind.NONE || join.error() == ErrorKind.MEMBER_ID_REQUIRED)) {
          int c = requestClient.get(join.requestId());
          memberIds[c] = join.memberId();
          generations[c] = join.generation();
        }
      }
    }

    private void checkInvariants(Group before, GroupEvent event, GroupResult result) {
      // at most one leader, and it is a member; a group with members has one
      assertThat(group.leaderId().isPresent()).isEqualTo(!group.members().isEmpty());
      group.leaderId().ifPresent(l -> assertThat(group.member(l)).isPresent());
      // generations only grow; Dead is terminal
      assertThat(group.generation()).isGreaterThanOrEqualTo(before.generation());
      if (before.state() == GroupState.DEAD) {
        assertThat(group.state()).isEqualTo(GroupState.DEAD);
      }
      // every response answers an issued request, once
      for (GroupResponse response : result.responses()) {
        assertThat(issued).contains(response.requestId());
        assertThat(answered.add(response.requestId()))
            .as("request %d answered twice", response.requestId())
            .isTrue();
      }
      // no request is lost: each one is answered or held by a current member
      Set<Long> held = new HashSet<>();
      group
          .members()
          .forEach(
              m -> {
                if (m.isAwaitingJoin()) {
                  held.add(m.joinRequestId());
                }
                if (m.isAwaitingSync()) {
                  held.add(m.syncRequestId());
                }
              });
      for (long id : issued) {
        assertThat(answered.contains(id) || (heldKinds.contains(id) && held.contains(id)))
            .as("request %d neither answered nor held", id)
            .isTrue();
      }
      trackAssignments(before, event, result);
    }

    private void trackAssignments(Group before, GroupEvent event, GroupResult result) {
      if (event instanceof GroupEvent.Sync sync
          && before.state() == GroupState.COMPLETING_REBALANCE
          && group.state() == GroupState.STABLE) {
        Map<String, Bytes> expected = new HashMap<>();
        group
            .members()
            .forEach(
                m ->
                    expected.put(
                        m.memberId(), sync.assignments().getOrDefault(m.memberId(), Bytes.EMPTY)));
        expectedAssignments = expected;
        expectedGeneration = group.generation();
      }
      if (group.state() == GroupState.STABLE && before.generation() == group.generation()) {
        Map<String, Bytes> renamed = new HashMap<>(expectedAssignments);
        before
            .staticMembers()
            .forEach(
                (instance, oldId) -> {
                  String newId = group.staticMembers().get(instance);
                  if (newId != null && !newId.equals(oldId) && renamed.containsKey(oldId)) {
                    renamed.put(newId, renamed.remove(oldId));
                  }
                });
        expectedAssignments = renamed;
      }
      if (group.state() == GroupState.STABLE) {
        reachedStable = true;
        assertThat(group.generation()).isEqualTo(expectedGeneration);
        group
            .members()
            .forEach(
                m -> assertThat(m.assignment()).isEqualTo(expectedAssignments.get(m.memberId())));
        for (GroupResponse response : result.responses()) {
          if (response instanceof SyncResponse s && s.error() == ErrorKind.NONE) {
            String member = syncMember.get(s.requestId());
            assertThat(s.assignment()).isEqualTo(expectedAssignments.get(member));
          }
        }
      }
    }

    private static List<Protocol> protocols(String... names) {
      return java.util.Arrays.stream(names)
          .map(n -> new Protocol(n, Bytes.of(n.getBytes(StandardCharsets.UTF_8))))
          .toList();
    }
  }
}
