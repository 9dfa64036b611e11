/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.api.ApiTestContext;
import io.kafscale.broker.api.cluster.ConfigEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** AlterConfigs, IncrementalAlterConfigs and DescribeConfigs against an in-memory broker. */
class ConfigHandlersTest {
  private static final byte TOPIC = 2;
  private static final byte BROKER = 4;
  private static final byte SET = 0;
  private static final byte DELETE = 1;
  private static final byte APPEND = 2;
  private static final byte SUBTRACT = 3;

  private final ApiTestContext ctx = new ApiTestContext(false);

  @AfterEach
  void close() {
    ctx.close();
  }

  private static AlterConfigsResource resource(byte type, String name, AlterableConfig... ops) {
    AlterConfigsResource r = new AlterConfigsResource().setResourceType(type).setResourceName(name);
    for (AlterableConfig op : ops) {
      r.configs().add(op);
    }
    return r;
  }

  private static AlterableConfig op(String name, byte type, String value) {
    return new AlterableConfig().setName(name).setConfigOperation(type).setValue(value);
  }

  private List<AlterConfigsResourceResponse> incremental(
      int version, boolean validateOnly, AlterConfigsResource... resources) {
    IncrementalAlterConfigsRequestData request =
        new IncrementalAlterConfigsRequestData().setValidateOnly(validateOnly);
    for (AlterConfigsResource r : resources) {
      request.resources().add(r);
    }
    IncrementalAlterConfigsResponseData response =
        ctx.call(ApiKeys.INCREMENTAL_ALTER_CONFIGS, version, request);
    return response.responses();
  }

  private Map<String, String> stored(String topic) {
    return ctx.apis.topics().topic(topic).orElseThrow().configs();
  }

  private List<DescribeConfigsResourceResult> describe(byte type, String name) {
    DescribeConfigsRequestData request =
        new DescribeConfigsRequestData().setIncludeSynonyms(true).setIncludeDocumentation(true);
    request
        .resources()
        .add(new DescribeConfigsResource().setResourceType(type).setResourceName(name));
    DescribeConfigsResponseData response = ctx.call(ApiKeys.DESCRIBE_CONFIGS, 4, request);
    assertThat(response.results().get(0).errorCode()).isEqualTo(Errors.NONE.code());
    return response.results().get(0).configs();
  }

