/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import io.kafscale.metadata.acl.AclBinding;
import io.kafscale.metadata.acl.AclEntry;
import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclPatternType;
import io.kafscale.metadata.acl.AclPermission;
import io.kafscale.metadata.acl.AclResourceType;
import io.kafscale.metadata.acl.ResourcePattern;

/**
 * {@link AclBinding} as the {@code AclBinding} protobuf message, enums as Kafka's wire codes.
 * Stateless and thread-safe; decoding fails with {@link CorruptValueException}, also for a value
 * that decodes to a binding Kafka would refuse.
 */
public final class AclCodec {
  private AclCodec() {}

  public static byte[] encode(AclBinding b) {
    return io.kafscale.proto.metadata.v1.AclBinding.newBuilder()
        .setResourceType(b.pattern().type().code())
        .setResourceName(b.pattern().name())
        .setPatternType(b.pattern().patternType().code())
        .setPrincipal(b.entry().principal())
        .setHost(b.entry().host())
        .setOperation(b.entry().operation().code())
        .setPermission(b.entry().permission().code())
        .build()
        .toByteArray();
  }

  public static AclBinding decode(byte[] bytes) {
    io.kafscale.proto.metadata.v1.AclBinding m;
    try {
      m = io.kafscale.proto.metadata.v1.AclBinding.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptValueException(
          "stored value is not a valid AclBinding: " + e.getMessage(), e);
    }
    AclBinding binding =
        new AclBinding(
            new ResourcePattern(
                AclResourceType.fromCode((byte) m.getResourceType()),
                m.getResourceName(),
                AclPatternType.fromCode((byte) m.getPatternType())),
            new AclEntry(
                m.getPrincipal(),
                m.getHost(),
                AclOperation.fromCode((byte) m.getOperation()),
                AclPermission.fromCode((byte) m.getPermission())));
    binding
        .problem()
        .ifPresent(
            p -> {
              throw new CorruptValueException("stored ACL binding is invalid: " + p, null);
            });
    return binding;
  }
}
