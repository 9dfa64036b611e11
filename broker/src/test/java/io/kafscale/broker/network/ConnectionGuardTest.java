/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.security.sasl.SaslAuthenticator;
import io.kafscale.broker.security.sasl.SaslServers;
import io.kafscale.broker.security.sasl.SaslSettings;
import io.kafscale.protocol.frame.RequestFrame;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionGuardTest {
  private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
  private final ChannelHandlerContext ctx = channel.pipeline().firstContext();
  private final SaslAuthenticator sasl =
      new SaslAuthenticator(
          new SaslServers(
              new SaslSettings(
                  List.of("PLAIN"), Map.of("bob", "pw"), Duration.ofMinutes(1), Duration.ZERO),
              (user, mechanism) -> Optional.empty()),
          Duration.ofMinutes(1));
  private final ConnectionGuard guard =
      new ConnectionGuard(
          "SASL", sasl, Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC), 1 << 20);

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  private static RequestFrame frame(ApiKeys key, int version, ApiMessage body) {
    RequestHeaderData header =
        new RequestHeaderData()
            .setRequestApiKey(key.id)
            .setRequestApiVersion((short) version)
            .setClientId("test");
    return new RequestFrame(key, (short) version, header, body, 0, Unpooled.EMPTY_BUFFER);
  }

  private void handshake() {
    guard.admit(
        ctx,
        frame(ApiKeys.SASL_HANDSHAKE, 1, new SaslHandshakeRequestData().setMechanism("PLAIN")));
  }

  private void authenticate() {
    guard.admit(
        ctx,
        frame(
            ApiKeys.SASL_AUTHENTICATE,
            2,
            new SaslAuthenticateRequestData()
                .setAuthBytes("\0bob\0pw".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void shouldForwardRequestsOnceAuthenticated() {
    // Given
    handshake();
    authenticate();

    // When
    var admission = guard.admit(ctx, frame(ApiKeys.METADATA, 12, new MetadataRequestData()));

    // Then
    assertThat(admission).isInstanceOf(ConnectionGuard.Admission.Forward.class);
  }

  @Test
  void shouldCloseOnANonSaslRequestDuringReauthentication() {
    // Given a login, then a KIP-368 re-authentication handshake
    handshake();
    authenticate();
    handshake();

    // When
    var metadata = guard.admit(ctx, frame(ApiKeys.METADATA, 12, new MetadataRequestData()));
    var apiVersions =
        guard.admit(ctx, frame(ApiKeys.API_VERSIONS, 3, new ApiVersionsRequestData()));

    // Then
    assertThat(metadata).isInstanceOf(ConnectionGuard.Admission.Refuse.class);
    assertThat(apiVersions).isInstanceOf(ConnectionGuard.Admission.Refuse.class);
  }

  @Test
  void shouldServeApiVersionsBeforeTheFirstLogin() {
    // When
    var admission = guard.admit(ctx, frame(ApiKeys.API_VERSIONS, 3, new ApiVersionsRequestData()));

    // Then
    assertThat(admission).isInstanceOf(ConnectionGuard.Admission.Forward.class);
  }
}
