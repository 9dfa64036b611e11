/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.sasl;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses PLAIN user lists ({@code user:password} per line). Stateless. */
public final class PlainUsers {
  private PlainUsers() {}

  /**
   * The users of {@code text}: one {@code user:password} per line (the password is everything after
   * the first colon), {@code #} comments and blank lines ignored.
   *
   * @throws IllegalArgumentException naming the bad line by number, never showing a password
   */
  public static Map<String, String> parse(String text) {
    Map<String, String> users = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || colon == line.length() - 1) {
        throw new IllegalArgumentException("entry " + (i + 1) + " is not user:password");
      }
      users.put(line.substring(0, colon), line.substring(colon + 1));
    }
    return users;
  }
}
