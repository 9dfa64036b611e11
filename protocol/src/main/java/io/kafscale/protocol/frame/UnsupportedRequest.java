/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.frame;

/**
 * A well-framed request this broker cannot parse: an unknown API key, or a version outside the
 * served range (except ApiVersions, which the decoder answers itself per KIP-511). The connection
 * answers what came before it and is then closed, as Apache Kafka does.
 */
public record UnsupportedRequest(short apiKey, short apiVersion, int correlationId, String reason) {}
