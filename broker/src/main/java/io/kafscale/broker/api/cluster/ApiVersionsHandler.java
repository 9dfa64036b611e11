/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.cluster;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.protocol.api.ApiVersionsResponses;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;

/** ApiVersions: the served APIs and versions from protocol's single table. Thread-safe. */
public final class ApiVersionsHandler implements ApiHandler<ApiVersionsRequestData> {
  @Override
  public CompletionStage<ApiVersionsResponseData> handle(
      RequestContext context, RequestFrame frame, ApiVersionsRequestData request) {
    return CompletableFuture.completedFuture(
        ApiVersionsResponses.forRequest(request, frame.apiVersion()));
  }
}
