/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.sasl;

import io.kafscale.broker.security.scram.ScramCredentialLookup;
import io.kafscale.broker.security.scram.ScramMechanism;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;
import org.apache.kafka.common.security.plain.PlainAuthenticateCallback;
import org.apache.kafka.common.security.plain.internals.PlainSaslServer;

/**
 * Creates the server side of one SASL exchange: kafka-clients' own PLAIN server (RFC 4616) and
 * {@link ScramServerExchange} (RFC 5802, on kafka-clients' SCRAM message classes), with callbacks
 * answered from the PLAIN users of {@link SaslSettings} and the SCRAM credentials of a {@link
 * ScramCredentialLookup}. Thread-safe; each created server belongs to one connection.
 */
public final class SaslServers {
  private final List<String> mechanisms;
  private final Map<String, String> plainUsers;
  private final ScramCredentialLookup scram;

  public SaslServers(SaslSettings settings, ScramCredentialLookup scram) {
    this.mechanisms = settings.mechanisms();
    this.plainUsers = settings.plainUsers();
    this.scram = Objects.requireNonNull(scram, "scram");
  }

  /** The enabled mechanisms, as SaslHandshake lists them. */
  public List<String> mechanisms() {
    return mechanisms;
  }

  /**
   * A new server for {@code mechanism}.
   *
   * @throws SaslException when the mechanism is not enabled
   */
  public SaslServer create(String mechanism) throws SaslException {
    if (!mechanisms.contains(mechanism)) {
      throw new SaslException("mechanism " + mechanism + " is not enabled");
    }
    if (mechanism.equals(SaslSettings.PLAIN)) {
      return new PlainSaslServer(this::handlePlain);
    }
    ScramMechanism ours =
        ScramMechanism.fromMechanismName(mechanism)
            .orElseThrow(() -> new SaslException("mechanism " + mechanism + " is not supported"));
    try {
      return new ScramServerExchange(ours, scram);
    } catch (NoSuchAlgorithmException e) {
      throw new SaslException("no " + ours.hashAlgorithm() + " in this JVM", e);
    }
  }

  private void handlePlain(Callback[] callbacks) throws UnsupportedCallbackException {
    String user = null;
    for (Callback callback : callbacks) {
      switch (callback) {
        case NameCallback name -> user = name.getDefaultName();
        case PlainAuthenticateCallback auth -> {
          String expected = user == null ? null : plainUsers.get(user);
          // Constant-time comparison: the time taken must not tell how much of it matched.
          auth.authenticated(
              expected != null
                  && MessageDigest.isEqual(
                      expected.getBytes(StandardCharsets.UTF_8),
                      new String(auth.password()).getBytes(StandardCharsets.UTF_8)));
        }
        default -> throw new UnsupportedCallbackException(callback);
      }
    }
  }
}
