/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api;

import java.util.Optional;
import java.util.regex.Pattern;

/** Kafka's topic name rules: [a-zA-Z0-9._-], 1 to 249 characters, not "." or "..". Pure. */
public final class TopicNames {
  public static final int MAX_LENGTH = 249;
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

  private TopicNames() {}

  /** Why {@code name} is not a legal topic name, or empty when it is. */
  public static Optional<String> invalidReason(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("Topic name is illegal, it can't be empty");
    }
    if (name.equals(".") || name.equals("..")) {
      return Optional.of("Topic name cannot be \".\" or \"..\"");
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.of(
          "Topic name is illegal, it can't be longer than " + MAX_LENGTH + " characters");
    }
    if (!LEGAL.matcher(name).matches()) {
      return Optional.of(
          "Topic name \""
              + name
              + "\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'");
    }
    return Optional.empty();
  }
}
