/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.admin;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterableConfig;
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
    List<ConfigAlterer.Resource> resources = new ArrayList<>();
    for (AlterConfigsResource r : request.resources()) {
      List<ConfigOp> ops = new ArrayList<>();
      for (AlterableConfig c : r.configs()) {
        ops.add(new ConfigOp(c.name(), ConfigOp.Type.ofId(c.configOperation()), c.value()));
      }
      resources.add(new ConfigAlterer.Resource(r.resourceType(), r.resourceName(), ops));
    }
    CompletableFuture<List<ConfigAlterer.Outcome>> outcomes =
        alterer.alter(
            resources,
            request.validateOnly(),
            r -> (target, current) -> ConfigChanges.incremental(target, current, r.ops()));
    return outcomes.thenApply(
        list -> {
          IncrementalAlterConfigsResponseData response =
              new IncrementalAlterConfigsResponseData().setThrottleTimeMs(0);
          for (int i = 0; i < list.size(); i++) {
            ConfigAlterer.Resource r = resources.get(i);
            response
                .responses()
                .add(
                    new AlterConfigsResourceResponse()
                        .setResourceType(r.type())
                        .setResourceName(r.name())
                        .setErrorCode(list.get(i).error().code())
                        .setErrorMessage(list.get(i).message()));
          }
          return response;
        });
  }
}
