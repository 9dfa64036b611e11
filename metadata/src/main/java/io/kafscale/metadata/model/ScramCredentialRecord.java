/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One user's stored SCRAM credential for one mechanism (RFC 5802, as Kafka stores it): the salt,
 * {@code StoredKey = H(ClientKey)}, {@code ServerKey} and the iteration count; never the password.
 * {@code mechanism} is the SASL name ({@code SCRAM-SHA-256}, {@code SCRAM-SHA-512}). Arrays are
 * copied in and out, so instances are immutable; {@link #toString()} hides the keys.
 */
public record ScramCredentialRecord(
    String user,
    String mechanism,
    byte[] salt,
    byte[] storedKey,
    byte[] serverKey,
    int iterations) {
  public ScramCredentialRecord {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(mechanism, "mechanism");
    salt = Objects.requireNonNull(salt, "salt").clone();
    storedKey = Objects.requireNonNull(storedKey, "storedKey").clone();
    serverKey = Objects.requireNonNull(serverKey, "serverKey").clone();
    if (user.isEmpty()) {
      throw new IllegalArgumentException("empty user name");
    }
    if (iterations <= 0) {
      throw new IllegalArgumentException("iterations must be positive: " + iterations);
    }
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] storedKey() {
    return storedKey.clone();
  }

  @Override
  public byte[] serverKey() {
    return serverKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScramCredentialRecord r
        && user.equals(r.user)
        && mechanism.equals(r.mechanism)
        && iterations == r.iterations
        && Arrays.equals(salt, r.salt)
        && Arrays.equals(storedKey, r.storedKey)
        && Arrays.equals(serverKey, r.serverKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(user, mechanism, iterations, Arrays.hashCode(storedKey));
  }

  @Override
  public String toString() {
    return "ScramCredentialRecord[user="
        + user
        + ", mechanism="
        + mechanism
        + ", iterations="
        + iterations
        + "]";
  }
}
