/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.file;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;

/**
 * Blocking file operations of the file stores. Writes never expose a partially written file under
 * its final name: data goes to a temporary file in the target directory, is forced to disk, and is
 * then renamed or hard-linked into place, after which the directory itself is forced. With {@code
 * fsync} false the two forces of a write are skipped (the data is still handed to the OS before the
 * call returns, so only a machine crash, not a process crash, can lose it); the atomic publication
 * is unchanged. Stateless and thread-safe.
 */
final class DurableFiles {

  private DurableFiles() {}

  /**
   * Writes {@code data} (position to limit, not consumed) to a new temp file in {@code dir}, synced
   * when {@code fsync}.
   */
  static Path writeTemp(Path dir, ByteBuffer data, boolean fsync) throws IOException {
    ensureDirectories(dir);
    Path tmp = dir.resolve(KeyPaths.TEMP_PREFIX + UUID.randomUUID());
    try (FileChannel ch =
        FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer src = data.duplicate();
      while (src.hasRemaining()) {
        ch.write(src);
      }
      if (fsync) {
        ch.force(true);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    return tmp;
  }

  /** Atomically replaces {@code target} with {@code tmp}. */
  static void replace(Path tmp, Path target, boolean fsync) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    if (fsync) {
      syncDirectory(target.getParent());
    }
  }

  /**
   * Publishes {@code tmp} as {@code target} only if {@code target} does not exist. A hard link is
   * created atomically by the file system and fails if the name is taken, which is exactly the
   * create-if-absent semantics, without the window a check-then-rename would have.
   *
   * @throws FileAlreadyExistsException if {@code target} exists
   */
  static void linkNew(Path tmp, Path target, boolean fsync) throws IOException {
    try {
      Files.createLink(target, tmp);
    } finally {
      Files.deleteIfExists(tmp);
    }
    if (fsync) {
      syncDirectory(target.getParent());
    }
  }

  /**
   * Reads {@code length} bytes of {@code file} (open as {@code channel}) from {@code position} into
   * a fresh heap buffer.
   *
   * @throws EOFException if the file ends before
   */
  static ByteBuffer readAt(FileChannel channel, Path file, long position, int length)
      throws IOException {
    return readFully(channel, file, position, ByteBuffer.allocate(length));
  }

  /**
   * Fills {@code into} (position to limit) with the bytes of {@code file} from {@code position} and
   * returns it flipped.
   *
   * @throws EOFException if the file ends before
   */
  static ByteBuffer readFully(FileChannel channel, Path file, long position, ByteBuffer into)
      throws IOException {
    long p = position;
    while (into.hasRemaining()) {
      int n = channel.read(into, p);
      if (n < 0) {
        throw new EOFException(file + " ends before offset " + (p + into.remaining()));
      }
      p += n;
    }
    return into.flip();
  }

  /** Creates {@code dir} and missing ancestors, forcing each new entry's parent directory. */
  static void ensureDirectories(Path dir) throws IOException {
    Deque<Path> missing = new ArrayDeque<>();
    for (Path p = dir; p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.push(p);
    }
    while (!missing.isEmpty()) {
      Path p = missing.pop();
      try {
        Files.createDirectory(p);
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(p)) {
          throw e;
        }
      }
      syncDirectory(p.getParent());
    }
  }

  /** Removes {@code dir} and its ancestors below {@code stop} while they are empty. */
  static void pruneEmptyDirectories(Path dir, Path stop) throws IOException {
    for (Path p = dir; p != null && !p.equals(stop) && p.startsWith(stop); p = p.getParent()) {
      try {
        Files.delete(p);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        return;
      }
    }
  }

  /** Forces a directory's entries to disk so a completed rename or link survives a crash. */
  static void syncDirectory(Path dir) throws IOException {
    if (dir == null) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      // Some platforms cannot open or force directories; the data file itself is already synced.
    }
  }
}
