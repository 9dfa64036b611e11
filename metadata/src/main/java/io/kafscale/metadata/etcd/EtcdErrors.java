/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.etcd;

import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;
import io.kafscale.metadata.store.CompactedRevisionException;
import io.kafscale.metadata.store.LeaseNotFoundException;
import io.kafscale.metadata.store.MetadataStoreException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Maps what jetcd and gRPC fail with to the port's exceptions: unknown lease → {@link
 * LeaseNotFoundException}, compacted revision → {@link CompactedRevisionException}, anything else
 * (unreachable, timeout, no leader, auth) → {@link MetadataStoreException} naming the endpoints.
 * Stateless.
 */
final class EtcdErrors {
  private EtcdErrors() {}

  /**
   * @param what the operation, for the message (e.g. {@code "txn"})
   * @param endpoints the configured endpoints, for the message
   * @param timeoutMillis the request timeout, for the message of a timeout
   */
  static MetadataStoreException translate(
      String what, Throwable failure, String endpoints, long timeoutMillis) {
    Throwable t = unwrap(failure);
    if (t instanceof MetadataStoreException m) {
      return m;
    }
    if (t instanceof TimeoutException) {
      return new MetadataStoreException(
          "etcd "
              + what
              + " got no answer from "
              + endpoints
              + " within "
              + timeoutMillis
              + " ms (etcd unreachable or without leader?)",
          t);
    }
    if (t instanceof CompactedException c) {
      return new CompactedRevisionException(
          "etcd "
              + what
              + ": revision compacted (compact revision "
              + c.getCompactedRevision()
              + ")",
          t);
    }
    if (t instanceof EtcdException e && e.getErrorCode() == ErrorCode.NOT_FOUND) {
      return new LeaseNotFoundException("etcd " + what + ": " + e.getMessage(), t);
    }
    Status status = Status.fromThrowable(t);
    String description = status.getDescription() == null ? t.toString() : status.getDescription();
    return switch (status.getCode()) {
      // etcd answers NotFound only for leases (and for members/users/roles, which we never touch).
      case NOT_FOUND -> new LeaseNotFoundException("etcd " + what + ": " + description, t);
      case OUT_OF_RANGE ->
          description.contains("compacted")
              ? new CompactedRevisionException("etcd " + what + ": " + description, t)
              : new MetadataStoreException("etcd " + what + " failed: " + description, t);
      case UNAVAILABLE ->
          new MetadataStoreException(
              "etcd unavailable at " + endpoints + " (" + what + "): " + description, t);
      case DEADLINE_EXCEEDED ->
          new MetadataStoreException(
              "etcd " + what + " timed out at " + endpoints + ": " + description, t);
      default ->
          new MetadataStoreException(
              "etcd "
                  + what
                  + " failed at "
                  + endpoints
                  + ": "
                  + status.getCode()
                  + " "
                  + description,
              t);
    };
  }

  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
