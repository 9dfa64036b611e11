/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.admin;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.AlterConfigsResponseData.AlterConfigsResourceResponse;

/**
 * AlterConfigs v0-2 (the legacy API: a resource's configs are replaced by exactly the ones sent,
 * configs not sent return to their defaults) for topics and the cluster-wide broker resource; see
 * {@link ConfigAlterer} and {@link ConfigChanges}. Thread-safe.
 */
public final class AlterConfigsHandler implements ApiHandler<AlterConfigsRequestData> {
  private final ConfigAlterer alterer;

  public AlterConfigsHandler(ConfigAlterer alterer) {
    this.alterer = alterer;
  }

  @Override
  public CompletionStage<AlterConfigsResponseData> handle(
      RequestContext context, RequestFrame frame, AlterConfigsRequestData request) {
    List<ConfigAlterer.Resource> resources =
        request.resources().stream()
            .map(
                r ->
                    ConfigAlterer.Resource.of(
                        r.resourceType(),
                        r.resourceName(),
                        r.configs(),
                        c -> ConfigOp.set(c.name(), c.value())))
            .toList();
    return alterer
        .alter(
            resources,
            request.validateOnly(),
            r -> (target, current) -> ConfigChanges.replace(target, r.ops()),
            (type, name, error, message) ->
                new AlterConfigsResourceResponse()
                    .setResourceType(type)
                    .setResourceName(name)
                    .setErrorCode(error)
                    .setErrorMessage(message))
        .thenApply(
            answers -> new AlterConfigsResponseData().setThrottleTimeMs(0).setResponses(answers));
  }
}
