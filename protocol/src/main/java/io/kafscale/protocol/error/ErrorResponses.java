/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.error;

import java.nio.ByteBuffer;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.DescribeClusterRequest;
import org.apache.kafka.common.requests.DescribeConfigsRequest;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.ProduceRequest;

/**
 * Turns a failed request into the request's own error response: every topic, partition or resource
 * of the request carries the error, shaped for the request's version. The shapes come from
 * kafka-clients' {@code AbstractRequest.getErrorResponse}, so this is the only class touching
 * {@code org.apache.kafka.common.requests}. Stateless and thread-safe.
 */
public final class ErrorResponses {
  private ErrorResponses() {}

  /**
   * The error response to {@code request} (an {@code apiKey} request body read at {@code version}).
   * Fields the version lacks may be set (e.g. Metadata's top-level error code before v13); they are
   * ignorable and the encoder leaves them out.
   *
   * @throws IllegalArgumentException when the request gets no response at all (Produce with
   *     acks=0): Apache Kafka closes such a connection on error so the producer refreshes metadata
   */
  public static ApiMessage of(ApiKeys apiKey, short version, ApiMessage request, Errors error) {
    if (request.apiKey() != apiKey.id) {
      throw new IllegalArgumentException(
          "request body is for API key " + request.apiKey() + ", not " + apiKey.name);
    }
    AbstractResponse response =
        wrap(apiKey, version, request).getErrorResponse(0, error.exception());
    if (response == null) {
      throw new IllegalArgumentException(apiKey.name + " request expects no response (acks=0)");
    }
    return response.data();
  }

  /** The error response to {@code request} for {@code failure}, mapped by {@link #errorFor}. */
  public static ApiMessage of(
      ApiKeys apiKey, short version, ApiMessage request, Throwable failure) {
    return of(apiKey, version, request, errorFor(failure));
  }

  /**
   * The Kafka error for {@code failure}: a kafka-clients {@code ApiException} keeps its own error
   * (also when wrapped in a CompletionException or ExecutionException); anything else is
   * UNKNOWN_SERVER_ERROR.
   */
  public static Errors errorFor(Throwable failure) {
    Errors error = Errors.forException(Errors.maybeUnwrapException(failure));
    return error == Errors.NONE ? Errors.UNKNOWN_SERVER_ERROR : error;
  }

  private static AbstractRequest wrap(ApiKeys apiKey, short version, ApiMessage request) {
    // Direct wrappers where kafka-clients has public constructors: no re-serialization, which
    // matters for Produce (records) and Fetch (many partitions).
    return switch (apiKey) {
      case PRODUCE -> new ProduceRequest((ProduceRequestData) request, version);
      case FETCH -> new FetchRequest((FetchRequestData) request, version);
      case METADATA -> new MetadataRequest((MetadataRequestData) request, version);
      case API_VERSIONS -> new ApiVersionsRequest((ApiVersionsRequestData) request, version);
      case CREATE_TOPICS -> new CreateTopicsRequest((CreateTopicsRequestData) request, version);
      case DESCRIBE_CLUSTER ->
          new DescribeClusterRequest((DescribeClusterRequestData) request, version);
      case DESCRIBE_CONFIGS ->
          new DescribeConfigsRequest((DescribeConfigsRequestData) request, version);
      default -> reparse(apiKey, version, request);
    };
  }

  /**
   * For requests without a public wrapper constructor: serialize the body and let kafka-clients
   * parse it.
   */
  private static AbstractRequest reparse(ApiKeys apiKey, short version, ApiMessage request) {
    ObjectSerializationCache cache = new ObjectSerializationCache();
    ByteBuffer buffer = ByteBuffer.allocate(request.size(cache, version));
    request.write(new ByteBufferAccessor(buffer), cache, version);
    buffer.flip();
    return AbstractRequest.parseRequest(apiKey, version, new ByteBufferAccessor(buffer)).request;
  }
}
