/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string (protocol metadata, assignments) with value equality. Copies on the way
 * in and out, so no caller can change a group snapshot through a shared array.
 */
public final class Bytes {
  /** The empty byte string (the assignment of a member the leader gave nothing). */
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private final byte[] data;

  private Bytes(byte[] data) {
    this.data = data;
  }

  /** A copy of {@code data}. */
  public static Bytes of(byte[] data) {
    return data.length == 0 ? EMPTY : new Bytes(data.clone());
  }

  /** A fresh copy of the content. */
  public byte[] toArray() {
    return data.clone();
  }

  public int size() {
    return data.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bytes bytes && Arrays.equals(data, bytes.data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return data.length <= 16 ? HexFormat.of().formatHex(data) : data.length + " bytes";
  }
}
