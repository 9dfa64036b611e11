/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.model.ListenerEndpoint;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrokerListenersCodecTest {

  @Test
  void shouldRoundTripEveryListenerEndpoint() {
    // Given
    BrokerRecord broker =
        new BrokerRecord(3, "internal.svc", 9092, Optional.of("a"), 5, false, "inc", 9093)
            .withListeners(
                List.of(
                    new ListenerEndpoint("INTERNAL", "internal.svc", 9092),
                    new ListenerEndpoint("EXTERNAL", "kafka.example.com", 19094)));

    // When
    BrokerRecord decoded = ProtoCodec.decodeBroker(ProtoCodec.encodeBroker(broker));

    // Then
    assertThat(decoded).isEqualTo(broker);
    assertThat(decoded.endpoint("EXTERNAL").host()).isEqualTo("kafka.example.com");
    assertThat(decoded.endpoint("EXTERNAL").port()).isEqualTo(19094);
  }

  @Test
  void shouldFallBackToDefaultEndpointForUnknownListener() {
    // Given
    BrokerRecord broker = new BrokerRecord(1, "h", 9092, Optional.empty(), 0, false, "i");

    // When
    ListenerEndpoint endpoint =
        ProtoCodec.decodeBroker(ProtoCodec.encodeBroker(broker)).endpoint("X");

    // Then
    assertThat(endpoint.host()).isEqualTo("h");
    assertThat(endpoint.port()).isEqualTo(9092);
  }
}
