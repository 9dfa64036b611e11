/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import io.kafscale.console.http.ApiException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.protocol.Errors;

/**
 * Maps what the Kafka clients throw to the console's error model (status, code, Kafka's error name)
 * and waits on Kafka futures with the configured timeout. Stateless.
 */
public final class KafkaErrors {
  private KafkaErrors() {}

  /** Waits for {@code future}; failures and timeouts become {@link ApiException}s. */
  public static <T> T await(KafkaFuture<T> future, long timeoutMs, String what) {
    try {
      return future.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.unavailable("interrupted while waiting for " + what);
    } catch (TimeoutException e) {
      throw ApiException.unavailable(
          "the Kafka cluster did not answer " + what + " within " + timeoutMs + " ms");
    } catch (ExecutionException e) {
      throw map(e.getCause(), what);
    }
  }

  /** The contract error for a failure of {@code what}. */
  public static ApiException map(Throwable error, String what) {
    Throwable e = unwrap(error);
    if (e instanceof ApiException api) {
      return api;
    }
    String message = what + ": " + e.getMessage();
    String name = e instanceof org.apache.kafka.common.errors.ApiException ? kafkaName(e) : null;
    return switch (e) {
      case TopicExistsException x -> new ApiException(409, "CONFLICT", message, name);
      case GroupNotEmptyException x -> new ApiException(409, "CONFLICT", message, name);
      case UnknownMemberIdException x -> new ApiException(409, "CONFLICT", message, name);
      case UnknownTopicOrPartitionException x -> new ApiException(404, "NOT_FOUND", message, name);
      case GroupIdNotFoundException x -> new ApiException(404, "NOT_FOUND", message, name);
      case InvalidPartitionsException x -> new ApiException(400, "BAD_REQUEST", message, name);
      case InvalidReplicationFactorException x ->
          new ApiException(400, "BAD_REQUEST", message, name);
      case InvalidTopicException x -> new ApiException(400, "BAD_REQUEST", message, name);
      // Both extend InvalidConfigurationException, so they come before it.
      // The broker refused the console's own principal: the user may not fix it by retrying.
      case AuthorizationException x -> new ApiException(403, "FORBIDDEN", message, name);
      // The console's credentials were refused: to the user the cluster is unavailable.
      case AuthenticationException x ->
          new ApiException(
              503,
              "CLUSTER_UNAVAILABLE",
              what + ": the console could not authenticate to the Kafka cluster: " + e.getMessage(),
              name);
      case InvalidConfigurationException x ->
          new ApiException(400, "INVALID_CONFIG", message, name);
      case PolicyViolationException x -> new ApiException(400, "INVALID_CONFIG", message, name);
      case InvalidRequestException x -> new ApiException(400, "BAD_REQUEST", message, name);
      case org.apache.kafka.common.errors.TimeoutException x ->
          new ApiException(
              503, "CLUSTER_UNAVAILABLE", "the Kafka cluster did not answer " + message, name);
      case org.apache.kafka.common.errors.RetriableException x ->
          new ApiException(503, "CLUSTER_UNAVAILABLE", message, name);
      case TimeoutException x ->
          new ApiException(503, "CLUSTER_UNAVAILABLE", "timed out: " + message, null);
      case org.apache.kafka.common.errors.ApiException x ->
          new ApiException(500, "INTERNAL", message, name);
      // A bare KafkaException is the clients saying they could not reach the cluster at all
      // (e.g. the Admin client's "Failed to find brokers to send ListGroups").
      case org.apache.kafka.common.KafkaException x
          when x.getClass() == org.apache.kafka.common.KafkaException.class ->
          new ApiException(503, "CLUSTER_UNAVAILABLE", message, null);
      case IllegalArgumentException x -> new ApiException(400, "BAD_REQUEST", message, null);
      default -> new ApiException(500, "INTERNAL", what + ": " + e, null);
    };
  }

  static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof ExecutionException || t instanceof CompletionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String kafkaName(Throwable e) {
    Errors error = Errors.forException(e);
    return error == Errors.UNKNOWN_SERVER_ERROR ? e.getClass().getSimpleName() : error.name();
  }
}
