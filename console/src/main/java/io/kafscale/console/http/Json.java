/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console's one JSON mapper: records out (nulls written, never omitted), request bodies in.
 * Thread-safe.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON: " + e.getMessage(), e);
    }
  }

  public static String writeString(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON: " + e.getMessage(), e);
    }
  }

  /** Parses a request body; a malformed or empty body is a 400. */
  public static <T> T read(byte[] body, Class<T> type) {
    if (body == null || body.length == 0) {
      throw ApiException.badRequest("a JSON body is required");
    }
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw ApiException.badRequest("a JSON body is required");
      }
      return value;
    } catch (IOException e) {
      throw ApiException.badRequest("malformed JSON body: " + firstLine(e.getMessage()));
    }
  }

  /** Parses JSON a broker sent; null when it is not JSON. */
  public static JsonNode tree(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  /** The error document of the contract. */
  public static byte[] error(String code, String message, String kafkaError) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    if (kafkaError != null) {
      error.put("kafkaError", kafkaError);
    }
    return write(Map.of("error", error));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
