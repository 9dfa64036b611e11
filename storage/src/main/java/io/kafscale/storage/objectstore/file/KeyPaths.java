/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.file;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Maps object keys to files under a root directory and back. Pure and thread-safe.
 *
 * <p>A key is a non-empty sequence of {@code /}-separated segments. Rejected, so that no key can
 * escape the root or collide with the store's own files: absolute keys, empty segments (leading,
 * trailing or doubled {@code /}), {@code .} and {@code ..} segments, backslashes, NUL characters,
 * and segments starting with {@value #TEMP_PREFIX} (reserved for in-progress writes).
 */
final class KeyPaths {

  /** File-name prefix of temporary files holding writes in progress; never a listed key. */
  static final String TEMP_PREFIX = ".tmp-";

  private final Path root;

  KeyPaths(Path root) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  /** The file that holds {@code key}; throws {@link IllegalArgumentException} on a bad key. */
  Path pathOf(String key) {
    validate(key);
    return root.resolve(key);
  }

  /** The key of a regular file under the root (separators normalised to {@code /}). */
  String keyOf(Path file) {
    Path relative = root.relativize(file);
    StringBuilder key = new StringBuilder();
    for (Path part : relative) {
      if (!key.isEmpty()) {
        key.append('/');
      }
      key.append(part);
    }
    return key.toString();
  }

  /** Whether a file name belongs to a write in progress rather than to an object. */
  static boolean isTemporary(Path file) {
    Path name = file.getFileName();
    return name != null && name.toString().startsWith(TEMP_PREFIX);
  }

  /**
   * The directory from which a listing of {@code prefix} must walk: the deepest existing-or-not
   * directory implied by the complete segments of the prefix.
   */
  Path listingBase(String prefix) {
    int slash = prefix.lastIndexOf('/');
    if (slash < 0) {
      return root;
    }
    String dir = prefix.substring(0, slash);
    try {
      return pathOf(dir);
    } catch (IllegalArgumentException e) {
      // A prefix such as "a//" cannot match any valid key; walking the root is still correct.
      return root;
    }
  }

  static void validate(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("Object key must not be empty");
    }
    if (key.indexOf('\\') >= 0 || key.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("Object key contains a backslash or NUL: " + key);
    }
    if (key.startsWith("/")) {
      throw new IllegalArgumentException("Object key must not be absolute: " + key);
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty()) {
        throw new IllegalArgumentException("Object key has an empty segment: " + key);
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("Object key has a '.' or '..' segment: " + key);
      }
      if (segment.startsWith(TEMP_PREFIX)) {
        throw new IllegalArgumentException(
            "Object key segment uses the reserved prefix " + TEMP_PREFIX + ": " + key);
      }
    }
  }
}
