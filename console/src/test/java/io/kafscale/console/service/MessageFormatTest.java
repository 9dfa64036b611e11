/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageFormatTest {

  @Test
  void shouldRenderTextJsonAndHex() {
    byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    assertThat(MessageFormat.TEXT.render(json)).isEqualTo("{\"a\":1}");
    assertThat(MessageFormat.JSON.render(json)).contains("\"a\" : 1").contains("\n");
    assertThat(MessageFormat.JSON.render("not json".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("not json");
    assertThat(MessageFormat.HEX.render(new byte[] {0, (byte) 0xff})).isEqualTo("00ff");
    assertThat(MessageFormat.TEXT.render(new byte[] {(byte) 0xff})).isEqualTo("\ufffd");
    assertThat(MessageFormat.TEXT.render(null)).isNull();
  }

  @Test
  void shouldPlanNewestAndStartingWindowsInsideTheLog() {
    assertThat(MessageWindow.newest(0, 120, 50)).isEqualTo(new MessageWindow(70, 120));
    assertThat(MessageWindow.newest(100, 120, 50)).isEqualTo(new MessageWindow(100, 120));
    assertThat(MessageWindow.from(5, 10, 120, 50)).isEqualTo(new MessageWindow(10, 60));
    assertThat(MessageWindow.from(500, 10, 120, 50).isEmpty()).isTrue();
  }
}
