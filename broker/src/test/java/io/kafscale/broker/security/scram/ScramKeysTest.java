/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.scram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafscale.metadata.model.ScramCredentialRecord;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The RFC 5802 derivations, checked against the SCRAM-SHA-256 exchange of RFC 7677 section 3 (user
 * "user", password "pencil"): the credential derived from the salted password must produce the
 * client proof and the server signature printed in the RFC.
 */
class ScramKeysTest {
  private static final byte[] SALT = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
  private static final String AUTH_MESSAGE =
      "n=user,r=rOprNGfwEbeRWgbNEkqO,"
          + "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,"
          + "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
  private static final String CLIENT_PROOF = "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
  private static final String SERVER_SIGNATURE = "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

  @Test
  void shouldDeriveTheRfc7677CredentialForScramSha256() {
    // Given
    ScramMechanism m = ScramMechanism.SCRAM_SHA_256;
    byte[] auth = AUTH_MESSAGE.getBytes(StandardCharsets.UTF_8);

    // When
    byte[] salted = ScramKeys.saltedPassword(m, "pencil", SALT, 4096);
    ScramCredentialRecord credential = ScramKeys.credential("user", m, SALT, salted, 4096);

    // Then: ClientProof = ClientKey XOR HMAC(StoredKey, AuthMessage), and H(ClientKey) = StoredKey
    byte[] proof = Base64.getDecoder().decode(CLIENT_PROOF);
    byte[] signature = ScramKeys.hmac(m, credential.storedKey(), auth);
    byte[] clientKey = new byte[proof.length];
    for (int i = 0; i < proof.length; i++) {
      clientKey[i] = (byte) (proof[i] ^ signature[i]);
    }
    assertThat(ScramKeys.hash(m, clientKey)).isEqualTo(credential.storedKey());
    assertThat(Base64.getEncoder().encodeToString(ScramKeys.hmac(m, credential.serverKey(), auth)))
        .isEqualTo(SERVER_SIGNATURE);
    assertThat(credential.salt()).isEqualTo(SALT);
    assertThat(credential.iterations()).isEqualTo(4096);
  }

  @Test
  void shouldDeriveSha512KeysOfTheMechanismsLength() {
    // When
    byte[] salted = ScramKeys.saltedPassword(ScramMechanism.SCRAM_SHA_512, "secret", SALT, 4096);
    ScramCredentialRecord c =
        ScramKeys.credential("user", ScramMechanism.SCRAM_SHA_512, SALT, salted, 4096);

    // Then
    assertThat(salted).hasSize(64);
    assertThat(c.storedKey()).hasSize(64);
    assertThat(c.serverKey()).hasSize(64).isNotEqualTo(c.storedKey());
  }

  @Test
  void shouldRefuseAnEmptySaltedPassword() {
    assertThatThrownBy(
            () ->
                ScramKeys.credential("user", ScramMechanism.SCRAM_SHA_256, SALT, new byte[0], 4096))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
