/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.kafscale.metadata.model.ScramCredentialRecord;
import io.kafscale.proto.metadata.v1.ScramCredential;

/**
 * {@link ScramCredentialRecord} as the {@code ScramCredential} protobuf message. The user and the
 * mechanism are part of the key, not the value. Stateless and thread-safe; decoding fails with
 * {@link CorruptValueException}, also for a value no credential could have (no salt or keys, or
 * iterations not positive).
 */
public final class ScramCodec {
  private ScramCodec() {}

  public static byte[] encode(ScramCredentialRecord r) {
    return ScramCredential.newBuilder()
        .setSalt(ByteString.copyFrom(r.salt()))
        .setStoredKey(ByteString.copyFrom(r.storedKey()))
        .setServerKey(ByteString.copyFrom(r.serverKey()))
        .setIterations(r.iterations())
        .build()
        .toByteArray();
  }

  public static ScramCredentialRecord decode(String user, String mechanism, byte[] bytes) {
    ScramCredential m;
    try {
      m = ScramCredential.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptValueException(
          "stored value is not a valid ScramCredential: " + e.getMessage(), e);
    }
    if (m.getSalt().isEmpty()
        || m.getStoredKey().isEmpty()
        || m.getServerKey().isEmpty()
        || m.getIterations() <= 0) {
      throw new CorruptValueException("stored SCRAM credential is incomplete", null);
    }
    return new ScramCredentialRecord(
        user,
        mechanism,
        m.getSalt().toByteArray(),
        m.getStoredKey().toByteArray(),
        m.getServerKey().toByteArray(),
        m.getIterations());
  }
}
