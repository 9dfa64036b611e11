/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.groups;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A table printed by {@code kafka-consumer-groups}: a header line, then one line per row until a
 * blank line. The tool pads every column to the width of its widest cell, so a cell is the text
 * between its header's start column and the next header's start. Headers may contain spaces ({@code
 * COORDINATOR (ID)}), which is why columns are located by name rather than split.
 *
 * @param columns the header names, left to right
 * @param rows one map from header name to trimmed cell text per row
 */
record ToolTable(List<String> columns, List<Map<String, String>> rows) {

  /** Parses the first table in {@code text} whose header holds {@code columns} in this order. */
  static ToolTable parse(String text, List<String> columns) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      int[] starts = starts(lines.get(i), columns);
      if (starts != null) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int j = i + 1; j < lines.size() && !lines.get(j).isBlank(); j++) {
          rows.add(row(lines.get(j), columns, starts));
        }
        return new ToolTable(columns, rows);
      }
    }
    throw new AssertionError("no table with columns " + columns + " in:\n" + text);
  }

  /** The only row matching {@code filter}. */
  Map<String, String> row(Predicate<Map<String, String>> filter) {
    List<Map<String, String>> matching = rows.stream().filter(filter).toList();
    if (matching.size() != 1) {
      throw new AssertionError("expected one matching row, got " + matching + " of " + rows);
    }
    return matching.getFirst();
  }

  /** The only row whose {@code column} cell equals {@code value}. */
  Map<String, String> row(String column, String value) {
    return row(r -> value.equals(r.get(column)));
  }

  /** The cells of {@code column}, top to bottom. */
  List<String> column(String column) {
    return rows.stream().map(r -> r.get(column)).toList();
  }

  private static int[] starts(String line, List<String> columns) {
    int[] starts = new int[columns.size()];
    int from = 0;
    for (int c = 0; c < columns.size(); c++) {
      int at = indexOfWord(line, columns.get(c), from);
      if (at < 0 || (c == 0 && !line.substring(0, at).isBlank())) {
        return null;
      }
      starts[c] = at;
      from = at + columns.get(c).length();
    }
    return line.substring(from).isBlank() ? starts : null;
  }

  /** Index of {@code word} at or after {@code from} with a space (or the line's edge) around it. */
  private static int indexOfWord(String line, String word, int from) {
    for (int at = line.indexOf(word, from); at >= 0; at = line.indexOf(word, at + 1)) {
      int end = at + word.length();
      boolean spaceBefore = at == 0 || line.charAt(at - 1) == ' ';
      boolean spaceAfter = end == line.length() || line.charAt(end) == ' ';
      if (spaceBefore && spaceAfter) {
        return at;
      }
    }
    return -1;
  }

  private static Map<String, String> row(String line, List<String> columns, int[] starts) {
    Map<String, String> row = new LinkedHashMap<>();
    for (int c = 0; c < columns.size(); c++) {
      int start = Math.min(starts[c], line.length());
      int end = c + 1 < columns.size() ? Math.min(starts[c + 1], line.length()) : line.length();
      row.put(columns.get(c), line.substring(start, end).trim());
    }
    return row;
  }
}
