/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.scram;

import io.kafscale.metadata.model.ScramCredentialRecord;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SCRAM key derivations of RFC 5802 section 3, per mechanism: {@code SaltedPassword =
 * Hi(password, salt, i)}, {@code ClientKey = HMAC(SaltedPassword, "Client Key")}, {@code StoredKey
 * = H(ClientKey)}, {@code ServerKey = HMAC(SaltedPassword, "Server Key")}.
 * AlterUserScramCredentials receives the salted password (the client computes it) and stores only
 * the derived keys. Pure, stateless and thread-safe.
 */
public final class ScramKeys {
  private static final byte[] CLIENT_KEY = "Client Key".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SERVER_KEY = "Server Key".getBytes(StandardCharsets.UTF_8);

  private ScramKeys() {}

  /**
   * The credential {@code user} stores for {@code saltedPassword}: salt, StoredKey, ServerKey,
   * iterations.
   */
  public static ScramCredentialRecord credential(
      String user, ScramMechanism mechanism, byte[] salt, byte[] saltedPassword, int iterations) {
    byte[] clientKey = hmac(mechanism, saltedPassword, CLIENT_KEY);
    return new ScramCredentialRecord(
        user,
        mechanism.mechanismName(),
        salt,
        hash(mechanism, clientKey),
        hmac(mechanism, saltedPassword, SERVER_KEY),
        iterations);
  }

  /**
   * {@code Hi(password, salt, iterations)} (PBKDF2 with the mechanism's HMAC, one block); the
   * password is used as its UTF-8 bytes (SASLprep is the identity for the ASCII passwords Kafka's
   * tools send).
   */
  public static byte[] saltedPassword(
      ScramMechanism mechanism, String password, byte[] salt, int iterations) {
    if (iterations <= 0) {
      throw new IllegalArgumentException("iterations must be positive: " + iterations);
    }
    Mac mac = mac(mechanism, password.getBytes(StandardCharsets.UTF_8));
    mac.update(salt);
    byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
    byte[] result = u.clone();
    for (int i = 1; i < iterations; i++) {
      u = mac.doFinal(u);
      for (int j = 0; j < result.length; j++) {
        result[j] ^= u[j];
      }
    }
    return result;
  }

  /** {@code HMAC(key, message)} with the mechanism's MAC. */
  public static byte[] hmac(ScramMechanism mechanism, byte[] key, byte[] message) {
    return mac(mechanism, key).doFinal(message);
  }

  /** {@code H(message)} with the mechanism's hash. */
  public static byte[] hash(ScramMechanism mechanism, byte[] message) {
    try {
      return MessageDigest.getInstance(mechanism.hashAlgorithm()).digest(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(mechanism.hashAlgorithm() + " is not available", e);
    }
  }

  private static Mac mac(ScramMechanism mechanism, byte[] key) {
    if (key.length == 0) {
      // SecretKeySpec refuses empty keys; an empty salted password is no credential anyway.
      throw new IllegalArgumentException("empty SCRAM key");
    }
    try {
      Mac mac = Mac.getInstance(mechanism.macAlgorithm());
      mac.init(new SecretKeySpec(key, mechanism.macAlgorithm()));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(mechanism.macAlgorithm() + " is not available", e);
    }
  }

  /** Constant-time comparison, for proofs and signatures. */
  public static boolean equal(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }
}
