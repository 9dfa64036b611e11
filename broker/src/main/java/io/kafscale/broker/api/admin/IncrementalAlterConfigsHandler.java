/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.admin;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;

/**
 * IncrementalAlterConfigs v0-1 (SET, DELETE, APPEND, SUBTRACT) for topics and the cluster-wide
 * broker resource; see {@link ConfigAlterer} for the resource rules and {@link ConfigChanges} for
 * the config rules. Thread-safe.
 */
public final class IncrementalAlterConfigsHandler
    implements ApiHandler<IncrementalAlterConfigsRequestData> {
  private final ConfigAlterer alterer;

  public IncrementalAlterConfigsHandler(ConfigAlterer alterer) {
    this.alterer = alterer;
  }

  @Override
  public CompletionStage<IncrementalAlterConfigsResponseData> handle(
      RequestContext context, RequestFrame frame, IncrementalAlterConfigsRequestData request) {
    List<ConfigAlterer.Resource> resources =
        request.resources().stream()
            .map(
                r ->
                    ConfigAlterer.Resource.of(
                        r.resourceType(),
                        r.resourceName(),
                        r.configs(),
                        c ->
                            new ConfigOp(
                                c.name(), ConfigOp.Type.ofId(c.configOperation()), c.value())))
            .toList();
    return alterer
        .alter(
            resources,
            request.validateOnly(),
            r -> (target, current) -> ConfigChanges.incremental(target, current, r.ops()),
            (type, name, error, message) ->
                new AlterConfigsResourceResponse()
                    .setResourceType(type)
                    .setResourceName(name)
                    .setErrorCode(error)
                    .setErrorMessage(message))
        .thenApply(
            answers ->
                new IncrementalAlterConfigsResponseData()
                    .setThrottleTimeMs(0)
                    .setResponses(answers));
  }
}
