/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.scram;

import java.util.Arrays;
import java.util.Optional;

/**
 * The SCRAM mechanisms Kafka supports, with the ids AlterUserScramCredentials and
 * DescribeUserScramCredentials use on the wire and the minimum iteration count Kafka enforces.
 */
public enum ScramMechanism {
  SCRAM_SHA_256((byte) 1, "SCRAM-SHA-256", "SHA-256", "HmacSHA256", 4096),
  SCRAM_SHA_512((byte) 2, "SCRAM-SHA-512", "SHA-512", "HmacSHA512", 4096);

  private final byte type;
  private final String mechanismName;
  private final String hashAlgorithm;
  private final String macAlgorithm;
  private final int minIterations;

  ScramMechanism(
      byte type,
      String mechanismName,
      String hashAlgorithm,
      String macAlgorithm,
      int minIterations) {
    this.type = type;
    this.mechanismName = mechanismName;
    this.hashAlgorithm = hashAlgorithm;
    this.macAlgorithm = macAlgorithm;
    this.minIterations = minIterations;
  }

  /** The wire id (1 = SCRAM-SHA-256, 2 = SCRAM-SHA-512). */
  public byte type() {
    return type;
  }

  /** The SASL mechanism name, e.g. {@code SCRAM-SHA-512}. */
  public String mechanismName() {
    return mechanismName;
  }

  /** The {@link java.security.MessageDigest} algorithm. */
  public String hashAlgorithm() {
    return hashAlgorithm;
  }

  /** The {@link javax.crypto.Mac} algorithm. */
  public String macAlgorithm() {
    return macAlgorithm;
  }

  /** The smallest iteration count accepted for a credential. */
  public int minIterations() {
    return minIterations;
  }

  /** The mechanism with this wire id. */
  public static Optional<ScramMechanism> fromType(byte type) {
    return Arrays.stream(values()).filter(m -> m.type == type).findFirst();
  }

  /** The mechanism with this SASL name. */
  public static Optional<ScramMechanism> fromMechanismName(String name) {
    return Arrays.stream(values()).filter(m -> m.mechanismName.equals(name)).findFirst();
  }
}
