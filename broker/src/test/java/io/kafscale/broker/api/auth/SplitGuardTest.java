/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclResourceType;
import java.util.List;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** The split behaviour shared by every multi-resource guard, shown on DeleteGroups. */
class SplitGuardTest {
  private final GuardFixture fixture = new GuardFixture().answering(SplitGuardTest::deleted);

  private static ApiMessage deleted(ApiMessage request) {
    DeleteGroupsResponseData r = new DeleteGroupsResponseData();
    for (String g : ((DeleteGroupsRequestData) request).groupsNames()) {
      r.results().add(new DeleteGroupsResponseData.DeletableGroupResult().setGroupId(g));
    }
    return r;
  }

  private DeleteGroupsResponseData delete(String... groups) {
    return fixture.run(
        GroupGuards.deleteGroups(),
        ApiKeys.DELETE_GROUPS,
        2,
        new DeleteGroupsRequestData().setGroupsNames(List.of(groups)));
  }

  @Test
  void shouldPassTheRequestUnchangedWhenEveryResourceIsAllowed() {
    // Given
    fixture.allow(AclOperation.DELETE, AclResourceType.GROUP, "a", "b");
    DeleteGroupsRequestData request =
        new DeleteGroupsRequestData().setGroupsNames(List.of("a", "b"));

    // When
    fixture.run(GroupGuards.deleteGroups(), ApiKeys.DELETE_GROUPS, 2, request);

    // Then the very same body reached the handler
    assertThat(fixture.forwarded).hasSize(1);
    assertThat(fixture.forwarded.get(0)).isSameAs(request);
  }

  @Test
  void shouldNotCallTheHandlerWhenNoResourceIsAllowed() {
    // When
    DeleteGroupsResponseData response = delete("a", "b");

    // Then
    assertThat(fixture.forwarded).isEmpty();
    assertThat(
            GuardFixture.<DeleteGroupsResponseData>onTheWire(ApiKeys.DELETE_GROUPS, 2, response)
                .results())
        .extracting(r -> r.groupId(), r -> Errors.forCode(r.errorCode()))
        .containsExactly(
            tuple("a", Errors.GROUP_AUTHORIZATION_FAILED),
            tuple("b", Errors.GROUP_AUTHORIZATION_FAILED));
  }

  @Test
  void shouldForwardOnlyAllowedResourcesAndMergeResultsInRequestOrder() {
    // Given
    fixture.allow(AclOperation.DELETE, AclResourceType.GROUP, "b", "d");

    // When
    DeleteGroupsResponseData response = delete("a", "b", "c", "d");

    // Then
    assertThat(((DeleteGroupsRequestData) fixture.forwarded.get(0)).groupsNames())
        .containsExactly("b", "d");
    assertThat(response.results())
        .extracting(r -> r.groupId(), r -> Errors.forCode(r.errorCode()))
        .containsExactly(
            tuple("a", Errors.GROUP_AUTHORIZATION_FAILED),
            tuple("b", Errors.NONE),
            tuple("c", Errors.GROUP_AUTHORIZATION_FAILED),
            tuple("d", Errors.NONE));
  }

  @Test
  void shouldGiveEachRefusedResourceItsOwnErrorInRequestOrder() {
    // Given a broker config (cluster check) and two topics, one of them readable
    fixture
        .allow(AclOperation.DESCRIBE_CONFIGS, AclResourceType.TOPIC, "ok")
        .answering(
            q -> {
              DescribeConfigsResponseData r = new DescribeConfigsResponseData();
              for (var res : ((DescribeConfigsRequestData) q).resources()) {
                r.results()
                    .add(
                        new DescribeConfigsResponseData.DescribeConfigsResult()
                            .setResourceType(res.resourceType())
                            .setResourceName(res.resourceName()));
              }
              return r;
            });
    DescribeConfigsRequestData request = new DescribeConfigsRequestData();
    request.resources().add(resource(ConfigResource.Type.TOPIC, "secret"));
    request.resources().add(resource(ConfigResource.Type.BROKER, "1"));
    request.resources().add(resource(ConfigResource.Type.TOPIC, "ok"));

    // When
    DescribeConfigsResponseData response =
        fixture.run(ClusterGuards.describeConfigs(), ApiKeys.DESCRIBE_CONFIGS, 4, request);

    // Then
    assertThat(
            GuardFixture.<DescribeConfigsResponseData>onTheWire(
                    ApiKeys.DESCRIBE_CONFIGS, 4, response)
                .results())
        .extracting(r -> r.resourceName(), r -> Errors.forCode(r.errorCode()))
        .containsExactly(
            tuple("secret", Errors.TOPIC_AUTHORIZATION_FAILED),
            tuple("1", Errors.CLUSTER_AUTHORIZATION_FAILED),
            tuple("ok", Errors.NONE));
  }

  private static DescribeConfigsRequestData.DescribeConfigsResource resource(
      ConfigResource.Type type, String name) {
    return new DescribeConfigsRequestData.DescribeConfigsResource()
        .setResourceType(type.id())
        .setResourceName(name);
  }
}
