/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.auth;

import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.api.RequestHandler;
import io.kafscale.broker.security.acl.AuthorizedOperations;
import io.kafscale.broker.security.acl.Authorizer;
import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclResourceType;
import io.kafscale.protocol.error.ErrorResponses;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * One request's view of the authorizer: its principal and host, plus the ways a guard answers
 * (forward a possibly narrowed body, or the request's own error response). {@code
 * dedicatedInterBrokerListener} names the inter-broker listener when the operator separated it from
 * the client listeners (null otherwise): requests arriving on it count as sent by a broker.
 * Immutable.
 */
record Access(Authorizer authorizer, RequestContext context, String dedicatedInterBrokerListener) {

  Access(Authorizer authorizer, RequestContext context) {
    this(authorizer, context, null);
  }

  /**
   * Whether a broker-only request (WriteTxnMarkers, AddPartitionsToTxn v4+ verification) may be
   * served: the principal has CLUSTER_ACTION on the cluster, as Kafka asks, or the request came in
   * on the dedicated inter-broker listener, since our brokers connect to each other without
   * authenticating.
   */
  boolean fromBroker() {
    return cluster(AclOperation.CLUSTER_ACTION)
        || (dedicatedInterBrokerListener != null
            && dedicatedInterBrokerListener.equals(context.listenerName()));
  }

  boolean allowed(AclOperation operation, AclResourceType type, String name) {
    return authorizer.authorize(context.principal(), context.host(), operation, type, name);
  }

  boolean cluster(AclOperation operation) {
    return allowed(operation, AclResourceType.CLUSTER, AclResourceType.CLUSTER_NAME);
  }

  boolean any(AclOperation operation, AclResourceType type) {
    return authorizer.authorizeAny(context.principal(), context.host(), operation, type);
  }

  int operations(AclResourceType type, String name) {
    return AuthorizedOperations.of(authorizer, context.principal(), context.host(), type, name);
  }

  /**
   * The cluster's authorized operations as Kafka answers them: the bit set when the principal may
   * DESCRIBE the cluster, else 0 (nothing disclosed).
   */
  int clusterOperations() {
    return cluster(AclOperation.DESCRIBE)
        ? operations(AclResourceType.CLUSTER, AclResourceType.CLUSTER_NAME)
        : 0;
  }

  /** {@code next} serving {@code body} in place of the frame's own body (same buffer). */
  CompletionStage<ApiMessage> forward(RequestHandler next, RequestFrame frame, ApiMessage body) {
    if (body == frame.body()) {
      return next.handle(context, frame);
    }
    RequestFrame narrowed =
        new RequestFrame(
            frame.apiKey(),
            frame.apiVersion(),
            frame.header(),
            body,
            frame.sizeInBytes(),
            frame.buffer());
    return next.handle(context, narrowed);
  }

  /** The request's whole error response. */
  static ApiMessage error(RequestFrame frame, ApiMessage body, Errors error) {
    return ErrorResponses.of(frame.apiKey(), frame.apiVersion(), body, error);
  }

  static CompletionStage<ApiMessage> deny(RequestFrame frame, Errors error) {
    return CompletableFuture.completedFuture(error(frame, frame.body(), error));
  }
}
