/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.auth;

import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.api.RequestHandler;
import io.kafscale.broker.security.acl.Authorizer;
import io.kafscale.broker.security.acl.KafkaPrincipal;
import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclResourceType;
import io.kafscale.protocol.frame.RequestFrame;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.requests.AbstractResponse;

/**
 * Runs one guard against an authorizer granting exactly what the test allows (an operation, or ALL,
 * on a type and name; no implications, no wildcards) and a handler that records what it is given
 * and answers with the test's function. Not thread-safe.
 */
final class GuardFixture {
  private final Set<String> grants = new HashSet<>();
  final List<ApiMessage> forwarded = new ArrayList<>();
  private Function<ApiMessage, ApiMessage> answer = body -> null;
  private String listener;
  private String dedicatedInterBrokerListener;

  final Authorizer authorizer =
      new Authorizer() {
        @Override
        public boolean authorize(
            KafkaPrincipal principal,
            String host,
            AclOperation operation,
            AclResourceType type,
            String name) {
          return grants.contains(grant(operation, type, name))
              || grants.contains(grant(AclOperation.ALL, type, name));
        }

        @Override
        public boolean authorizeAny(
            KafkaPrincipal principal, String host, AclOperation operation, AclResourceType type) {
          String suffix = " " + type + " ";
          return grants.stream().anyMatch(g -> g.startsWith(operation + suffix));
        }
      };

  private static String grant(AclOperation op, AclResourceType type, String name) {
    return op + " " + type + " " + name;
  }

  GuardFixture allow(AclOperation op, AclResourceType type, String... names) {
    for (String name : names) {
      grants.add(grant(op, type, name));
    }
    return this;
  }

  GuardFixture allowCluster(AclOperation op) {
    return allow(op, AclResourceType.CLUSTER, AclResourceType.CLUSTER_NAME);
  }

  /** Requests arrive on {@code listener}; {@code dedicated}: the separated inter-broker one. */
  GuardFixture onListener(String listener, String dedicated) {
    this.listener = listener;
    this.dedicatedInterBrokerListener = dedicated;
    return this;
  }

  /** The handler answers every forwarded body with {@code answer}. */
  GuardFixture answering(Function<ApiMessage, ApiMessage> answer) {
    this.answer = answer;
    return this;
  }

  final RequestHandler next =
      (context, frame) -> {
        forwarded.add(frame.body());
        return CompletableFuture.completedFuture(answer.apply(frame.body()));
      };

  static RequestFrame frame(ApiKeys key, int version, ApiMessage body) {
    RequestHeaderData header =
        new RequestHeaderData()
            .setRequestApiKey(key.id)
            .setRequestApiVersion((short) version)
            .setClientId("test");
    return new RequestFrame(key, (short) version, header, body, 0, Unpooled.EMPTY_BUFFER);
  }

  /** The guard's answer to {@code body} sent at {@code version}. */
  @SuppressWarnings("unchecked")
  <R extends ApiMessage> R run(Guard guard, ApiKeys key, int version, ApiMessage body) {
    return (R) start(guard, key, version, body).join();
  }

  /** The guard's stage for {@code body}, not waited for (to see how it fails). */
  CompletableFuture<ApiMessage> start(Guard guard, ApiKeys key, int version, ApiMessage body) {
    Access access =
        new Access(
            authorizer,
            new RequestContext(1, null, "test", KafkaPrincipal.ANONYMOUS, listener),
            dedicatedInterBrokerListener);
    return guard.handle(access, frame(key, version, body), next).toCompletableFuture();
  }

  /** The response as a client of {@code version} reads it off the wire. */
  @SuppressWarnings("unchecked")
  static <R extends ApiMessage> R onTheWire(ApiKeys key, int version, ApiMessage response) {
    return (R)
        AbstractResponse.parseResponse(
                key, MessageUtil.toByteBufferAccessor(response, (short) version), (short) version)
            .data();
  }
}
