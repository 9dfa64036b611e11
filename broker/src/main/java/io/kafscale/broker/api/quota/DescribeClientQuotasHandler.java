/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.quota;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.DescribeClientQuotasRequestData;
import org.apache.kafka.common.message.DescribeClientQuotasRequestData.ComponentData;
import org.apache.kafka.common.message.DescribeClientQuotasResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * DescribeClientQuotas: Kafscale stores and enforces no client quotas, so every valid filter
 * matches nothing and the answer lists no entity. Served because {@code kafka-configs --describe
 * --entity-type users} asks for a user's quotas before its SCRAM credentials. An invalid filter
 * (unknown entity type, bad match type, a match with a DEFAULT/ANY type or none with EXACT, an
 * entity type named twice) gets INVALID_REQUEST, as in Kafka. Stateless and thread-safe.
 */
public final class DescribeClientQuotasHandler
    implements ApiHandler<DescribeClientQuotasRequestData> {
  private static final Set<String> ENTITY_TYPES = Set.of("user", "client-id", "ip");
  private static final byte EXACT = 0;
  private static final byte DEFAULT = 1;
  private static final byte ANY = 2;

  @Override
  public CompletionStage<DescribeClientQuotasResponseData> handle(
      RequestContext context, RequestFrame frame, DescribeClientQuotasRequestData request) {
    DescribeClientQuotasResponseData response = new DescribeClientQuotasResponseData();
    Optional<String> problem = problem(request.components());
    if (problem.isPresent()) {
      response.setErrorCode(Errors.INVALID_REQUEST.code()).setErrorMessage(problem.get());
    } else {
      response.setEntries(List.of());
    }
    return CompletableFuture.completedFuture(response);
  }

  static Optional<String> problem(List<ComponentData> components) {
    Set<String> seen = new HashSet<>();
    for (ComponentData c : components) {
      if (!ENTITY_TYPES.contains(c.entityType())) {
        return Optional.of("Unexpected quota entity type: " + c.entityType());
      }
      if (!seen.add(c.entityType())) {
        return Optional.of("Duplicate " + c.entityType() + " filter component entity type");
      }
      boolean validMatch =
          switch (c.matchType()) {
            case EXACT -> c.match() != null;
            case DEFAULT, ANY -> c.match() == null;
            default -> false;
          };
      if (!validMatch) {
        return Optional.of("Invalid match type " + c.matchType() + " for " + c.entityType());
      }
    }
    return Optional.empty();
  }
}
