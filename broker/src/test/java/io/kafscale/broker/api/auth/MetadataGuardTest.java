/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclResourceType;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class MetadataGuardTest {
  private static final List<String> EXISTING = List.of("public", "secret");
  private final GuardFixture fixture =
      new GuardFixture()
          .allow(AclOperation.DESCRIBE, AclResourceType.TOPIC, "public")
          .answering(MetadataGuardTest::answer);

  /** Answers the named topics, or every existing topic when none is named. */
  private static ApiMessage answer(ApiMessage request) {
    MetadataRequestData q = (MetadataRequestData) request;
    List<String> names =
        q.topics() == null ? EXISTING : q.topics().stream().map(t -> t.name()).toList();
    MetadataResponseData r = new MetadataResponseData();
    for (String name : names) {
      r.topics()
          .add(
              new MetadataResponseData.MetadataResponseTopic()
                  .setName(name)
                  .setTopicId(Uuid.randomUuid()));
    }
    return r;
  }

  private static MetadataRequestData named(String... topics) {
    MetadataRequestData q = new MetadataRequestData().setAllowAutoTopicCreation(false);
    for (String t : topics) {
      q.topics().add(new MetadataRequestData.MetadataRequestTopic().setName(t));
    }
    return q;
  }

  private MetadataResponseData run(MetadataRequestData request) {
    MetadataResponseData response =
        fixture.run(new MetadataGuard(EXISTING::contains, true), ApiKeys.METADATA, 12, request);
    return GuardFixture.onTheWire(ApiKeys.METADATA, 12, response);
  }

  @Test
  void shouldHideUndescribableTopicsFromAnAllTopicsRequest() {
    // When
    MetadataResponseData response = run(new MetadataRequestData().setTopics(null));

    // Then
    assertThat(response.topics()).extracting(t -> t.name()).containsExactly("public");
  }

  @Test
  void shouldPassDescribableNamedTopicsUnchanged() {
    // Given
    MetadataRequestData request = named("public");

    // When
    MetadataResponseData response = run(request);

    // Then
    assertThat(fixture.forwarded).containsExactly(request);
    assertThat(response.topics())
        .extracting(t -> t.name(), t -> Errors.forCode(t.errorCode()))
        .containsExactly(tuple("public", Errors.NONE));
  }

  @Test
  void shouldAnswerAnUndescribableNamedTopicWithTopicAuthorizationFailedWithoutAskingForIt() {
    // When
    MetadataResponseData response = run(named("public", "secret"));

    // Then
    assertThat(((MetadataRequestData) fixture.forwarded.get(0)).topics())
        .extracting(t -> t.name())
        .containsExactly("public");
    assertThat(response.topics())
        .extracting(t -> t.name(), t -> Errors.forCode(t.errorCode()))
        .containsExactly(
            tuple("public", Errors.NONE), tuple("secret", Errors.TOPIC_AUTHORIZATION_FAILED));
  }

  @Test
  void shouldRefuseAutoCreationWithoutCreateOnTheClusterOrTopic() {
    // Given a describable topic that does not exist, auto-creation asked
    fixture.allow(AclOperation.DESCRIBE, AclResourceType.TOPIC, "fresh");
    MetadataRequestData request = named("fresh").setAllowAutoTopicCreation(true);

    // When
    MetadataResponseData response = run(request);

    // Then
    assertThat(response.topics())
        .extracting(t -> t.name(), t -> Errors.forCode(t.errorCode()))
        .containsExactly(tuple("fresh", Errors.TOPIC_AUTHORIZATION_FAILED));
  }

  @Test
  void shouldNotDiscloseTheNameOfAnUndescribableTopicAskedForById() {
    // Given the handler resolves ids to the topics "public" and "secret"
    Uuid publicId = Uuid.randomUuid();
    Uuid secretId = Uuid.randomUuid();
    fixture.answering(
        request -> {
          MetadataResponseData r = new MetadataResponseData();
          for (var t : ((MetadataRequestData) request).topics()) {
            r.topics()
                .add(
                    new MetadataResponseData.MetadataResponseTopic()
                        .setName(t.topicId().equals(secretId) ? "secret" : "public")
                        .setTopicId(t.topicId()));
          }
          return r;
        });
    MetadataRequestData request = new MetadataRequestData().setAllowAutoTopicCreation(false);
    request.topics().add(new MetadataRequestData.MetadataRequestTopic().setTopicId(publicId));
    request.topics().add(new MetadataRequestData.MetadataRequestTopic().setTopicId(secretId));

    // When
    MetadataResponseData response = run(request);

    // Then
    assertThat(response.topics())
        .extracting(t -> t.name(), t -> t.topicId(), t -> Errors.forCode(t.errorCode()))
        .containsExactly(
            tuple("public", publicId, Errors.NONE),
            tuple(null, secretId, Errors.TOPIC_AUTHORIZATION_FAILED));
  }

  @Test
  void shouldAnswerZeroClusterOperationsWithoutDescribeOnTheCluster() {
    // Given a principal allowed to ALTER the cluster but not to DESCRIBE it
    fixture.allowCluster(AclOperation.ALTER);
    MetadataRequestData request = named("public").setIncludeClusterAuthorizedOperations(true);

    // When
    MetadataResponseData response =
        fixture.run(new MetadataGuard(EXISTING::contains, true), ApiKeys.METADATA, 10, request);

    // Then
    assertThat(response.clusterAuthorizedOperations()).isZero();
  }

  @Test
  void shouldFillClusterOperationsWithDescribeOnTheCluster() {
    // Given
    fixture.allowCluster(AclOperation.DESCRIBE);
    MetadataRequestData request = named("public").setIncludeClusterAuthorizedOperations(true);

    // When
    MetadataResponseData response =
        fixture.run(new MetadataGuard(EXISTING::contains, true), ApiKeys.METADATA, 10, request);

    // Then
    assertThat(response.clusterAuthorizedOperations()).isEqualTo(1 << AclOperation.DESCRIBE.code());
  }
}
