/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.frame;

/**
 * A well-framed request this broker cannot parse: an unknown API key, or a version outside the
 * served range. For ApiVersions ({@code apiKey == 18}) at an unknown version the connection must
 * answer, in request order, with {@code ApiVersionsResponses.answerTo(this)} (a v0
 * UNSUPPORTED_VERSION response, KIP-511) and stay open; for anything else the connection answers
 * what came before it and is then closed, as Apache Kafka does.
 */
public record UnsupportedRequest(
    short apiKey, short apiVersion, int correlationId, String reason) {}
