/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.junit.jupiter.api.Test;

/** Session lifetime arithmetic, KIP-368 re-authentication state and SaslServer disposal. */
class SaslAuthenticatorLifecycleTest {
  private static final byte[] BOB = "\0bob\0pw".getBytes(StandardCharsets.UTF_8);

  /** A PLAIN server that counts its disposals. */
  private static final class CountingServer implements SaslServer {
    private final SaslServer delegate;
    int disposed;

    CountingServer(SaslServer delegate) {
      this.delegate = delegate;
    }

    @Override
    public String getMechanismName() {
      return delegate.getMechanismName();
    }

    @Override
    public byte[] evaluateResponse(byte[] response) throws SaslException {
      return delegate.evaluateResponse(response);
    }

    @Override
    public boolean isComplete() {
      return delegate.isComplete();
    }

    @Override
    public String getAuthorizationID() {
      return delegate.getAuthorizationID();
    }

    @Override
    public byte[] unwrap(byte[] incoming, int offset, int len) throws SaslException {
      return delegate.unwrap(incoming, offset, len);
    }

    @Override
    public byte[] wrap(byte[] outgoing, int offset, int len) throws SaslException {
      return delegate.wrap(outgoing, offset, len);
    }

    @Override
    public Object getNegotiatedProperty(String propName) {
      return delegate.getNegotiatedProperty(propName);
    }

    @Override
    public void dispose() throws SaslException {
      disposed++;
      delegate.dispose();
    }
  }

  private final SaslServers plain =
      new SaslServers(
          new SaslSettings(List.of("PLAIN"), Map.of("bob", "pw"), Duration.ZERO, Duration.ZERO),
          (user, mechanism) -> java.util.Optional.empty());
  private CountingServer last;

  private SaslAuthenticator authenticator(Duration lifetime) {
    return new SaslAuthenticator(
        new SaslAuthenticator.ServerFactory() {
          @Override
          public List<String> mechanisms() {
            return plain.mechanisms();
          }

          @Override
          public SaslServer create(String mechanism) throws SaslException {
            last = new CountingServer(plain.create(mechanism));
            return last;
          }
        },
        lifetime);
  }

  private static void login(SaslAuthenticator authenticator, long nowMs) {
    authenticator.handshake(new SaslHandshakeRequestData().setMechanism("PLAIN"), (short) 1);
    authenticator.authenticate(
        new SaslAuthenticateRequestData().setAuthBytes(BOB), (short) 2, nowMs);
  }

  @Test
  void shouldNotExpireASessionWhoseLifetimeWouldOverflowTheClock() {
    // Given
    SaslAuthenticator authenticator = authenticator(Duration.ofMillis(Long.MAX_VALUE - 10));

    // When
    login(authenticator, 1_000);

    // Then
    assertThat(authenticator.authenticated()).isTrue();
    assertThat(authenticator.sessionExpired(2_000)).isFalse();
  }

  @Test
  void shouldSaturateInsteadOfOverflowing() {
    // Then
    assertThat(SaslAuthenticator.saturatedAdd(Long.MAX_VALUE - 1, 5)).isEqualTo(Long.MAX_VALUE);
    assertThat(SaslAuthenticator.saturatedAdd(1_000, 5)).isEqualTo(1_005);
  }

  @Test
  void shouldNotCountAsAuthenticatedWhileReauthenticating() {
    // Given
    SaslAuthenticator authenticator = authenticator(Duration.ofMinutes(1));
    login(authenticator, 0);

    // When: a KIP-368 re-authentication starts
    authenticator.handshake(new SaslHandshakeRequestData().setMechanism("PLAIN"), (short) 1);

    // Then
    assertThat(authenticator.state()).isEqualTo(SaslAuthenticator.State.AWAIT_AUTHENTICATE);
    assertThat(authenticator.authenticated()).isFalse();
    assertThat(authenticator.everAuthenticated()).isTrue();

    // When it completes
    authenticator.authenticate(new SaslAuthenticateRequestData().setAuthBytes(BOB), (short) 2, 10);

    // Then
    assertThat(authenticator.authenticated()).isTrue();
  }

  @Test
  void shouldDisposeTheServerOfAnUnfinishedExchangeWhenTheConnectionCloses() {
    // Given
    SaslAuthenticator authenticator = authenticator(Duration.ZERO);
    authenticator.handshake(new SaslHandshakeRequestData().setMechanism("PLAIN"), (short) 1);

    // When
    authenticator.close();
    authenticator.close();

    // Then
    assertThat(last.disposed).isEqualTo(1);
  }

  @Test
  void shouldDisposeTheServerWhenASecondHandshakeFailsTheExchange() {
    // Given an exchange waiting for SaslAuthenticate
    SaslAuthenticator authenticator = authenticator(Duration.ZERO);
    authenticator.handshake(new SaslHandshakeRequestData().setMechanism("PLAIN"), (short) 1);

    // When a second handshake arrives (illegal state)
    authenticator.handshake(new SaslHandshakeRequestData().setMechanism("PLAIN"), (short) 1);

    // Then
    assertThat(authenticator.state()).isEqualTo(SaslAuthenticator.State.FAILED);
    assertThat(last.disposed).isEqualTo(1);
  }
}
