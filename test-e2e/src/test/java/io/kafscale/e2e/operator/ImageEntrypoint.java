/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.operator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a container of our images runs when the pod gives no command: the exec-form {@code
 * ENTRYPOINT}, the {@code ENV} defaults, {@code USER} and {@code WORKDIR} of a Dockerfile under
 * {@code docker/}. Only the simple forms our Dockerfiles use are understood ({@code ENV K=V} with
 * continuation lines, JSON-array {@code ENTRYPOINT}). Immutable.
 */
public record ImageEntrypoint(
    List<String> entrypoint, Map<String, String> env, String workdir, String user) {

  public static ImageEntrypoint parse(Path dockerfile) {
    try {
      return parse(Files.readString(dockerfile));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ImageEntrypoint parse(String dockerfile) {
    List<String> instructions = joinContinuations(dockerfile);
    List<String> entrypoint = List.of();
    Map<String, String> env = new LinkedHashMap<>();
    String workdir = "/";
    String user = "0";
    for (String line : instructions) {
      if (line.startsWith("ENTRYPOINT ")) {
        entrypoint = jsonArray(line.substring("ENTRYPOINT ".length()).strip());
      } else if (line.startsWith("ENV ")) {
        Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\\S*)").matcher(line.substring(4));
        while (m.find()) {
          env.put(m.group(1), m.group(2));
        }
      } else if (line.startsWith("USER ")) {
        user = line.substring("USER ".length()).strip();
      } else if (line.startsWith("WORKDIR ")) {
        workdir = line.substring("WORKDIR ".length()).strip();
      }
    }
    if (entrypoint.isEmpty()) {
      throw new IllegalArgumentException("no exec-form ENTRYPOINT in the Dockerfile");
    }
    return new ImageEntrypoint(entrypoint, Map.copyOf(env), workdir, user);
  }

  private static List<String> joinContinuations(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) {
        continue;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      out.add(current.toString().strip());
      current.setLength(0);
    }
    return out;
  }

  private static List<String> jsonArray(String text) {
    if (!text.startsWith("[") || !text.endsWith("]")) {
      throw new IllegalArgumentException("ENTRYPOINT is not in exec (JSON array) form: " + text);
    }
    List<String> items = new ArrayList<>();
    Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(text);
    while (m.find()) {
      items.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
    }
    return List.copyOf(items);
  }
}
