/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api;

import io.kafscale.protocol.frame.RequestFrame;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * Handles every decoded request of every connection. Must not block: it returns a stage completed
 * later on any thread. The stage yields the response body to send, or {@code null} when the request
 * gets no response (Produce with acks=0). Failures are turned into the request's error response by
 * the caller. The caller closes {@code frame} after the stage completes.
 */
public interface RequestHandler {
  CompletionStage<ApiMessage> handle(RequestContext context, RequestFrame frame);
}
