/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A strict parser of the Prometheus text exposition format (version 0.0.4) for tests: {@code #
 * HELP} and {@code # TYPE} lines and samples {@code name{label="value",…} value [timestamp]}, with
 * escaped label values and the special values NaN and ±Inf. Any other line fails the parse. Also
 * maps a Prometheus series name back to the Micrometer meter it comes from. Used by the broker's
 * tests and by test-e2e's benchmarks (etcd's and the brokers' pages). Stateless.
 */
public final class PrometheusText {

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  /** A parsed exposition: every sample in order, and the declared type of each family. */
  public record Exposition(List<Sample> samples, Map<String, String> types) {
    /** Whether some sample's name is {@code name}. */
    public boolean hasSeries(String name) {
      return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    /**
     * The sum of every sample named {@code name} (all label sets); empty when there is none, so
     * "absent" is not mistaken for "zero".
     */
    public OptionalDouble sum(String name) {
      return hasSeries(name)
          ? OptionalDouble.of(
              samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).sum())
          : OptionalDouble.empty();
    }
  }

  /** Units Micrometer appends to a name ({@code baseUnit}), then the suffixes of each type. */
  private static final List<String> UNITS =
      List.of("", "_seconds", "_bytes", "_records", "_partitions");

  private static final List<String> TYPE_SUFFIXES =
      List.of("", "_total", "_count", "_sum", "_max", "_bucket");

  private PrometheusText() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the line that is not valid exposition text
   */
  public static Exposition parse(String text) {
    List<Sample> samples = new ArrayList<>();
    Map<String, String> types = new LinkedHashMap<>();
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      try {
        if (line.startsWith("#")) {
          comment(line, types);
        } else {
          samples.add(sample(line));
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "line " + lineNo + " is not Prometheus text: " + line + " (" + e.getMessage() + ")", e);
      }
    }
    return new Exposition(List.copyOf(samples), Map.copyOf(types));
  }

  /**
   * The meter of {@code meterNames} (dotted Micrometer names) that Prometheus series {@code series}
   * belongs to: the series is the meter's name with dots as underscores, optionally followed by a
   * unit ({@code _seconds}, {@code _bytes}, …) and a type suffix ({@code _total}, {@code _count},
   * {@code _sum}, {@code _max}, {@code _bucket}).
   */
  static Optional<String> meterOf(String series, Collection<String> meterNames) {
    for (String meter : meterNames) {
      String base = meter.replace('.', '_');
      if (!series.startsWith(base)) {
        continue;
      }
      String rest = series.substring(base.length());
      for (String unit : UNITS) {
        for (String suffix : TYPE_SUFFIXES) {
          if (rest.equals(unit + suffix)) {
            return Optional.of(meter);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static void comment(String line, Map<String, String> types) {
    String[] parts = line.split(" ", 4);
    if (parts.length >= 3 && parts[1].equals("TYPE")) {
      if (parts.length != 4 || !parts[3].matches("counter|gauge|histogram|summary|untyped")) {
        throw new IllegalArgumentException("bad TYPE line");
      }
      requireName(parts[2]);
      types.put(parts[2], parts[3]);
    } else if (parts.length >= 3 && parts[1].equals("HELP")) {
      requireName(parts[2]);
    }
    // Other comments are allowed by the format and carry nothing.
  }

  private static Sample sample(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    requireName(name);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i = labels(line, i + 1, labels);
    }
    String[] rest = line.substring(i).trim().split(" +");
    if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
      throw new IllegalArgumentException("expected a value and an optional timestamp");
    }
    if (rest.length == 2) {
      Long.parseLong(rest[1]);
    }
    return new Sample(name, Map.copyOf(labels), value(rest[0]));
  }

  /** Parses labels from just after '{'; returns the index after '}'. */
  private static int labels(String line, int i, Map<String, String> labels) {
    while (true) {
      if (line.charAt(i) == '}') {
        return i + 1;
      }
      int eq = line.indexOf('=', i);
      String label = line.substring(i, eq);
      if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
        throw new IllegalArgumentException("bad label name " + label);
      }
      if (line.charAt(eq + 1) != '"') {
        throw new IllegalArgumentException("label value must be quoted");
      }
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      for (; line.charAt(j) != '"'; j++) {
        char c = line.charAt(j);
        if (c == '\\') {
          char next = line.charAt(++j);
          value.append(
              switch (next) {
                case 'n' -> '\n';
                case '\\' -> '\\';
                case '"' -> '"';
                default -> throw new IllegalArgumentException("bad escape \\" + next);
              });
        } else {
          value.append(c);
        }
      }
      if (labels.put(label, value.toString()) != null) {
        throw new IllegalArgumentException("duplicate label " + label);
      }
      i = j + 1;
      if (line.charAt(i) == ',') {
        i++;
      } else if (line.charAt(i) != '}') {
        throw new IllegalArgumentException("expected , or }");
      }
    }
  }

  private static double value(String s) {
    return switch (s) {
      case "NaN" -> Double.NaN;
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }

  private static void requireName(String name) {
    if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
      throw new IllegalArgumentException("bad metric name " + name);
    }
  }
}
