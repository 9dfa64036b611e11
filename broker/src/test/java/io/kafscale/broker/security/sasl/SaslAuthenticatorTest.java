/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.security.acl.KafkaPrincipal;
import io.kafscale.broker.security.scram.ScramCredentialLookup;
import io.kafscale.broker.security.scram.ScramMechanism;
import io.kafscale.metadata.model.ScramCredentialRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.sasl.SaslClient;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramSaslClient;
import org.junit.jupiter.api.Test;

class SaslAuthenticatorTest {
  private static final short V2 = 2;

  /** An in-memory credential store holding alice's SCRAM-SHA-512 credential. */
  private static ScramCredentialLookup store(String password) throws Exception {
    var formatter =
        new ScramFormatter(
            org.apache.kafka.common.security.scram.internals.ScramMechanism.SCRAM_SHA_512);
    var kafka = formatter.generateCredential(password, 4096);
    ScramCredentialRecord ours =
        new ScramCredentialRecord(
            "alice",
            "SCRAM-SHA-512",
            kafka.salt(),
            kafka.storedKey(),
            kafka.serverKey(),
            kafka.iterations());
    return (user, mechanism) ->
        user.equals("alice") && mechanism == ScramMechanism.SCRAM_SHA_512
            ? Optional.of(ours)
            : Optional.empty();
  }

  private static SaslClient scramClient(String user, String password) throws Exception {
    return new ScramSaslClient(
        org.apache.kafka.common.security.scram.internals.ScramMechanism.SCRAM_SHA_512,
        callbacks -> {
          for (var callback : callbacks) {
            if (callback instanceof NameCallback name) {
              name.setName(user);
            } else if (callback instanceof PasswordCallback pass) {
              pass.setPassword(password.toCharArray());
            }
          }
        });
  }

  private static SaslAuthenticator.AuthenticateResult exchange(
      SaslAuthenticator authenticator, SaslClient client, long nowMs) throws Exception {
    byte[] token = client.evaluateChallenge(new byte[0]);
    SaslAuthenticator.AuthenticateResult result = null;
    while (token != null) {
      result =
          authenticator.authenticate(
              new SaslAuthenticateRequestData().setAuthBytes(token), V2, nowMs);
      if (result.failed() || authenticator.authenticated() && client.isComplete()) {
        break;
      }
      token = client.evaluateChallenge(result.response().authBytes());
      if (client.isComplete()) {
        break;
      }
    }
    return result;
  }

  private static SaslAuthenticator authenticator(String password, Duration lifetime)
      throws Exception {
    SaslSettings settings =
        new SaslSettings(SaslSettings.SUPPORTED, Map.of("bob", "pw"), lifetime, Duration.ZERO);
    return new SaslAuthenticator(new SaslServers(settings, store(password)), lifetime);
  }

  @Test
  void shouldAuthenticateScramSha512AgainstStoredCredential() throws Exception {
    // Given
    SaslAuthenticator authenticator = authenticator("alice-secret", Duration.ofSeconds(60));
    var handshake =
        authenticator.handshake(
            new SaslHandshakeRequestData().setMechanism("SCRAM-SHA-512"), (short) 1);
    assertThat(handshake.errorCode()).isEqualTo(Errors.NONE.code());
    // When
    var result = exchange(authenticator, scramClient("alice", "alice-secret"), 1_000);
    // Then
    assertThat(result.failed()).isFalse();
    assertThat(authenticator.authenticated()).isTrue();
    assertThat(authenticator.principal()).contains(new KafkaPrincipal("User", "alice"));
    assertThat(result.response().sessionLifetimeMs()).isEqualTo(60_000);
    assertThat(authenticator.sessionExpired(60_999)).isFalse();
    assertThat(authenticator.sessionExpired(61_000)).isTrue();
  }

  @Test
  void shouldFailScramWithWrongPassword() throws Exception {
    // Given
    SaslAuthenticator authenticator = authenticator("alice-secret", Duration.ZERO);
    authenticator.handshake(
        new SaslHandshakeRequestData().setMechanism("SCRAM-SHA-512"), (short) 1);
    // When
    var result = exchange(authenticator, scramClient("alice", "wrong"), 0);
    // Then
    assertThat(result.failed()).isTrue();
    assertThat(result.response().errorCode()).isEqualTo(Errors.SASL_AUTHENTICATION_FAILED.code());
    assertThat(result.response().errorMessage()).doesNotContain("wrong");
    assertThat(authenticator.state()).isEqualTo(SaslAuthenticator.State.FAILED);
  }

  @Test
  void shouldRejectUnknownMechanismWithEnabledList() throws Exception {
    // Given
    SaslAuthenticator authenticator = authenticator("x", Duration.ZERO);
    // When
    var response =
        authenticator.handshake(new SaslHandshakeRequestData().setMechanism("GSSAPI"), (short) 1);
    // Then
    assertThat(response.errorCode()).isEqualTo(Errors.UNSUPPORTED_SASL_MECHANISM.code());
    assertThat(response.mechanisms()).isEqualTo(List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"));
  }

  @Test
  void shouldAuthenticatePlainAndRejectAuthenticateWithoutHandshake() throws Exception {
    // Given
    SaslAuthenticator fresh = authenticator("x", Duration.ZERO);
    SaslAuthenticator plain = authenticator("x", Duration.ZERO);
    plain.handshake(new SaslHandshakeRequestData().setMechanism("PLAIN"), (short) 1);
    byte[] token = "\0bob\0pw".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    // When
    var early = fresh.authenticate(new SaslAuthenticateRequestData().setAuthBytes(token), V2, 0);
    var ok = plain.authenticate(new SaslAuthenticateRequestData().setAuthBytes(token), V2, 0);
    // Then
    assertThat(early.response().errorCode()).isEqualTo(Errors.ILLEGAL_SASL_STATE.code());
    assertThat(ok.failed()).isFalse();
    assertThat(plain.principal()).contains(new KafkaPrincipal("User", "bob"));
  }
}
