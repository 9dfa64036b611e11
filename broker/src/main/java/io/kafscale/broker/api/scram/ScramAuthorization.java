/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.scram;

import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.api.RequestHandler;
import io.kafscale.broker.security.acl.Authorizer;
import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclResourceType;
import io.kafscale.protocol.error.ErrorResponses;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * Authorization of the user-entity APIs {@code kafka-configs --entity-type users} calls, as Kafka
 * does it: AlterUserScramCredentials needs ALTER, DescribeUserScramCredentials DESCRIBE and
 * DescribeClientQuotas DESCRIBE_CONFIGS on the CLUSTER; without it the request gets its own
 * CLUSTER_AUTHORIZATION_FAILED response (every user of an alteration, the top-level error of a
 * description). Every other request passes to {@code next} untouched. Thread-safe; never blocks.
 */
public final class ScramAuthorization implements RequestHandler {
  private final RequestHandler next;
  private final Authorizer authorizer;

  private ScramAuthorization(RequestHandler next, Authorizer authorizer) {
    this.next = next;
    this.authorizer = authorizer;
  }

  /** {@code next} guarded by {@code authorizer}; {@code next} itself when authorization is off. */
  public static RequestHandler guard(
      RequestHandler next, Optional<? extends Authorizer> authorizer) {
    return authorizer.<RequestHandler>map(a -> new ScramAuthorization(next, a)).orElse(next);
  }

  @Override
  public CompletionStage<ApiMessage> handle(RequestContext context, RequestFrame frame) {
    AclOperation needed =
        switch (frame.apiKey()) {
          case ALTER_USER_SCRAM_CREDENTIALS -> AclOperation.ALTER;
          case DESCRIBE_USER_SCRAM_CREDENTIALS -> AclOperation.DESCRIBE;
          case DESCRIBE_CLIENT_QUOTAS -> AclOperation.DESCRIBE_CONFIGS;
          default -> null;
        };
    if (needed == null
        || authorizer.authorize(
            context.principal(),
            context.host(),
            needed,
            AclResourceType.CLUSTER,
            AclResourceType.CLUSTER_NAME)) {
      return next.handle(context, frame);
    }
    return CompletableFuture.completedFuture(
        ErrorResponses.of(
            frame.apiKey(), frame.apiVersion(), frame.body(), Errors.CLUSTER_AUTHORIZATION_FAILED));
  }
}
