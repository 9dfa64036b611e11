/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.group;

import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.group.ErrorKind;
import io.kafscale.broker.group.NotCoordinatorException;
import io.kafscale.metadata.registry.FencedEpochException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps group outcomes and failures to Kafka errors for the group API handlers. */
final class GroupErrors {
  private static final Logger LOG = LoggerFactory.getLogger(GroupErrors.class);

  private GroupErrors() {}

  /** Each {@link ErrorKind} is named after the Kafka error it becomes. */
  static Errors of(ErrorKind kind) {
    return Errors.valueOf(kind.name());
  }

  /**
   * A failed coordinator call: NOT_COORDINATOR when the group moved or a write was fenced (the
   * client looks it up again), else COORDINATOR_NOT_AVAILABLE (a store failure: retriable, the
   * client backs off).
   */
  static Errors of(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    // A fenced write: another broker owns the coordinator partition now.
    if (cause instanceof NotCoordinatorException || cause instanceof FencedEpochException) {
      return Errors.NOT_COORDINATOR;
    }
    LOG.warn("group request failed error={}", cause.toString());
    return Errors.COORDINATOR_NOT_AVAILABLE;
  }

  /** Kafka's client host form: "/" and the address. */
  static String clientHost(RequestContext context) {
    return context.remoteAddress() == null
        ? "/127.0.0.1"
        : "/" + context.remoteAddress().getAddress().getHostAddress();
  }
}
