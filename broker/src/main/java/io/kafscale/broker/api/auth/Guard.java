/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.auth;

import io.kafscale.broker.api.RequestHandler;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * Authorization of one API: answers the request itself (an authorization error), forwards it to
 * {@code next} unchanged or narrowed to what the principal may touch, and may rewrite the answer
 * (hidden topics, authorized operations, per-resource errors). Must not block.
 */
@FunctionalInterface
interface Guard {
  CompletionStage<ApiMessage> handle(Access access, RequestFrame frame, RequestHandler next);
}
