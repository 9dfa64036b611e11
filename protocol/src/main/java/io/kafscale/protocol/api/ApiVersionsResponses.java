/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.api;

import io.kafscale.protocol.frame.ResponseFrame;
import io.kafscale.protocol.frame.UnsupportedRequest;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * Builds ApiVersions responses from {@link SupportedApis}. Finalized features are left empty and
 * throttle time is 0. Stateless and thread-safe.
 */
public final class ApiVersionsResponses {
  /** KIP-511: what ApiVersions v3+ accepts as client software name and version. */
  private static final Pattern SOFTWARE_FIELD =
      Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9\\-.]*[a-zA-Z0-9])?");

  private ApiVersionsResponses() {}

  /**
   * The answer to a decoded ApiVersions request at {@code version}: the served APIs, or
   * INVALID_REQUEST (with no APIs, as Apache Kafka does) when a v3+ request carries an invalid
   * client software name or version.
   */
  public static ApiVersionsResponseData forRequest(ApiVersionsRequestData request, short version) {
    if (version >= 3
        && !(valid(request.clientSoftwareName()) && valid(request.clientSoftwareVersion()))) {
      return new ApiVersionsResponseData()
          .setErrorCode(Errors.INVALID_REQUEST.code())
          .setThrottleTimeMs(0);
    }
    return new ApiVersionsResponseData()
        .setErrorCode(Errors.NONE.code())
        .setThrottleTimeMs(0)
        .setApiKeys(SupportedApis.advertised());
  }

  /**
   * The body answering an ApiVersions request whose version this broker does not know: error
   * UNSUPPORTED_VERSION with the full list of served APIs. It must be written at version 0 (header
   * v0), which is what every client can read; the client then retries with a version from the list.
   */
  public static ApiVersionsResponseData unsupportedVersion() {
    return new ApiVersionsResponseData()
        .setErrorCode(Errors.UNSUPPORTED_VERSION.code())
        .setThrottleTimeMs(0)
        .setApiKeys(SupportedApis.advertised());
  }

  /**
   * The response the connection must send for an {@link UnsupportedRequest} from the decoder: for
   * ApiVersions (key 18) the v0 UNSUPPORTED_VERSION frame, to be sent in request order like any
   * other response; for anything else empty, meaning the request cannot be answered (the connection
   * answers what came before it, then closes).
   */
  public static Optional<ResponseFrame> answerTo(UnsupportedRequest request) {
    if (request.apiKey() != ApiKeys.API_VERSIONS.id) {
      return Optional.empty();
    }
    return Optional.of(
        new ResponseFrame(
            ApiKeys.API_VERSIONS, (short) 0, request.correlationId(), unsupportedVersion()));
  }

  private static boolean valid(String field) {
    return field != null && SOFTWARE_FIELD.matcher(field).matches();
  }
}
