/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.partition.OwnershipDecisions.Action;
import io.kafscale.broker.partition.OwnershipDecisions.Kind;
import io.kafscale.metadata.cluster.ClusterImage;
import io.kafscale.metadata.model.AssignmentRecord;
import io.kafscale.metadata.model.OwnerRecord;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.TopicRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OwnershipDecisionsTest {
  private static final int SELF = 1;
  private static final PartitionRef P0 = new PartitionRef("t", 0);
  private static final PartitionRef P1 = new PartitionRef("t", 1);

  private static final UUID TOPIC_ID = new UUID(1, 2);

  private static OwnershipDecisions.OpenLog open(int epoch) {
    return new OwnershipDecisions.OpenLog(epoch, TOPIC_ID);
  }

  private static ClusterImage image(List<Integer> targets, Map<PartitionRef, OwnerRecord> owners) {
    TopicRecord topic = new TopicRecord("t", TOPIC_ID, targets.size(), Map.of(), 0);
    return new ClusterImage(
        10,
        Map.of(),
        Optional.empty(),
        Map.of("t", topic),
        Map.of("t", new AssignmentRecord(targets)),
        owners);
  }

  private static List<Action> decide(
      ClusterImage image,
      Map<PartitionRef, OwnershipDecisions.OpenLog> open,
      Set<PartitionRef> inFlight) {
    return OwnershipDecisions.decide(image, SELF, open, inFlight);
  }

  @Test
  void shouldClaimUnownedPartitionsAssignedHere() {
    // Given / When
    List<Action> actions = decide(image(List.of(1, 2), Map.of()), Map.of(), Set.of());
    // Then
    assertThat(actions).containsExactly(new Action(Kind.CLAIM, P0));
  }

  @Test
  void shouldWaitWhileAnotherBrokerStillOwnsAPartitionAssignedHere() {
    // Given
    ClusterImage image = image(List.of(1, 1), Map.of(P0, new OwnerRecord(2, 5, "x")));
    // When / Then
    assertThat(decide(image, Map.of(), Set.of())).containsExactly(new Action(Kind.CLAIM, P1));
  }

  @Test
  void shouldTakeOverAPartitionStillHeldByAnEarlierIncarnationOfThisBroker() {
    // Given
    ClusterImage image = image(List.of(1), Map.of(P0, new OwnerRecord(SELF, 5, "before-restart")));
    // When / Then
    assertThat(decide(image, Map.of(), Set.of())).containsExactly(new Action(Kind.CLAIM, P0));
  }

  @Test
  void shouldReleaseAnOpenPartitionAssignedElsewhere() {
    // Given
    ClusterImage image = image(List.of(2), Map.of(P0, new OwnerRecord(SELF, 3, "me")));
    // When / Then
    assertThat(decide(image, Map.of(P0, open(3)), Set.of()))
        .containsExactly(new Action(Kind.RELEASE, P0));
  }

  @Test
  void shouldDropAnOpenPartitionClaimedAgainAtANewerEpoch() {
    // Given
    ClusterImage image = image(List.of(1), Map.of(P0, new OwnerRecord(2, 4, "other")));
    // When / Then
    assertThat(decide(image, Map.of(P0, open(3)), Set.of()))
        .containsExactly(new Action(Kind.DROP, P0));
  }

  @Test
  void shouldKeepAnOpenPartitionWhenTheImageOnlyLagsBehindItsClaim() {
    // Given the image still shows the previous owner's key, at an older epoch
    ClusterImage image = image(List.of(1), Map.of(P0, new OwnerRecord(2, 2, "previous")));
    // When / Then
    assertThat(decide(image, Map.of(P0, open(3)), Set.of())).isEmpty();
  }

  @Test
  void shouldDropPartitionsOfDeletedTopicsOrBeyondTheCount() {
    // Given
    ClusterImage image = image(List.of(1), Map.of());
    Map<PartitionRef, OwnershipDecisions.OpenLog> open = new HashMap<>();
    open.put(P1, open(1));
    open.put(new PartitionRef("deleted", 0), open(1));
    // When
    List<Action> actions = decide(image, open, Set.of());
    // Then
    assertThat(actions)
        .containsExactlyInAnyOrder(
            new Action(Kind.DROP, P1),
            new Action(Kind.DROP, new PartitionRef("deleted", 0)),
            new Action(Kind.CLAIM, P0));
  }

  @Test
  void shouldLeavePartitionsWithAnActionInFlightAlone() {
    // Given
    ClusterImage image = image(List.of(1, 2), Map.of());
    // When / Then
    assertThat(decide(image, Map.of(P1, open(1)), Set.of(P0, P1))).isEmpty();
  }

  @Test
  void shouldDropAnOpenLogOfATopicThatWasDeletedAndCreatedAgain() {
    // Given the image shows a topic of the same name with another id
    ClusterImage image = image(List.of(1), Map.of());
    Map<PartitionRef, OwnershipDecisions.OpenLog> open =
        Map.of(P0, new OwnershipDecisions.OpenLog(1, new UUID(9, 9)));
    // When / Then
    assertThat(decide(image, open, Set.of())).containsExactly(new Action(Kind.DROP, P0));
  }

  @Test
  void shouldDeleteALeftOverOwnerKeyOfThisBrokerOnAPartitionAssignedElsewhere() {
    // Given a key of ours with no log behind it (a claim whose log never opened)
    OwnerRecord stale = new OwnerRecord(SELF, 4, "me");
    ClusterImage image = image(List.of(2), Map.of(P0, stale));
    // When / Then
    assertThat(decide(image, Map.of(), Set.of()))
        .containsExactly(new Action(Kind.RELEASE_KEY, P0, stale));
  }
}
