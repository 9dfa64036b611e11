/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(now.get());
        }
      };
  private final Sessions sessions = new Sessions("admin", "pw", Duration.ofMinutes(10), clock);

  @Test
  void shouldIssueDistinctRandomIdsAndCsrfTokensOnGoodCredentials() {
    // When
    Session a = sessions.login("admin", "pw").orElseThrow();
    Session b = sessions.login("admin", "pw").orElseThrow();

    // Then
    assertThat(a.id()).isNotEqualTo(b.id()).hasSize(43);
    assertThat(a.csrfToken()).isNotEqualTo(a.id()).hasSize(43);
    assertThat(sessions.find(a.id())).contains(a);
  }

  @Test
  void shouldRefuseWrongUserOrPassword() {
    assertThat(sessions.login("admin", "nope")).isEmpty();
    assertThat(sessions.login("root", "pw")).isEmpty();
    assertThat(sessions.login(null, null)).isEmpty();
  }

  @Test
  void shouldExpireSessionsAfterTheirLifetime() {
    // Given
    Session s = sessions.login("admin", "pw").orElseThrow();

    // When
    now.addAndGet(Duration.ofMinutes(10).toMillis());

    // Then
    assertThat(sessions.find(s.id())).isEmpty();
  }

  @Test
  void shouldForgetSessionOnLogoutAndMatchOnlyTheExactCsrfToken() {
    // Given
    Session s = sessions.login("admin", "pw").orElseThrow();

    // Then
    assertThat(Sessions.csrfMatches(s, s.csrfToken())).isTrue();
    assertThat(Sessions.csrfMatches(s, s.csrfToken() + "x")).isFalse();
    assertThat(Sessions.csrfMatches(s, null)).isFalse();
    sessions.logout(s.id());
    assertThat(sessions.find(s.id())).isEmpty();
  }

  @Test
  void shouldCapAHugeLifetimeInsteadOfOverflowingIntoAnExpiredSession() {
    // Given a lifetime that overflows now + ttl
    Sessions huge = new Sessions("admin", "pw", Duration.ofMillis(Long.MAX_VALUE), clock);

    // When
    Session s = huge.login("admin", "pw").orElseThrow();

    // Then
    assertThat(huge.ttl()).isEqualTo(Sessions.MAX_TTL);
    assertThat(huge.find(s.id())).contains(s);
    assertThat(s.expiresAtMs()).isEqualTo(now.get() + Sessions.MAX_TTL.toMillis());
    assertThat(Sessions.expiry(Long.MAX_VALUE - 5, Duration.ofMillis(10)))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(Sessions.expiry(1, Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void shouldTellListenersWhenASessionEndsByLogoutOrExpiry() {
    // Given
    java.util.List<String> ended = new java.util.concurrent.CopyOnWriteArrayList<>();
    sessions.onSessionEnd(ended::add);
    Session a = sessions.login("admin", "pw").orElseThrow();
    Session b = sessions.login("admin", "pw").orElseThrow();

    // When
    sessions.logout(a.id());
    now.addAndGet(Duration.ofMinutes(10).toMillis());
    sessions.purgeExpired();

    // Then
    assertThat(ended).containsExactly(a.id(), b.id());
  }
}
