/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.cluster;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.api.TopicNames;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsSynonym;
import org.apache.kafka.common.protocol.Errors;

/**
 * DescribeConfigs v1+ for topics (each config from its topic override, the cluster-wide dynamic
 * broker default, or Kafka's default, with Kafka's sources and synonyms), for this broker (resource
 * name = its id: static settings read-only, cluster-wide settable ones writable) and for the
 * cluster-wide default broker resource (empty name: the dynamic defaults set). Synonyms and
 * documentation when asked. Unknown topics get UNKNOWN_TOPIC_OR_PARTITION; other brokers and other
 * resource types INVALID_REQUEST. Thread-safe.
 */
public final class DescribeConfigsHandler implements ApiHandler<DescribeConfigsRequestData> {
  private static final byte TOPIC = 2;
  private static final byte BROKER = 4;

  private final TopicManager topics;
  private final String brokerName;
  private final Supplier<List<ConfigEntry>> brokerConfigs;

  public DescribeConfigsHandler(
      TopicManager topics, int brokerId, Supplier<List<ConfigEntry>> brokerConfigs) {
    this.topics = topics;
    this.brokerName = Integer.toString(brokerId);
    this.brokerConfigs = brokerConfigs;
  }

  @Override
  public CompletionStage<DescribeConfigsResponseData> handle(
      RequestContext context, RequestFrame frame, DescribeConfigsRequestData request) {
    short version = frame.apiVersion();
    DescribeConfigsResponseData response = new DescribeConfigsResponseData().setThrottleTimeMs(0);
    for (DescribeConfigsResource resource : request.resources()) {
      response.results().add(describe(resource, request, version));
    }
    return CompletableFuture.completedFuture(response);
  }

  private DescribeConfigsResult describe(
      DescribeConfigsResource resource, DescribeConfigsRequestData request, short version) {
    DescribeConfigsResult result =
        new DescribeConfigsResult()
            .setResourceType(resource.resourceType())
            .setResourceName(resource.resourceName());
    List<ConfigEntry> entries;
    if (resource.resourceType() == TOPIC) {
      if (TopicNames.invalidReason(resource.resourceName()).isPresent()) {
        return fail(
            result,
            Errors.INVALID_TOPIC_EXCEPTION,
            "Invalid topic name " + resource.resourceName());
      }
      Optional<TopicRecord> topic = topics.topic(resource.resourceName());
      if (topic.isEmpty()) {
        return fail(
            result,
            Errors.UNKNOWN_TOPIC_OR_PARTITION,
            "Topic " + resource.resourceName() + " does not exist");
      }
      entries = ConfigEntry.topic(topic.get().configs(), topics.brokerDefaults());
    } else if (resource.resourceType() == BROKER) {
      if (resource.resourceName().isEmpty()) {
        entries = ConfigEntry.brokerDefaults(topics.brokerDefaults());
      } else if (resource.resourceName().equals(brokerName)) {
        entries = ConfigEntry.brokerWithDefaults(brokerConfigs.get(), topics.brokerDefaults());
      } else {
        return fail(result, Errors.INVALID_REQUEST, "Unknown broker " + resource.resourceName());
      }
    } else {
      return fail(
          result, Errors.INVALID_REQUEST, "Unsupported resource type " + resource.resourceType());
    }
    result.setErrorCode(Errors.NONE.code());
    List<String> keys = resource.configurationKeys();
    for (ConfigEntry e : entries) {
      // Null or empty: every config (as Kafka answers both).
      if (keys == null || keys.isEmpty() || keys.contains(e.name())) {
        result.configs().add(toResult(e, request, version));
      }
    }
    return result;
  }

  private static DescribeConfigsResourceResult toResult(
      ConfigEntry e, DescribeConfigsRequestData request, short version) {
    DescribeConfigsResourceResult r =
        new DescribeConfigsResourceResult()
            .setName(e.name())
            .setValue(e.value())
            .setReadOnly(e.readOnly())
            .setConfigSource(e.source())
            .setIsSensitive(false);
    if (request.includeSynonyms()) {
      e.synonyms()
          .forEach(
              s ->
                  r.synonyms()
                      .add(
                          new DescribeConfigsSynonym()
                              .setName(s.name())
                              .setValue(s.value())
                              .setSource(s.source())));
    }
    if (version >= 3) {
      r.setConfigType(e.type());
      if (request.includeDocumentation()) {
        r.setDocumentation(e.documentation());
      }
    }
    return r;
  }

  private static DescribeConfigsResult fail(
      DescribeConfigsResult result, Errors error, String message) {
    return result.setErrorCode(error.code()).setErrorMessage(message);
  }
}
