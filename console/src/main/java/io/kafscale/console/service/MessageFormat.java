/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafscale.console.http.ApiException;
import io.kafscale.console.http.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How message keys, values and headers are shown: {@code text} (UTF-8, invalid bytes replaced),
 * {@code json} (pretty-printed when the bytes are JSON, else text) or {@code hex}. Stateless.
 */
public enum MessageFormat {
  TEXT,
  JSON,
  HEX;

  /** The format named by the {@code format} query parameter (default text); 400 otherwise. */
  public static MessageFormat parse(String name) {
    if (name == null || name.isBlank()) {
      return TEXT;
    }
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("format must be text, json or hex");
    }
  }

  /** Renders {@code bytes}; null stays null (a null key or value is not an empty one). */
  public String render(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    return switch (this) {
      case TEXT -> text(bytes);
      case HEX -> HexFormat.of().formatHex(bytes);
      case JSON -> json(bytes);
    };
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String json(byte[] bytes) {
    if (!validUtf8(bytes)) {
      return text(bytes);
    }
    try {
      JsonNode node = io.kafscale.console.http.Json.mapper().readTree(bytes);
      if (node == null || node.isMissingNode()) {
        return text(bytes);
      }
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (IOException e) {
      return text(bytes);
    }
  }

  private static boolean validUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
