/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import org.junit.jupiter.api.Test;

class EventHubTest {

  @Test
  void shouldCloseAStreamThatStopsReadingInsteadOfQueueingEvents() {
    // Given a stream whose outbound buffer is full (the client stopped reading)
    EventHub hub = new EventHub();
    EmbeddedChannel slow = new EmbeddedChannel();
    EmbeddedChannel fast = new EmbeddedChannel();
    hub.attach(slow, "s1");
    hub.attach(fast, "s2");
    slow.unsafe().outboundBuffer().setUserDefinedWritability(1, false);

    // When
    hub.publish("overview", "{}");

    // Then
    assertThat(slow.isOpen()).isFalse();
    assertThat(slow.outboundMessages()).isEmpty();
    assertThat(fast.isOpen()).isTrue();
    HttpContent sent = fast.readOutbound();
    assertThat(sent).isNotNull();
    sent.release();
    assertThat(hub.streams()).isEqualTo(1);
  }

  @Test
  void shouldCloseOnlyTheStreamsOfASessionThatEnded() {
    // Given
    EventHub hub = new EventHub();
    EmbeddedChannel a1 = new EmbeddedChannel();
    EmbeddedChannel a2 = new EmbeddedChannel();
    EmbeddedChannel b = new EmbeddedChannel();
    hub.attach(a1, "a");
    hub.attach(a2, "a");
    hub.attach(b, "b");

    // When
    hub.closeSession("a");

    // Then
    assertThat(a1.isOpen()).isFalse();
    assertThat(a2.isOpen()).isFalse();
    assertThat(b.isOpen()).isTrue();
    assertThat(hub.streams()).isEqualTo(1);
  }
}
