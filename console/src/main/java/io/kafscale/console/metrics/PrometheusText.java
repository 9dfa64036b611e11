/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small parser of the Prometheus text exposition format (version 0.0.4): one {@link Sample} per
 * sample line, comments and blank lines skipped, label values unescaped, timestamps ignored. A
 * malformed line is skipped rather than failing the whole scrape. Stateless.
 */
public final class PrometheusText {
  private PrometheusText() {}

  /** One sample line: metric name, labels and value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  public static List<Sample> parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      Sample s = parseLine(l);
      if (s != null) {
        samples.add(s);
      }
    }
    return samples;
  }

  /**
   * Sum of the values of every sample named {@code name} whose labels include {@code match}, or
   * null when no sample matches (an absent counter is unknown, not 0).
   */
  public static Double sum(List<Sample> samples, String name, Map<String, String> match) {
    double total = 0;
    boolean found = false;
    for (Sample s : samples) {
      if (s.name().equals(name) && s.labels().entrySet().containsAll(match.entrySet())) {
        total += s.value();
        found = true;
      }
    }
    return found ? total : null;
  }

  static Sample parseLine(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    String name = line.substring(0, i);
    if (name.isEmpty()) {
      return null;
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i = parseLabels(line, i + 1, labels);
      if (i < 0) {
        return null;
      }
    }
    String[] rest = line.substring(i).strip().split("\\s+");
    if (rest.length == 0 || rest[0].isEmpty()) {
      return null;
    }
    try {
      return new Sample(name, Map.copyOf(labels), parseValue(rest[0]));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Parses {@code a="x",b="y"}} from {@code i}; returns the index after '}' or -1. */
  private static int parseLabels(String line, int start, Map<String, String> labels) {
    int i = start;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '}') {
        return i + 1;
      }
      if (c == ',' || c == ' ') {
        i++;
        continue;
      }
      int eq = line.indexOf('=', i);
      if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
        return -1;
      }
      String key = line.substring(i, eq).strip();
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      boolean closed = false;
      while (j < line.length()) {
        char v = line.charAt(j);
        if (v == '\\' && j + 1 < line.length()) {
          char n = line.charAt(j + 1);
          value.append(n == 'n' ? '\n' : n);
          j += 2;
        } else if (v == '"') {
          closed = true;
          j++;
          break;
        } else {
          value.append(v);
          j++;
        }
      }
      if (!closed) {
        return -1;
      }
      labels.put(key, value.toString());
      i = j;
    }
    return -1;
  }

  private static double parseValue(String text) {
    return switch (text) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(text);
    };
  }
}
