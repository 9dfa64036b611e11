/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.scram;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.api.scram.ScramAlterations.UserPlan;
import io.kafscale.metadata.registry.ScramCredentialRegistry;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.AlterUserScramCredentialsRequestData;
import org.apache.kafka.common.message.AlterUserScramCredentialsResponseData;
import org.apache.kafka.common.message.AlterUserScramCredentialsResponseData.AlterUserScramCredentialsResult;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AlterUserScramCredentials: validates the request per user ({@link ScramAlterations}), then
 * applies each valid user's upsertions and deletions in one metadata-store transaction, so one
 * user's changes land together or not at all; a deletion of a credential that does not exist fails
 * its user with RESOURCE_NOT_FOUND. One result per user. Authorization (ALTER on the cluster) is
 * checked before this handler by {@link ScramAuthorization}. Thread-safe; never blocks.
 */
public final class AlterUserScramCredentialsHandler
    implements ApiHandler<AlterUserScramCredentialsRequestData> {
  private static final Logger LOG = LoggerFactory.getLogger(AlterUserScramCredentialsHandler.class);
  static final String DELETE_MISSING = "Attempt to delete a user credential that does not exist";

  private final ScramCredentialRegistry registry;

  public AlterUserScramCredentialsHandler(ScramCredentialRegistry registry) {
    this.registry = registry;
  }

  @Override
  public CompletionStage<AlterUserScramCredentialsResponseData> handle(
      RequestContext context, RequestFrame frame, AlterUserScramCredentialsRequestData request) {
    List<CompletableFuture<AlterUserScramCredentialsResult>> results = new ArrayList<>();
    for (UserPlan plan : ScramAlterations.plan(request)) {
      results.add(
          plan.failed()
              ? CompletableFuture.completedFuture(result(plan.user(), plan.error(), plan.message()))
              : apply(plan));
    }
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .thenApply(
            v ->
                new AlterUserScramCredentialsResponseData()
                    .setResults(results.stream().map(CompletableFuture::join).toList()));
  }

  private CompletableFuture<AlterUserScramCredentialsResult> apply(UserPlan plan) {
    CompletableFuture<Boolean> applied;
    try {
      applied = registry.alter(plan.user(), plan.upserts(), plan.deletions());
    } catch (RuntimeException e) {
      applied = CompletableFuture.failedFuture(e);
    }
    return applied.handle(
        (ok, failure) -> {
          if (failure != null) {
            LOG.warn("SCRAM credential alteration failed error={}", failure.toString());
            return result(plan.user(), Errors.UNKNOWN_SERVER_ERROR, failure.getMessage());
          }
          if (!ok) {
            return result(plan.user(), Errors.RESOURCE_NOT_FOUND, DELETE_MISSING);
          }
          LOG.info(
              "SCRAM credentials altered upserted={} deleted={}",
              plan.upserts().stream().map(r -> r.mechanism()).toList(),
              plan.deletions());
          return result(plan.user(), Errors.NONE, null);
        });
  }

  private static AlterUserScramCredentialsResult result(String user, Errors error, String message) {
    return new AlterUserScramCredentialsResult()
        .setUser(user)
        .setErrorCode(error.code())
        .setErrorMessage(message);
  }
}
