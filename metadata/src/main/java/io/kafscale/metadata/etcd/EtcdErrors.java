/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.etcd;

import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.kafscale.metadata.store.CompactedRevisionException;
import io.kafscale.metadata.store.LeaseNotFoundException;
import io.kafscale.metadata.store.MetadataStoreException;
import java.util.ArrayList;
import java.util.List;
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
      // jetcd waits for a ready connection, so a refused TLS handshake (untrusted server
      // certificate, missing or rejected client certificate) also ends as a timeout.
      return new MetadataStoreException(
          "etcd "
              + what
              + " got no answer from "
              + endpoints
              + " within "
              + timeoutMillis
              + " ms "
              + (endpoints.contains("https://")
                  ? "(etcd unreachable, without leader, or refusing the TLS handshake: check"
                      + " the CA, certificate and key files?)"
                  : "(etcd unreachable or without leader?)"),
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
    String description = describe(t);
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

  /**
   * The informative part of a gRPC failure. jetcd and gRPC wrap the reason in bare statuses (a
   * wrong password arrives as {@code UNAUTHENTICATED} without description, caused by etcd's {@code
   * INVALID_ARGUMENT: authentication failed}; a refused TLS handshake as {@code UNAVAILABLE: io
   * exception} caused by an {@code SSLException}), so every description in the cause chain and the
   * root cause are kept.
   */
  private static String describe(Throwable t) {
    List<String> parts = new ArrayList<>();
    Throwable root = t;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      Status s =
          c instanceof StatusRuntimeException r
              ? r.getStatus()
              : c instanceof StatusException e ? e.getStatus() : null;
      if (s != null && s.getDescription() != null && !parts.contains(s.getDescription())) {
        parts.add(s.getDescription());
      }
      root = c;
    }
    if (parts.isEmpty()) {
      return t.toString();
    }
    if (!(root instanceof StatusRuntimeException || root instanceof StatusException)) {
      parts.add(root.toString());
    }
    return String.join(": ", parts);
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