  private DescribeConfigsResourceResult entry(byte type, String name, String config) {
    return describe(type, name).stream()
        .filter(c -> c.name().equals(config))
        .findFirst()
        .orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void shouldSetAndDeleteTopicConfigsAtEveryIncrementalVersion(int version) {
    // Given
    ctx.createTopic("orders", 1, Map.of("segment.ms", "1000"));

    // When
    List<AlterConfigsResourceResponse> set =
        incremental(
            version,
            false,
            resource(
                TOPIC, "orders", op("retention.ms", SET, "5000"), op("segment.ms", DELETE, null)));

    // Then
    assertThat(set).singleElement().satisfies(r -> assertThat(r.errorCode()).isZero());
    assertThat(stored("orders")).isEqualTo(Map.of("retention.ms", "5000"));
    DescribeConfigsResourceResult retention = entry(TOPIC, "orders", "retention.ms");
    assertThat(retention.configSource()).isEqualTo(ConfigEntry.DYNAMIC_TOPIC_CONFIG);
    assertThat(retention.value()).isEqualTo("5000");
  }

  @Test
  void shouldAppendAndSubtractListValuesFromKafkaDefault() {
    // Given
    ctx.createTopic("orders", 1, Map.of());

    // When
    incremental(1, false, resource(TOPIC, "orders", op("cleanup.policy", APPEND, "compact")));

    // Then
    assertThat(stored("orders")).containsEntry("cleanup.policy", "delete,compact");

    // When
    incremental(1, false, resource(TOPIC, "orders", op("cleanup.policy", SUBTRACT, "delete")));

    // Then
    assertThat(stored("orders")).containsEntry("cleanup.policy", "compact");
    assertThat(ctx.apis.topics().log("orders", 0))
        .hasValueSatisfying(log -> assertThat(log).isNotNull());
  }

  @Test
  void shouldRejectAppendOnNonListConfig() {
    // Given
    ctx.createTopic("orders", 1, Map.of());

    // When
    List<AlterConfigsResourceResponse> r =
        incremental(1, false, resource(TOPIC, "orders", op("retention.ms", APPEND, "1")));

    // Then
    assertThat(r.get(0).errorCode()).isEqualTo(Errors.INVALID_CONFIG.code());
    assertThat(r.get(0).errorMessage()).contains("retention.ms");
  }

  @Test
  void shouldNotChangeAnythingWhenValidateOnly() {
    // Given
    ctx.createTopic("orders", 1, Map.of("retention.ms", "1000"));

    // When
    List<AlterConfigsResourceResponse> ok =
        incremental(1, true, resource(TOPIC, "orders", op("retention.ms", SET, "9")));
    List<AlterConfigsResourceResponse> bad =
        incremental(1, true, resource(TOPIC, "orders", op("retention.ms", SET, "x")));

    // Then
    assertThat(ok.get(0).errorCode()).isZero();
    assertThat(bad.get(0).errorCode()).isEqualTo(Errors.INVALID_CONFIG.code());
    assertThat(stored("orders")).isEqualTo(Map.of("retention.ms", "1000"));
  }

  @Test
  void shouldAnswerEachResourceSeparately() {
    // Given
    ctx.createTopic("orders", 1, Map.of());
    ctx.createTopic("orders2", 1, Map.of());

    // When
    List<AlterConfigsResourceResponse> r =
        incremental(
            1,
            false,
            resource(TOPIC, "orders", op("retention.ms", SET, "7")),
            resource(TOPIC, "missing", op("retention.ms", SET, "7")),
            resource(TOPIC, "orders2", op("no.such.config", SET, "7")),
            resource((byte) 8, "x", op("a", SET, "b")),
            resource(TOPIC, "dup", op("retention.ms", SET, "1")),
            resource(TOPIC, "dup", op("retention.ms", SET, "2")));

    // Then
    assertThat(r)
        .extracting(AlterConfigsResourceResponse::resourceName)
        .containsExactly("orders", "missing", "orders2", "x", "dup", "dup");
    assertThat(r.get(0).errorCode()).isZero();
    assertThat(r.get(1).errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    assertThat(r.get(2).errorCode()).isEqualTo(Errors.INVALID_CONFIG.code());
    assertThat(r.get(2).errorMessage()).contains("no.such.config");
    assertThat(r.get(3).errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
    assertThat(r.get(4).errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
    assertThat(r.get(5).errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
    assertThat(stored("orders")).isEqualTo(Map.of("retention.ms", "7"));
  }

  @Test
  void shouldRejectBadValueWithMessageNamingTheConfig() {
    // Given
    ctx.createTopic("orders", 1, Map.of());
    ctx.createTopic("orders2", 1, Map.of());

    // When
    List<AlterConfigsResourceResponse> r =
        incremental(
            0,
            false,
            resource(TOPIC, "orders", op("cleanup.policy", SET, "shred")),
            resource(TOPIC, "orders2", op("retention.ms", SET, null)));

    // Then
    assertThat(r.get(0).errorCode()).isEqualTo(Errors.INVALID_CONFIG.code());
    assertThat(r.get(0).errorMessage()).contains("cleanup.policy").contains("shred");
    assertThat(r.get(1).errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
  }

  @Test
  void shouldSetClusterDefaultsAndShowThemAsSynonymsOfTopicConfigs() {
    // Given
    ctx.createTopic("orders", 1, Map.of());

    // When
    List<AlterConfigsResourceResponse> r =
        incremental(1, false, resource(BROKER, "", op("log.retention.ms", SET, "60000")));

    // Then
    assertThat(r.get(0).errorCode()).isZero();
    DescribeConfigsResourceResult retention = entry(TOPIC, "orders", "retention.ms");
    assertThat(retention.value()).isEqualTo("60000");
    assertThat(retention.configSource()).isEqualTo(ConfigEntry.DYNAMIC_DEFAULT_BROKER_CONFIG);
    assertThat(retention.synonyms())
        .extracting(s -> s.name() + "=" + s.value() + "@" + s.source())
        .containsExactly("log.retention.ms=60000@3", "log.retention.ms=604800000@5");
    assertThat(describe(BROKER, ""))
        .singleElement()
        .satisfies(c -> assertThat(c.name()).isEqualTo("log.retention.ms"));
    DescribeConfigsResourceResult own = entry(BROKER, "1", "log.retention.ms");
    assertThat(own.configSource()).isEqualTo(ConfigEntry.DYNAMIC_DEFAULT_BROKER_CONFIG);
    assertThat(own.readOnly()).isFalse();
    assertThat(entry(BROKER, "1", "broker.id").readOnly()).isTrue();
    assertThat(ctx.apis.topics().configOverrides(ctx.apis.topics().topic("orders").orElseThrow()))
        .containsEntry("retention.ms", "60000");

    // When the topic overrides it
    incremental(1, false, resource(TOPIC, "orders", op("retention.ms", SET, "5")));

    // Then
    assertThat(entry(TOPIC, "orders", "retention.ms").synonyms())
        .extracting(s -> s.name() + "@" + s.source())
        .containsExactly("retention.ms@1", "log.retention.ms@3", "log.retention.ms@5");
  }

  @Test
  void shouldRefuseUnknownOrStaticClusterDefaultsAndPerBrokerConfigs() {
    // When
    List<AlterConfigsResourceResponse> r =
        incremental(
            1,
            false,
            resource(BROKER, "", op("num.io.threads", SET, "8")),
            resource(BROKER, "1", op("log.retention.ms", SET, "8")),
            resource(BROKER, "7", op("log.retention.ms", SET, "8")),
            resource(BROKER, "abc", op("log.retention.ms", SET, "8")));

    // Then
    assertThat(r.get(0).errorCode()).isEqualTo(Errors.INVALID_CONFIG.code());
    assertThat(r.get(0).errorMessage())
        .isEqualTo("Cannot update these configs dynamically: [num.io.threads]");
    assertThat(r.get(1).errorCode()).isEqualTo(Errors.INVALID_CONFIG.code());
    assertThat(r.get(1).errorMessage())
        .startsWith("Cannot update these configs dynamically: [log.retention.ms]");
    assertThat(r.get(2).errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
    assertThat(r.get(3).errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
    assertThat(ctx.apis.topics().brokerDefaults()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void shouldReplaceAllConfigsWithLegacyAlterConfigsAtEveryVersion(int version) {
    // Given
    ctx.createTopic("orders", 1, Map.of("segment.ms", "1000"));
    AlterConfigsRequestData request = new AlterConfigsRequestData();
    AlterConfigsRequestData.AlterConfigsResource topic =
        new AlterConfigsRequestData.AlterConfigsResource()
            .setResourceType(TOPIC)
            .setResourceName("orders");
    topic
        .configs()
        .add(new AlterConfigsRequestData.AlterableConfig().setName("retention.ms").setValue("9"));
    request.resources().add(topic);
    AlterConfigsRequestData.AlterConfigsResource bad =
        new AlterConfigsRequestData.AlterConfigsResource()
            .setResourceType(BROKER)
            .setResourceName("");
    bad.configs()
        .add(new AlterConfigsRequestData.AlterableConfig().setName("log.roll.ms").setValue("-5"));
    request.resources().add(bad);

    // When
    AlterConfigsResponseData response = ctx.call(ApiKeys.ALTER_CONFIGS, version, request);

    // Then
    assertThat(response.responses().get(0).errorCode()).isZero();
    assertThat(response.responses().get(1).errorCode()).isEqualTo(Errors.INVALID_CONFIG.code());
    assertThat(response.responses().get(1).errorMessage()).contains("log.roll.ms");
    assertThat(stored("orders")).isEqualTo(Map.of("retention.ms", "9"));
  }

  @Test
  void shouldLegacyValidateOnlyLeaveConfigsAlone() {
    // Given
    ctx.createTopic("orders", 1, Map.of("segment.ms", "1000"));
    AlterConfigsRequestData request = new AlterConfigsRequestData().setValidateOnly(true);
    request
        .resources()
        .add(
            new AlterConfigsRequestData.AlterConfigsResource()
                .setResourceType(TOPIC)
                .setResourceName("orders"));

    // When
    AlterConfigsResponseData response = ctx.call(ApiKeys.ALTER_CONFIGS, 2, request);

    // Then
    assertThat(response.responses().get(0).errorCode()).isZero();
    assertThat(stored("orders")).isEqualTo(Map.of("segment.ms", "1000"));
  }

  @Test
  void shouldPushChangedConfigsToOpenLogs() {
    // Given
    ctx.createTopic("orders", 1, Map.of());

    // When
    incremental(1, false, resource(TOPIC, "orders", op("max.message.bytes", SET, "100")));

    // Then a produce of a bigger batch is refused by the open log
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(
                        ctx.apis
                            .topics()
                            .log("orders", 0)
                            .orElseThrow()
                            .append(io.kafscale.broker.api.TestRecords.batch(1, 2, 3, 4, 5, 6, 7))
                            .handle((v, e) -> e))
                    .succeedsWithin(Duration.ofSeconds(5))
                    .isNotNull());
  }
}
