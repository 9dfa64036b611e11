/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.sasl;

import io.kafscale.broker.security.scram.ScramCredentialLookup;
import io.kafscale.broker.security.scram.ScramMechanism;
import io.kafscale.metadata.model.ScramCredentialRecord;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMessages.ClientFinalMessage;
import org.apache.kafka.common.security.scram.internals.ScramMessages.ClientFirstMessage;
import org.apache.kafka.common.security.scram.internals.ScramMessages.ServerFinalMessage;
import org.apache.kafka.common.security.scram.internals.ScramMessages.ServerFirstMessage;

/**
 * The server side of one SCRAM exchange (RFC 5802), using kafka-clients' message parsers and key
 * formulas. It differs from kafka-clients' own {@code ScramSaslServer} in one rule: the nonce of
 * the client-final-message must END with the server-first nonce (Apache Kafka 3.x's rule) rather
 * than equal it, because librdkafka before 2.x (Debian's kcat) sends its client nonce twice there.
 * The client proof is still checked over the message exactly as the client sent it, so the relaxed
 * rule admits no other client. Not thread-safe: one exchange per connection.
 */
final class ScramServerExchange implements SaslServer {
  private enum State {
    RECEIVE_CLIENT_FIRST,
    RECEIVE_CLIENT_FINAL,
    COMPLETE,
    FAILED
  }

  private final ScramMechanism mechanism;
  private final ScramCredentialLookup credentials;
  private final ScramFormatter formatter;
  private State state = State.RECEIVE_CLIENT_FIRST;
  private ClientFirstMessage clientFirst;
  private ServerFirstMessage serverFirst;
  private ScramCredentialRecord credential;
  private String username;

  ScramServerExchange(ScramMechanism mechanism, ScramCredentialLookup credentials)
      throws NoSuchAlgorithmException {
    this.mechanism = mechanism;
    this.credentials = credentials;
    this.formatter =
        new ScramFormatter(
            org.apache.kafka.common.security.scram.internals.ScramMechanism.forMechanismName(
                mechanism.mechanismName()));
  }

  @Override
  public String getMechanismName() {
    return mechanism.mechanismName();
  }

  @Override
  public byte[] evaluateResponse(byte[] response) throws SaslException {
    try {
      return switch (state) {
        case RECEIVE_CLIENT_FIRST -> serverFirst(response);
        case RECEIVE_CLIENT_FINAL -> serverFinal(response);
        case COMPLETE, FAILED -> throw new SaslException("unexpected SCRAM message in " + state);
      };
    } catch (SaslException e) {
      state = State.FAILED;
      throw e;
    }
  }

  private byte[] serverFirst(byte[] response) throws SaslException {
    clientFirst = new ClientFirstMessage(response);
    if (!clientFirst.extensions().map().isEmpty()) {
      // tokenauth (delegation tokens) and any other extension are not supported.
      throw new SaslException("unsupported SCRAM extensions " + clientFirst.extensions().map());
    }
    username = ScramFormatter.username(clientFirst.saslName());
    String authzid = clientFirst.authorizationId();
    if (!authzid.isEmpty() && !authzid.equals(username)) {
      throw new SaslException("authorization id differs from the user name");
    }
    Optional<ScramCredentialRecord> found = credentials.credential(username, mechanism);
    if (found.isEmpty()) {
      throw new SaslException("no " + mechanism.mechanismName() + " credential for the user");
    }
    credential = found.get();
    if (credential.iterations() < mechanism.minIterations()) {
      throw new SaslException("stored credential has too few iterations");
    }
    serverFirst =
        new ServerFirstMessage(
            clientFirst.nonce(),
            formatter.secureRandomString(),
            credential.salt(),
            credential.iterations());
    state = State.RECEIVE_CLIENT_FINAL;
    return serverFirst.toBytes();
  }

  private byte[] serverFinal(byte[] response) throws SaslException {
    ClientFinalMessage clientFinal = new ClientFinalMessage(response);
    if (!clientFinal.nonce().endsWith(serverFirst.nonce())) {
      throw new SaslException("invalid nonce in the client-final-message");
    }
    byte[] gs2Header = clientFirst.gs2Header().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(clientFinal.channelBinding(), gs2Header)) {
      throw new SaslException("channel binding does not match the client-first-message");
    }
    try {
      byte[] clientSignature =
          formatter.clientSignature(credential.storedKey(), clientFirst, serverFirst, clientFinal);
      byte[] clientKey = ScramFormatter.xor(clientSignature, clientFinal.proof());
      if (!MessageDigest.isEqual(formatter.hash(clientKey), credential.storedKey())) {
        throw new SaslException("invalid client proof");
      }
      byte[] serverSignature =
          formatter.serverSignature(credential.serverKey(), clientFirst, serverFirst, clientFinal);
      state = State.COMPLETE;
      return new ServerFinalMessage(null, serverSignature).toBytes();
    } catch (InvalidKeyException | IllegalArgumentException e) {
      // xor of arrays of different lengths: a malformed proof.
      throw new SaslException("invalid client proof", e);
    }
  }

  @Override
  public boolean isComplete() {
    return state == State.COMPLETE;
  }

  @Override
  public String getAuthorizationID() {
    if (!isComplete()) {
      throw new IllegalStateException("SCRAM exchange not complete");
    }
    return username;
  }

  @Override
  public byte[] unwrap(byte[] incoming, int offset, int len) {
    throw new IllegalStateException("SCRAM has no security layer");
  }

  @Override
  public byte[] wrap(byte[] outgoing, int offset, int len) {
    throw new IllegalStateException("SCRAM has no security layer");
  }

  @Override
  public Object getNegotiatedProperty(String propName) {
    return null;
  }

  @Override
  public void dispose() {
    clientFirst = null;
    serverFirst = null;
    credential = null;
  }
}
