/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.sasl;

import io.kafscale.broker.security.acl.KafkaPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslAuthenticateResponseData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.message.SaslHandshakeResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SASL state of one connection on a SASL listener.
 *
 * <pre>
 *   AWAIT_HANDSHAKE --handshake ok--> AWAIT_AUTHENTICATE --exchange complete--> AUTHENTICATED
 *   AUTHENTICATED --handshake (KIP-368 re-authentication)--> AWAIT_AUTHENTICATE
 *   any state --bad request, unknown mechanism, failed exchange--> FAILED (connection closes)
 * </pre>
 *
 * Only {@link State#AUTHENTICATED} serves other requests: during a re-authentication (a handshake
 * after a login) anything but the SASL exchange closes the connection, as in Kafka. A
 * re-authentication must keep the mechanism and the principal. The session lifetime starts at each
 * successful authentication. The {@link SaslServer} of an unfinished exchange is disposed when the
 * exchange fails and when the connection closes ({@link #close()}). Time comes in as {@code nowMs}.
 * Not thread-safe: confined to the connection's event loop.
 */
public final class SaslAuthenticator {
  private static final Logger LOG = LoggerFactory.getLogger(SaslAuthenticator.class);

  /** Where the exchange stands. */
  public enum State {
    AWAIT_HANDSHAKE,
    AWAIT_AUTHENTICATE,
    AUTHENTICATED,
    FAILED
  }

  /** The answer to a SaslAuthenticate, and whether the connection must now close. */
  public record AuthenticateResult(SaslAuthenticateResponseData response, boolean failed) {}

  /** Creates the server side of one exchange; the seam tests use to watch disposal. */
  interface ServerFactory {
    List<String> mechanisms();

    SaslServer create(String mechanism) throws SaslException;
  }

  private final ServerFactory servers;
  private final long sessionLifetimeMs;
  private State state = State.AWAIT_HANDSHAKE;
  private String mechanism;
  private SaslServer server;
  private KafkaPrincipal principal;
  private boolean everAuthenticated;
  private long sessionExpiresAtMs;

  public SaslAuthenticator(SaslServers servers, Duration sessionLifetime) {
    this(
        new ServerFactory() {
          @Override
          public List<String> mechanisms() {
            return servers.mechanisms();
          }

          @Override
          public SaslServer create(String mechanism) throws SaslException {
            return servers.create(mechanism);
          }
        },
        sessionLifetime);
  }

  SaslAuthenticator(ServerFactory servers, Duration sessionLifetime) {
    this.servers = servers;
    this.sessionLifetimeMs = sessionLifetime.toMillis();
  }

  public State state() {
    return state;
  }

  /** The mechanism being or last used; {@code "unknown"} before a handshake chose one. */
  public String mechanism() {
    return mechanism == null ? "unknown" : mechanism;
  }

  /**
   * Whether requests other than ApiVersions and SASL ones may be served: only when AUTHENTICATED.
   */
  public boolean authenticated() {
    return state == State.AUTHENTICATED;
  }

  /** Whether a login succeeded before, i.e. this is (or was) a KIP-368 re-authentication. */
  public boolean everAuthenticated() {
    return everAuthenticated;
  }

  /** The authenticated principal, empty before the first successful authentication. */
  public Optional<KafkaPrincipal> principal() {
    return Optional.ofNullable(principal);
  }

  /** Whether the session has ended without a re-authentication (never when no lifetime is set). */
  public boolean sessionExpired(long nowMs) {
    return everAuthenticated && sessionLifetimeMs > 0 && nowMs >= sessionExpiresAtMs;
  }

  /** Answers a SaslHandshake; on an error the state is {@link State#FAILED}. */
  public SaslHandshakeResponseData handshake(SaslHandshakeRequestData request, short version) {
    SaslHandshakeResponseData response =
        new SaslHandshakeResponseData().setMechanisms(servers.mechanisms());
    if (version < 1) {
      // v0 sends raw SASL tokens without Kafka framing afterwards (clients before 1.0).
      failHandshake();
      return response.setErrorCode(Errors.UNSUPPORTED_VERSION.code());
    }
    if (state != State.AWAIT_HANDSHAKE && state != State.AUTHENTICATED) {
      failHandshake();
      return response.setErrorCode(Errors.ILLEGAL_SASL_STATE.code());
    }
    String requested = request.mechanism();
    boolean reauthentication = state == State.AUTHENTICATED;
    if (!servers.mechanisms().contains(requested)
        || (reauthentication && !requested.equals(mechanism))) {
      failHandshake();
      return response.setErrorCode(Errors.UNSUPPORTED_SASL_MECHANISM.code());
    }
    try {
      server = servers.create(requested);
    } catch (SaslException e) {
      failHandshake();
      return response.setErrorCode(Errors.UNSUPPORTED_SASL_MECHANISM.code());
    }
    mechanism = requested;
    state = State.AWAIT_AUTHENTICATE;
    return response.setErrorCode(Errors.NONE.code());
  }

  /** Answers a SaslAuthenticate: the next challenge, success, or failure (connection closes). */
  public AuthenticateResult authenticate(
      SaslAuthenticateRequestData request, short version, long nowMs) {
    if (state != State.AWAIT_AUTHENTICATE) {
      return fail(Errors.ILLEGAL_SASL_STATE, "SaslAuthenticate without a successful SaslHandshake");
    }
    byte[] challenge;
    try {
      challenge = server.evaluateResponse(request.authBytes());
    } catch (SaslAuthenticationException e) {
      // kafka-clients' servers say why without secrets ("Invalid username or password").
      return fail(Errors.SASL_AUTHENTICATION_FAILED, e.getMessage());
    } catch (SaslException | RuntimeException e) {
      // The client gets Kafka's generic text (no user enumeration); the log keeps the reason.
      LOG.info("SASL exchange failed mechanism={} reason={}", mechanism, e.toString());
      return fail(
          Errors.SASL_AUTHENTICATION_FAILED,
          "Authentication failed during authentication due to invalid credentials with SASL"
              + " mechanism "
              + mechanism);
    }
    SaslAuthenticateResponseData response =
        new SaslAuthenticateResponseData()
            .setErrorCode(Errors.NONE.code())
            .setAuthBytes(challenge == null ? new byte[0] : challenge);
    if (!server.isComplete()) {
      return new AuthenticateResult(response, false);
    }
    KafkaPrincipal authenticatedAs =
        new KafkaPrincipal(KafkaPrincipal.USER_TYPE, server.getAuthorizationID());
    disposeServer();
    if (principal != null && !principal.equals(authenticatedAs)) {
      return fail(
          Errors.SASL_AUTHENTICATION_FAILED,
          "Re-authentication must keep the principal " + principal);
    }
    principal = authenticatedAs;
    everAuthenticated = true;
    state = State.AUTHENTICATED;
    sessionExpiresAtMs =
        sessionLifetimeMs > 0 ? saturatedAdd(nowMs, sessionLifetimeMs) : Long.MAX_VALUE;
    if (version >= 1) {
      response.setSessionLifetimeMs(sessionLifetimeMs);
    }
    return new AuthenticateResult(response, false);
  }

  /** {@code a + b} for non-negative {@code b}, {@link Long#MAX_VALUE} instead of overflowing. */
  static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  /** Disposes the exchange's server; the connection is closing. Idempotent. */
  public void close() {
    disposeServer();
  }

  private void failHandshake() {
    disposeServer();
    state = State.FAILED;
  }

  private AuthenticateResult fail(Errors error, String message) {
    disposeServer();
    state = State.FAILED;
    return new AuthenticateResult(
        new SaslAuthenticateResponseData()
            .setErrorCode(error.code())
            .setErrorMessage(message)
            .setAuthBytes(new byte[0]),
        true);
  }

  private void disposeServer() {
    if (server != null) {
      try {
        server.dispose();
      } catch (SaslException e) {
        // nothing held that matters
      }
      server = null;
    }
  }
}
