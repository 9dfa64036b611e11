/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.admin;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A minimal streaming JSON writer for the admin API (no JSON library on the broker's classpath):
 * objects, arrays, strings (escaped per RFC 8259), integers, decimals, booleans and null. Callers
 * nest begin and end calls correctly; inside an object every value follows {@link #name}. Not
 * thread-safe.
 */
public final class JsonWriter {
  private final StringBuilder out = new StringBuilder();

  /** One entry per open object or array: whether it already holds an element. */
  private final Deque<boolean[]> open = new ArrayDeque<>();

  private boolean afterName;

  public JsonWriter beginObject() {
    separate();
    out.append('{');
    open.push(new boolean[1]);
    return this;
  }

  public JsonWriter endObject() {
    open.pop();
    out.append('}');
    return this;
  }

  public JsonWriter beginArray() {
    separate();
    out.append('[');
    open.push(new boolean[1]);
    return this;
  }

  public JsonWriter endArray() {
    open.pop();
    out.append(']');
    return this;
  }

  /** The name of the next member of the current object. */
  public JsonWriter name(String name) {
    separate();
    quote(name);
    out.append(':');
    afterName = true;
    return this;
  }

  public JsonWriter value(String value) {
    separate();
    if (value == null) {
      out.append("null");
    } else {
      quote(value);
    }
    return this;
  }

  public JsonWriter value(long value) {
    separate();
    out.append(value);
    return this;
  }

  /** A number; NaN and infinities (which JSON cannot hold) are written as {@code null}. */
  public JsonWriter value(double value) {
    separate();
    if (Double.isFinite(value)) {
      out.append(value);
    } else {
      out.append("null");
    }
    return this;
  }

  public JsonWriter value(boolean value) {
    separate();
    out.append(value);
    return this;
  }

  public JsonWriter nullValue() {
    separate();
    out.append("null");
    return this;
  }

  /** Shorthand for {@code name(name).value(value)}. */
  public JsonWriter field(String name, String value) {
    return name(name).value(value);
  }

  public JsonWriter field(String name, long value) {
    return name(name).value(value);
  }

  public JsonWriter field(String name, double value) {
    return name(name).value(value);
  }

  public JsonWriter field(String name, boolean value) {
    return name(name).value(value);
  }

  /** The document written so far. */
  @Override
  public String toString() {
    return out.toString();
  }

  private void separate() {
    if (afterName) {
      afterName = false;
      return;
    }
    boolean[] current = open.peek();
    if (current != null) {
      if (current[0]) {
        out.append(',');
      }
      current[0] = true;
    }
  }

  private void quote(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          // Control characters must be escaped; U+2028/2029 too, so the output is valid JavaScript.
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
