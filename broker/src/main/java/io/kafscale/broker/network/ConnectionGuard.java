/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.network;

import io.kafscale.broker.security.acl.KafkaPrincipal;
import io.kafscale.broker.security.sasl.SaslAuthenticator;
import io.kafscale.protocol.codec.KafkaFrameDecoder;
import io.kafscale.protocol.frame.RequestFrame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslAuthenticateResponseData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.message.SaslHandshakeResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * Decides, per request of one connection, whether it goes to the API handlers and as which
 * principal, is answered here (SaslHandshake, SaslAuthenticate), or closes the connection. On a
 * SASL listener only ApiVersions and the SASL exchange are served before authentication, requests
 * are limited to the pre-authentication size until then, and a session past its KIP-368 lifetime
 * must re-authenticate before anything else; while it re-authenticates (KIP-368) only the SASL
 * exchange is served and any other request closes the connection, as in Kafka. On other listeners
 * the principal is the TLS client certificate's subject ({@code User:CN=…}) or {@code
 * User:ANONYMOUS}, and SASL requests get ILLEGAL_SASL_STATE as on a Kafka listener without SASL.
 * Confined to the connection's event loop.
 */
public final class ConnectionGuard {
  /** What to do with one request. */
  public sealed interface Admission {
    /** Hand it to the API handlers as {@code principal}. */
    record Forward(KafkaPrincipal principal) implements Admission {}

    /** Answer it with {@code response}; {@code thenClose}: close once it is written. */
    record Answer(CompletionStage<ApiMessage> response, boolean thenClose, boolean authenticated)
        implements Admission {}

    /** Close the connection (after the responses of earlier requests); {@code reason} is a tag. */
    record Refuse(String reason) implements Admission {}
  }

  private final String listenerName;
  private final SaslAuthenticator sasl;
  private final Clock clock;
  private final int maxFrameBytes;
  private KafkaPrincipal tlsPrincipal;

  /**
   * @param sasl the connection's authenticator on SASL listeners, null on others
   * @param clock times SASL sessions; may be null without {@code sasl}
   * @param maxFrameBytes the frame limit once authenticated
   */
  public ConnectionGuard(
      String listenerName, SaslAuthenticator sasl, Clock clock, int maxFrameBytes) {
    if (sasl != null) {
      Objects.requireNonNull(clock, "clock");
    }
    this.listenerName = listenerName;
    this.sasl = sasl;
    this.clock = clock;
    this.maxFrameBytes = maxFrameBytes;
  }

  /** A guard letting everything through as {@code User:ANONYMOUS} (unnamed plaintext listener). */
  public static ConnectionGuard open() {
    return new ConnectionGuard(null, null, null, Integer.MAX_VALUE);
  }

  /** The connection closed: releases the SASL exchange's resources. */
  public void close() {
    if (sasl != null) {
      sasl.close();
    }
  }

  public String listenerName() {
    return listenerName;
  }

  /** The mechanism of the SASL exchange, for meters; {@code "unknown"} without one. */
  public String mechanism() {
    return sasl == null ? "unknown" : sasl.mechanism();
  }

  public Admission admit(ChannelHandlerContext ctx, RequestFrame frame) {
    ApiKeys key = frame.apiKey();
    boolean saslRequest = key == ApiKeys.SASL_HANDSHAKE || key == ApiKeys.SASL_AUTHENTICATE;
    if (sasl == null) {
      return saslRequest
          ? new Admission.Answer(CompletableFuture.completedFuture(illegalState(key)), false, false)
          : new Admission.Forward(tlsPrincipal(ctx));
    }
    if (saslRequest) {
      return answerSasl(ctx, frame);
    }
    if (!sasl.authenticated()) {
      if (sasl.everAuthenticated()) {
        return new Admission.Refuse("reauthentication_incomplete");
      }
      return key == ApiKeys.API_VERSIONS
          ? new Admission.Forward(KafkaPrincipal.ANONYMOUS)
          : new Admission.Refuse("unauthenticated_request");
    }
    if (sasl.sessionExpired(clock.millis())) {
      return new Admission.Refuse("session_expired");
    }
    return new Admission.Forward(sasl.principal().orElseThrow());
  }

  private Admission answerSasl(ChannelHandlerContext ctx, RequestFrame frame) {
    if (frame.apiKey() == ApiKeys.SASL_HANDSHAKE) {
      SaslHandshakeResponseData response =
          sasl.handshake((SaslHandshakeRequestData) frame.body(), frame.apiVersion());
      return new Admission.Answer(
          CompletableFuture.completedFuture(response),
          sasl.state() == SaslAuthenticator.State.FAILED,
          false);
    }
    SaslAuthenticator.AuthenticateResult result =
        sasl.authenticate(
            (SaslAuthenticateRequestData) frame.body(), frame.apiVersion(), clock.millis());
    boolean done = !result.failed() && sasl.state() == SaslAuthenticator.State.AUTHENTICATED;
    if (done) {
      KafkaFrameDecoder decoder = ctx.pipeline().get(KafkaFrameDecoder.class);
      if (decoder != null) {
        decoder.maxFrameBytes(maxFrameBytes);
        decoder.accumulateIncrementally(false);
      }
    }
    return new Admission.Answer(
        CompletableFuture.completedFuture(result.response()), result.failed(), done);
  }

  private static ApiMessage illegalState(ApiKeys key) {
    return key == ApiKeys.SASL_HANDSHAKE
        ? new SaslHandshakeResponseData().setErrorCode(Errors.ILLEGAL_SASL_STATE.code())
        : new SaslAuthenticateResponseData()
            .setErrorCode(Errors.ILLEGAL_SASL_STATE.code())
            .setErrorMessage("This listener does not use SASL");
  }

  /** The verified client certificate's subject, else ANONYMOUS; computed once. */
  private KafkaPrincipal tlsPrincipal(ChannelHandlerContext ctx) {
    if (tlsPrincipal == null) {
      tlsPrincipal = KafkaPrincipal.ANONYMOUS;
      SslHandler ssl = ctx.pipeline().get(SslHandler.class);
      if (ssl != null) {
        try {
          tlsPrincipal =
              new KafkaPrincipal(
                  KafkaPrincipal.USER_TYPE, ssl.engine().getSession().getPeerPrincipal().getName());
        } catch (SSLPeerUnverifiedException e) {
          // no client certificate (client auth none/requested): anonymous, as in Kafka
        }
      }
    }
    return tlsPrincipal;
  }
}
