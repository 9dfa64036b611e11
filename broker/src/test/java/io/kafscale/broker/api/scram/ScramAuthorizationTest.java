/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.scram;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.api.RequestHandler;
import io.kafscale.broker.security.acl.Authorizer;
import io.kafscale.broker.security.acl.KafkaPrincipal;
import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclResourceType;
import io.kafscale.protocol.frame.RequestFrame;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.message.AlterUserScramCredentialsRequestData;
import org.apache.kafka.common.message.AlterUserScramCredentialsResponseData;
import org.apache.kafka.common.message.DescribeUserScramCredentialsRequestData;
import org.apache.kafka.common.message.DescribeUserScramCredentialsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** ALTER / DESCRIBE on the cluster guard the SCRAM APIs; other APIs pass untouched. */
class ScramAuthorizationTest {
  private static final KafkaPrincipal ADMIN = new KafkaPrincipal("User", "admin");
  private static final KafkaPrincipal MALLORY = new KafkaPrincipal("User", "mallory");

  /** Lets {@link #ADMIN} do anything on the cluster and nobody anything else. */
  private static final Authorizer ADMIN_ONLY =
      new Authorizer() {
        @Override
        public boolean authorize(
            KafkaPrincipal principal,
            String host,
            AclOperation operation,
            AclResourceType type,
            String name) {
          return principal.equals(ADMIN)
              && type == AclResourceType.CLUSTER
              && name.equals(AclResourceType.CLUSTER_NAME);
        }

        @Override
        public boolean authorizeAny(
            KafkaPrincipal principal, String host, AclOperation operation, AclResourceType type) {
          return false;
        }
      };

  private final AtomicInteger forwarded = new AtomicInteger();
  private final RequestHandler next =
      (context, frame) -> {
        forwarded.incrementAndGet();
        return CompletableFuture.completedFuture(new MetadataResponseData());
      };
  private final RequestHandler guarded = ScramAuthorization.guard(next, Optional.of(ADMIN_ONLY));

  private static RequestFrame frame(ApiKeys key, ApiMessage body) {
    RequestHeaderData header =
        new RequestHeaderData().setRequestApiKey(key.id).setRequestApiVersion((short) 0);
    return new RequestFrame(key, (short) 0, header, body, 0, Unpooled.EMPTY_BUFFER);
  }

  private static RequestContext as(KafkaPrincipal principal) {
    return new RequestContext(1, null, "test", principal);
  }

  private ApiMessage call(KafkaPrincipal principal, ApiKeys key, ApiMessage body) {
    return guarded.handle(as(principal), frame(key, body)).toCompletableFuture().join();
  }

  @Test
  void shouldFailEveryUserOfAnAlterationWithoutAlterOnTheCluster() {
    // Given
    var request = new AlterUserScramCredentialsRequestData();
    request
        .deletions()
        .add(
            new AlterUserScramCredentialsRequestData.ScramCredentialDeletion()
                .setName("alice")
                .setMechanism((byte) 1));

    // When
    var response =
        (AlterUserScramCredentialsResponseData)
            call(MALLORY, ApiKeys.ALTER_USER_SCRAM_CREDENTIALS, request);

    // Then
    assertThat(response.results()).hasSize(1);
    assertThat(response.results().get(0).user()).isEqualTo("alice");
    assertThat(response.results().get(0).errorCode())
        .isEqualTo(Errors.CLUSTER_AUTHORIZATION_FAILED.code());
    assertThat(forwarded).hasValue(0);
  }

  @Test
  void shouldFailADescriptionWithoutDescribeOnTheCluster() {
    // When
    var response =
        (DescribeUserScramCredentialsResponseData)
            call(
                MALLORY,
                ApiKeys.DESCRIBE_USER_SCRAM_CREDENTIALS,
                new DescribeUserScramCredentialsRequestData().setUsers(List.of()));

    // Then
    assertThat(response.errorCode()).isEqualTo(Errors.CLUSTER_AUTHORIZATION_FAILED.code());
    assertThat(forwarded).hasValue(0);
  }

  @Test
  void shouldForwardAuthorizedRequestsAndOtherApis() {
    // When
    call(
        ADMIN,
        ApiKeys.DESCRIBE_USER_SCRAM_CREDENTIALS,
        new DescribeUserScramCredentialsRequestData());
    call(ADMIN, ApiKeys.ALTER_USER_SCRAM_CREDENTIALS, new AlterUserScramCredentialsRequestData());
    call(MALLORY, ApiKeys.METADATA, new MetadataRequestData());

    // Then
    assertThat(forwarded).hasValue(3);
    assertThat(ScramAuthorization.guard(next, Optional.empty())).isSameAs(next);
  }
}
