/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.frame;

import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * A response to encode: written with the response header version of {@code apiKey} at {@code
 * apiVersion}.
 */
public record ResponseFrame(ApiKeys apiKey, short apiVersion, int correlationId, ApiMessage body) {}
