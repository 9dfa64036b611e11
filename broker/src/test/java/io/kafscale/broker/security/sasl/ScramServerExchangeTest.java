/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.broker.security.scram.ScramMechanism;
import io.kafscale.metadata.model.ScramCredentialRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import javax.security.sasl.SaslException;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMessages.ClientFinalMessage;
import org.apache.kafka.common.security.scram.internals.ScramMessages.ClientFirstMessage;
import org.apache.kafka.common.security.scram.internals.ScramMessages.ServerFinalMessage;
import org.apache.kafka.common.security.scram.internals.ScramMessages.ServerFirstMessage;
import org.junit.jupiter.api.Test;

class ScramServerExchangeTest {
  private static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_512;
  private static final String USER = "alice";
  private static final String PASSWORD = "alice-secret";
  private static final byte[] SALT = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final int ITERATIONS = 4096;

  private final ScramFormatter formatter = formatter();
  private final ScramCredentialRecord stored = credential(PASSWORD);

  @Test
  void shouldAuthenticateAClientThatEchoesTheServerNonce() throws Exception {
    // Given / When
    ScramServerExchange server = exchange();
    ServerFinalMessage last = runExchange(server, PASSWORD, false);
    // Then
    assertThat(server.isComplete()).isTrue();
    assertThat(server.getAuthorizationID()).isEqualTo(USER);
    assertThat(last.error()).isNull();
  }

  @Test
  void shouldAuthenticateLibrdkafkaWhichSendsItsClientNonceTwiceInTheFinalMessage()
      throws Exception {
    // Given: librdkafka < 2.x answers r=<client nonce><client nonce + server nonce>
    ScramServerExchange server = exchange();
    // When
    runExchange(server, PASSWORD, true);
    // Then
    assertThat(server.isComplete()).isTrue();
  }

  @Test
  void shouldRefuseAWrongPassword() throws Exception {
    // Given
    ScramServerExchange server = exchange();
    // When / Then
    assertThatThrownBy(() -> runExchange(server, "guess", false))
        .isInstanceOf(SaslException.class)
        .hasMessageContaining("proof");
    assertThat(server.isComplete()).isFalse();
  }

  @Test
  void shouldRefuseAFinalMessageWithAnotherNonce() throws Exception {
    // Given
    ScramServerExchange server = exchange();
    ClientFirstMessage first = new ClientFirstMessage(USER, "client-nonce", Map.of());
    server.evaluateResponse(first.toBytes());
    ClientFinalMessage forged =
        new ClientFinalMessage("n,,".getBytes(StandardCharsets.UTF_8), "client-nonce-other");
    forged.proof(new byte[64]);
    // When / Then
    assertThatThrownBy(() -> server.evaluateResponse(forged.toBytes()))
        .isInstanceOf(SaslException.class)
        .hasMessageContaining("nonce");
  }

  @Test
  void shouldRefuseAnUnknownUserWithoutAChallenge() throws Exception {
    // Given
    ScramServerExchange server =
        new ScramServerExchange(MECHANISM, (user, mechanism) -> Optional.empty());
    // When / Then
    assertThatThrownBy(
            () -> server.evaluateResponse(new ClientFirstMessage(USER, "n1", Map.of()).toBytes()))
        .isInstanceOf(SaslException.class);
  }

  private ScramServerExchange exchange() throws Exception {
    return new ScramServerExchange(
        MECHANISM,
        (user, mechanism) ->
            user.equals(USER) && mechanism == MECHANISM ? Optional.of(stored) : Optional.empty());
  }

  /** Plays the client side (RFC 5802) against {@code server}. */
  private ServerFinalMessage runExchange(
      ScramServerExchange server, String password, boolean repeatClientNonce) throws Exception {
    String clientNonce = formatter.secureRandomString();
    ClientFirstMessage first = new ClientFirstMessage(USER, clientNonce, Map.of());
    ServerFirstMessage serverFirst =
        new ServerFirstMessage(server.evaluateResponse(first.toBytes()));
    String echoed = (repeatClientNonce ? clientNonce : "") + serverFirst.nonce();
    ClientFinalMessage last =
        new ClientFinalMessage(first.gs2Header().getBytes(StandardCharsets.UTF_8), echoed);
    byte[] salted =
        formatter.saltedPassword(password, serverFirst.salt(), serverFirst.iterations());
    last.proof(formatter.clientProof(salted, first, serverFirst, last));
    return new ServerFinalMessage(server.evaluateResponse(last.toBytes()));
  }

  private ScramCredentialRecord credential(String password) {
    try {
      byte[] salted = formatter.saltedPassword(password, SALT, ITERATIONS);
      return new ScramCredentialRecord(
          USER,
          MECHANISM.mechanismName(),
          SALT,
          formatter.storedKey(formatter.clientKey(salted)),
          formatter.serverKey(salted),
          ITERATIONS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static ScramFormatter formatter() {
    try {
      return new ScramFormatter(
          org.apache.kafka.common.security.scram.internals.ScramMechanism.SCRAM_SHA_512);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
