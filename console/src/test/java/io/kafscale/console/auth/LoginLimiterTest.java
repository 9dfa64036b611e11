/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginLimiterTest {
  private final AtomicLong now = new AtomicLong(5_000_000);
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

  @Test
  void shouldRefuseLoginsAfterTooManyFailuresInAMinuteAndAllowThemAgainLater() {
    // Given
    LoginLimiter limiter = new LoginLimiter(3, clock);

    // When
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.allowed()).isTrue();
      limiter.failed();
      now.addAndGet(1000);
    }

    // Then
    assertThat(limiter.allowed()).isFalse();
    assertThat(limiter.retryAfterSeconds()).isEqualTo(57);
    now.addAndGet(57_000);
    assertThat(limiter.allowed()).isTrue();
  }
}
