/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.junit.jupiter.api.Test;

class ConnectionGuardTest {

  @Test
  void shouldCloseConnectionsBeyondTheLimitAndCountClosedOnesOut() {
    // Given
    ConnectionGuard guard = new ConnectionGuard(1);
    EmbeddedChannel first = new EmbeddedChannel(guard);

    // When
    EmbeddedChannel second = new EmbeddedChannel(guard);

    // Then
    assertThat(first.isOpen()).isTrue();
    assertThat(second.isOpen()).isFalse();
    assertThat(guard.open()).isEqualTo(1);
    first.close();
    assertThat(new EmbeddedChannel(guard).isOpen()).isTrue();
  }

  @Test
  void shouldCloseAnIdleConnectionButKeepAnEventStreamWithoutIdleTimeout() {
    // Given
    ConnectionGuard guard = new ConnectionGuard(10);
    EmbeddedChannel idle = new EmbeddedChannel(guard);
    EmbeddedChannel stream = new EmbeddedChannel();
    stream.pipeline().addLast(ConnectionGuard.IDLE, new IdleStateHandler(0, 0, 60)).addLast(guard);

    // When
    idle.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
    ConnectionGuard.streaming(stream.pipeline());

    // Then
    assertThat(idle.isOpen()).isFalse();
    assertThat(stream.pipeline().get(ConnectionGuard.IDLE)).isNull();
    assertThat(stream.isOpen()).isTrue();
  }
}
