/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.scram;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.security.scram.ScramMechanism;
import io.kafscale.metadata.model.ScramCredentialRecord;
import io.kafscale.metadata.registry.ScramCredentialRegistry;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.DescribeUserScramCredentialsRequestData;
import org.apache.kafka.common.message.DescribeUserScramCredentialsRequestData.UserName;
import org.apache.kafka.common.message.DescribeUserScramCredentialsResponseData;
import org.apache.kafka.common.message.DescribeUserScramCredentialsResponseData.CredentialInfo;
import org.apache.kafka.common.message.DescribeUserScramCredentialsResponseData.DescribeUserScramCredentialsResult;
import org.apache.kafka.common.protocol.Errors;

/**
 * DescribeUserScramCredentials, as Kafka answers it: a null or empty user list describes every user
 * with a credential; otherwise one result per distinct requested user, DUPLICATE_RESOURCE for a
 * user named twice and RESOURCE_NOT_FOUND for one without a credential. Each credential is its
 * mechanism and iteration count, never a key. Authorization (DESCRIBE on the cluster) is checked
 * before this handler by {@link ScramAuthorization}. Thread-safe; never blocks.
 */
public final class DescribeUserScramCredentialsHandler
    implements ApiHandler<DescribeUserScramCredentialsRequestData> {
  static final String DUPLICATE =
      "Cannot describe SCRAM credentials for the same user twice in a single request: ";
  static final String MISSING = "Attempt to describe a user credential that does not exist: ";

  private final ScramCredentialRegistry registry;

  public DescribeUserScramCredentialsHandler(ScramCredentialRegistry registry) {
    this.registry = registry;
  }

  @Override
  public CompletionStage<DescribeUserScramCredentialsResponseData> handle(
      RequestContext context, RequestFrame frame, DescribeUserScramCredentialsRequestData request) {
    return registry.list().thenApply(all -> describe(request.users(), all));
  }

  static DescribeUserScramCredentialsResponseData describe(
      List<UserName> requested, List<ScramCredentialRecord> stored) {
    Map<String, List<CredentialInfo>> byUser = new LinkedHashMap<>();
    for (ScramCredentialRecord r : stored) {
      Optional<ScramMechanism> mechanism = ScramMechanism.fromMechanismName(r.mechanism());
      mechanism.ifPresent(
          m ->
              byUser
                  .computeIfAbsent(r.user(), u -> new ArrayList<>())
                  .add(new CredentialInfo().setMechanism(m.type()).setIterations(r.iterations())));
    }
    byUser
        .values()
        .forEach(infos -> infos.sort(Comparator.comparingInt(CredentialInfo::mechanism)));
    List<DescribeUserScramCredentialsResult> results = new ArrayList<>();
    if (requested == null || requested.isEmpty()) {
      byUser.forEach((user, infos) -> results.add(found(user, infos)));
    } else {
      Map<String, Integer> counts = new LinkedHashMap<>();
      requested.forEach(u -> counts.merge(u.name(), 1, Integer::sum));
      counts.forEach(
          (user, count) -> {
            if (count > 1) {
              results.add(failed(user, Errors.DUPLICATE_RESOURCE, DUPLICATE + user));
            } else if (!byUser.containsKey(user)) {
              results.add(failed(user, Errors.RESOURCE_NOT_FOUND, MISSING + user));
            } else {
              results.add(found(user, byUser.get(user)));
            }
          });
    }
    return new DescribeUserScramCredentialsResponseData().setResults(results);
  }

  private static DescribeUserScramCredentialsResult found(String user, List<CredentialInfo> infos) {
    return new DescribeUserScramCredentialsResult().setUser(user).setCredentialInfos(infos);
  }

  private static DescribeUserScramCredentialsResult failed(
      String user, Errors error, String message) {
    return new DescribeUserScramCredentialsResult()
        .setUser(user)
        .setErrorCode(error.code())
        .setErrorMessage(message);
  }
}
