/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.gc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrphanTrackerTest {
  private static final long HOUR = Duration.ofHours(1).toMillis();
  private final OrphanTracker tracker = new OrphanTracker(Duration.ofHours(1));

  @Test
  void shouldDeleteOnlyWhenUnreferencedInPassesAtLeastTheGraceApart() {
    // Given
    assertThat(tracker.observe("p/", Set.of("a"), 0)).isEmpty();
    // When / Then: still inside the grace period
    assertThat(tracker.observe("p/", Set.of("a"), HOUR - 1)).isEmpty();
    // When / Then: a pass a full grace period after the first sighting
    assertThat(tracker.observe("p/", Set.of("a"), HOUR)).containsExactly("a");
  }

  @Test
  void shouldRestartTheGracePeriodWhenTheObjectWasReferencedInBetween() {
    // Given
    tracker.observe("p/", Set.of("a"), 0);
    // When a commit referenced it in between
    tracker.observe("p/", Set.of(), HOUR / 2);
    // Then a later unreferenced sighting starts over
    assertThat(tracker.observe("p/", Set.of("a"), HOUR)).isEmpty();
    assertThat(tracker.observe("p/", Set.of("a"), 2 * HOUR - 1)).isEmpty();
    assertThat(tracker.observe("p/", Set.of("a"), 2 * HOUR)).containsExactly("a");
  }

  @Test
  void shouldForgetObjectsThatVanishedSoMemoryStaysBounded() {
    // Given
    tracker.observe("p/", Set.of("a", "b", "c"), 0);
    assertThat(tracker.pending()).isEqualTo(3);
    // When
    tracker.observe("p/", Set.of("c"), 1);
    // Then
    assertThat(tracker.pending()).isEqualTo(1);
  }

  @Test
  void shouldOfferAFailedDeletionAgainAtTheNextPass() {
    // Given
    tracker.observe("p/", Set.of("a"), 0);
    assertThat(tracker.observe("p/", Set.of("a"), HOUR)).containsExactly("a");
    // When the deletion failed and the object is still listed
    // Then
    assertThat(tracker.observe("p/", Set.of("a"), HOUR + 1)).containsExactly("a");
  }

  @Test
  void shouldNeedTwoPassesEvenWithZeroGrace() {
    // Given
    OrphanTracker eager = new OrphanTracker(Duration.ZERO);
    // When / Then
    assertThat(eager.observe("p/", Set.of("a"), 5)).isEmpty();
    assertThat(eager.observe("p/", Set.of("a"), 6)).containsExactly("a");
  }

  @Test
  void shouldStartOverAfterReset() {
    // Given
    tracker.observe("p/", Set.of("a"), 0);
    // When
    tracker.reset();
    // Then
    assertThat(tracker.observe("p/", Set.of("a"), HOUR)).isEmpty();
  }

  @Test
  void shouldKeepPrefixesApartAndForgetPrefixesNoLongerVisited() {
    // Given unreferenced objects in two partitions
    tracker.observe("t/0/", Set.of("t/0/a"), 0);
    tracker.observe("t/1/", Set.of("t/1/b"), 0);

    // When one partition's observation no longer lists its key, the other's is untouched
    tracker.observe("t/0/", Set.of(), 1);
    assertThat(tracker.pending()).isEqualTo(1);

    // When a pass no longer visits t/1/
    tracker.retainPrefixes(Set.of("t/0/"));

    // Then it is forgotten: a later sighting starts a new grace period
    assertThat(tracker.pending()).isZero();
    assertThat(tracker.observe("t/1/", Set.of("t/1/b"), HOUR)).isEmpty();
  }
}
