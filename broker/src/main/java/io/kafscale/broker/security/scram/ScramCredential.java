/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.scram;

import java.util.Arrays;
import java.util.Objects;

/**
 * A stored SCRAM credential as Kafka keeps it (RFC 5802): the salt, the stored key {@code
 * H(ClientKey)}, the server key and the iteration count; never the password. Arrays are copied in
 * and out, so instances are immutable.
 */
public record ScramCredential(byte[] salt, byte[] storedKey, byte[] serverKey, int iterations) {
  public ScramCredential {
    salt = Objects.requireNonNull(salt, "salt").clone();
    storedKey = Objects.requireNonNull(storedKey, "storedKey").clone();
    serverKey = Objects.requireNonNull(serverKey, "serverKey").clone();
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
    return o instanceof ScramCredential c
        && iterations == c.iterations
        && Arrays.equals(salt, c.salt)
        && Arrays.equals(storedKey, c.storedKey)
        && Arrays.equals(serverKey, c.serverKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(iterations, Arrays.hashCode(salt), Arrays.hashCode(storedKey));
  }

  @Override
  public String toString() {
    return "ScramCredential[iterations=" + iterations + "]";
  }
}
