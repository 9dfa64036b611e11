/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.storage.objectstore.ObjectStore;
import io.kafscale.storage.objectstore.ObjectStoreContractTest;
import io.kafscale.storage.objectstore.ObjectStoreException;
import io.kafscale.storage.testing.S3MockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The object-store contract against a real S3Mock process (shared by all S3 tests in the JVM). One
 * store serves every test of the class; tests are isolated by their key prefixes.
 */
class S3ObjectStoreIT extends ObjectStoreContractTest {

  private static S3ObjectStore shared;

  @Override
  protected ObjectStore createStore() {
    synchronized (S3ObjectStoreIT.class) {
      if (shared == null) {
        shared = S3ObjectStore.create(S3MockServer.shared().config());
      }
      return shared;
    }
  }

  @Override
  protected void release(ObjectStore store) {
    // Kept open for the next test; closed once in closeSharedStore().
  }

  @AfterAll
  static void closeSharedStore() {
    synchronized (S3ObjectStoreIT.class) {
      if (shared != null) {
        shared.close();
        shared = null;
      }
    }
  }

  @Override
  protected int manyKeysCount() {
    return 1_005; // more than one ListObjectsV2 page and one DeleteObjects batch
  }

  /**
   * S3Mock 4.7.0 evaluates {@code If-None-Match: *} without serialising concurrent PUTs (two of
   * eight racing creates both succeed), while AWS S3 guarantees a single winner. The sequential
   * create-on-existing case is still verified against S3Mock.
   */
  @Override
  protected boolean verifiesCreateRace() {
    return false;
  }

  private S3ObjectStore s3() {
    return (S3ObjectStore) store;
  }

  @Test
  void shouldPassAccessCheckWhenBucketExists() throws Exception {
    await(s3().checkAccess());
  }

  @Test
  void shouldWriteWithKmsEncryptionWhenKeyConfigured() throws Exception {
    // Given
    S3Config kms = S3MockServer.shared().config().withKmsKey(S3MockServer.VALID_KMS_KEY_ID);
    try (S3ObjectStore encrypted = S3ObjectStore.create(kms)) {
      // When
      await(encrypted.put(prefix + "secret", bytes("sealed")));
      await(encrypted.create(prefix + "secret2", bytes("sealed too")));
      // Then
      assertThat(text(await(encrypted.get(prefix + "secret")))).isEqualTo("sealed");
      assertThat(text(await(encrypted.get(prefix + "secret2")))).isEqualTo("sealed too");
    }
  }

  @Test
  void shouldSendKmsKeyWithEveryWrite() {
    // Given: S3Mock rejects SSE-KMS writes naming a key it does not know, proving the header is
    // sent
    S3Config unknownKey = S3MockServer.shared().config().withKmsKey("unknown-key-id");
    try (S3ObjectStore encrypted = S3ObjectStore.create(unknownKey)) {
      // When
      Throwable put = failure(encrypted.put(prefix + "x", bytes("x")));
      Throwable create = failure(encrypted.create(prefix + "y", bytes("y")));
      // Then
      assertThat(put)
          .isExactlyInstanceOf(ObjectStoreException.class)
          .hasMessageContaining("HTTP 400");
      assertThat(create)
          .isExactlyInstanceOf(ObjectStoreException.class)
          .hasMessageContaining("HTTP 400");
    }
  }
}
