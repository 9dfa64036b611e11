/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.interbroker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** Outcome tags of inter-broker requests stay within their four values. */
class InterBrokerMetersTest {
  @Test
  void shouldTagAnsweredRequestsAsSuccess() {
    assertThat(InterBrokerMeters.outcome(null)).isEqualTo("success");
  }

  @Test
  void shouldTagTimeoutsAndNetworkFailuresThroughCompletionWrappers() {
    assertThat(InterBrokerMeters.outcome(new CompletionException(new TimeoutException("t"))))
        .isEqualTo("timeout");
    assertThat(InterBrokerMeters.outcome(new NetworkException("n"))).isEqualTo("network_error");
  }

  @Test
  void shouldTagAnythingElseAsError() {
    assertThat(InterBrokerMeters.outcome(new IllegalStateException("x"))).isEqualTo("error");
  }
}
