/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.storage.objectstore.file;

import io.kafscale.storage.objectstore.ObjectAlreadyExistsException;
import io.kafscale.storage.objectstore.ObjectInfo;
import io.kafscale.storage.objectstore.ObjectNotFoundException;
import io.kafscale.storage.objectstore.ObjectStore;
import io.kafscale.storage.objectstore.ObjectStoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * {@link ObjectStore} over a local directory: each key is a file under the root, {@code /} in keys
 * becoming directories. The layout of the local store before {@link PackedFileObjectStore}, which
 * still reads objects written this way.
 *
 * <p>Crash safety: an object is written to a temporary file in its directory, forced to disk, and
 * only then renamed ({@link #put}) or hard-linked ({@link #create}) to its name, so a reader or a
 * restart sees either the whole old object, the whole new one, or none; never a torn one. Temporary
 * files left by a crash are invisible to every operation. With {@code fsync} off (see {@link
 * #FileObjectStore(Path, boolean)}) the file and directory forces are skipped: a completed write is
 * in the OS page cache, so it survives a crash or kill of the process but not of the machine.
 * {@link #create} is atomic (hard-link creation fails if the name exists), which requires a file
 * system with hard links.
 *
 * <p>Limits: a key cannot be both an object and a "directory" of other keys ({@code a} and {@code
 * a/b}); such a write fails with {@link ObjectStoreException}. Invalid keys (see {@link KeyPaths})
 * fail the future with {@link IllegalArgumentException}.
 *
 * <p>Thread-safe. Blocking I/O runs on virtual threads owned by the store; {@link #close} stops
 * them. Input buffers are not retained; returned buffers are fresh heap buffers owned by the
 * caller.
 */
public final class FileObjectStore implements ObjectStore {

  /** Attempts for a write that races with the removal of its (empty) directory by a delete. */
  private static final int WRITE_ATTEMPTS = 5;

  private final KeyPaths paths;
  private final BlockingTasks tasks;
  private final boolean fsync;

  /** Opens (creating if needed) a store rooted at {@code root}; every write is fsynced. */
  public FileObjectStore(Path root) {
    this(root, true);
  }

  /**
   * Opens (creating if needed) a store rooted at {@code root}.
   *
   * @param fsync whether writes and deletes force the file and its directory to disk before they
   *     complete; false trades durability against a machine crash for latency
   */
  public FileObjectStore(Path root, boolean fsync) {
    this.paths = new KeyPaths(root);
    this.fsync = fsync;
    try {
      DurableFiles.ensureDirectories(paths.root());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create object store directory " + paths.root(), e);
    }
    this.tasks = new BlockingTasks("kafscale-file-store-");
  }

  /** The absolute root directory of this store. */
  public Path root() {
    return paths.root();
  }

  @Override
  public CompletableFuture<Void> put(String key, ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    return submit(
        "put",
        key,
        () -> {
          Path target = paths.pathOf(key);
          writeWithRetry(target, data, false);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> create(String key, ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    return submit(
        "create",
        key,
        () -> {
          Path target = paths.pathOf(key);
          try {
            writeWithRetry(target, data, true);
          } catch (FileAlreadyExistsException e) {
            throw new ObjectAlreadyExistsException("Object already exists: " + key, e);
          }
          return null;
        });
  }

  @Override
  public boolean supportsConditionalCreate() {
    return true;
  }

  @Override
  public CompletableFuture<ByteBuffer> get(String key) {
    return submit("get", key, () -> read(key, 0, Integer.MAX_VALUE, true));
  }

  @Override
  public CompletableFuture<ByteBuffer> getRange(String key, long offset, int length) {
    if (offset < 0 || length < 0) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("Negative offset or length: " + offset + ", " + length));
    }
    return submit("getRange", key, () -> read(key, offset, length, false));
  }

  @Override
  public CompletableFuture<List<ObjectInfo>> list(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    return submit("list", prefix, () -> listBlocking(prefix));
  }

  @Override
  public CompletableFuture<Void> delete(String key) {
    return submit(
        "delete",
        key,
        () -> {
          deleteBlocking(key);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> deleteAll(Collection<String> keys) {
    List<String> copy = List.copyOf(keys);
    return submit(
        "deleteAll",
        copy.size() + " keys",
        () -> {
          copy.forEach(KeyPaths::validate); // all or nothing on a bad key
          for (String key : copy) {
            deleteBlocking(key);
          }
          return null;
        });
  }

  @Override
  public void close() {
    tasks.close();
  }

  private void writeWithRetry(Path target, ByteBuffer data, boolean exclusive) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        Path tmp = DurableFiles.writeTemp(target.getParent(), data, fsync);
        if (exclusive) {
          DurableFiles.linkNew(tmp, target, fsync);
        } else {
          DurableFiles.replace(tmp, target, fsync);
        }
        return;
      } catch (NoSuchFileException e) {
        // A concurrent delete pruned the (then empty) directory between our mkdir and our write.
        if (attempt >= WRITE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private ByteBuffer read(String key, long offset, int length, boolean whole) throws IOException {
    Path file = paths.pathOf(key);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (whole && size > Integer.MAX_VALUE - 8) {
        throw new ObjectStoreException(
            "Object too large to read at once: " + key + " (" + size + ")");
      }
      long from = Math.min(offset, size);
      int n = (int) Math.min(length, size - from);
      return DurableFiles.readAt(ch, file, from, n); // files are replaced whole, never cut
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException("No such object: " + key, e);
    } catch (java.nio.file.FileSystemException e) {
      if (Files.isDirectory(file)) {
        throw new ObjectNotFoundException("No such object: " + key, e);
      }
      throw e;
    }
  }

  private List<ObjectInfo> listBlocking(String prefix) throws IOException {
    Path base = paths.listingBase(prefix);
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    List<ObjectInfo> result = new ArrayList<>();
    try (Stream<Path> files = Files.walk(base)) {
      files.forEach(
          file -> {
            if (KeyPaths.isTemporary(file)) {
              return;
            }
            try {
              BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
              if (attrs.isRegularFile()) {
                String key = paths.keyOf(file);
                if (key.startsWith(prefix)) {
                  result.add(new ObjectInfo(key, attrs.size()));
                }
              }
            } catch (NoSuchFileException e) {
              // Deleted while we walked: not part of the listing.
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof NoSuchFileException) {
        // A directory vanished mid-walk (concurrent delete); retry once from a fresh view.
        return listBlocking(prefix);
      }
      throw e.getCause();
    }
    // Per-directory order is not key order ('-' and '.' sort before '/'), so sort the result.
    result.sort(Comparator.comparing(ObjectInfo::key));
    return List.copyOf(result);
  }

  private void deleteBlocking(String key) throws IOException {
    Path file = paths.pathOf(key);
    if (Files.isDirectory(file)) {
      return; // a "directory" of other keys is not an object
    }
    if (Files.deleteIfExists(file)) {
      if (fsync) {
        DurableFiles.syncDirectory(file.getParent());
      }
      DurableFiles.pruneEmptyDirectories(file.getParent(), paths.root());
    }
  }

  private <T> CompletableFuture<T> submit(String op, String what, BlockingTasks.IoTask<T> task) {
    return tasks.submit(op, what, task);
  }
}
