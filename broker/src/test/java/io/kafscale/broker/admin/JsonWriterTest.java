/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

  @Test
  void shouldWriteNestedObjectsAndArraysWithCommasOnlyBetweenElements() {
    // When
    String json =
        new JsonWriter()
            .beginObject()
            .field("a", 1)
            .field("b", true)
            .name("c")
            .beginArray()
            .value(1)
            .beginObject()
            .endObject()
            .beginArray()
            .endArray()
            .nullValue()
            .endArray()
            .field("d", (String) null)
            .endObject()
            .toString();

    // Then
    assertThat(json).isEqualTo("{\"a\":1,\"b\":true,\"c\":[1,{},[],null],\"d\":null}");
  }

  @Test
  void shouldEscapeQuotesBackslashesAndControlCharacters() {
    // When
    String json =
        new JsonWriter()
            .beginObject()
            .field("k\"ey", "q\" b\\ n\n t\t c\u0001 ls\u2028 é")
            .endObject()
            .toString();

    // Then
    assertThat(json).isEqualTo("{\"k\\\"ey\":\"q\\\" b\\\\ n\\n t\\t c\\u0001 ls\\u2028 é\"}");
  }
}
