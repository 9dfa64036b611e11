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
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ObjectStore} over a local directory that appends objects to pack files instead of creating
 * a file per object: the single-node default. A write is one append and, with {@code fsync}, one
 * {@code fdatasync} of the pack: no file creation, rename or directory force per object, which on a
 * busy disk is most of what a small write costs.
 *
 * <p>Layout: {@code pack-<sequence>.kso} files of {@link PackRecord}s, each rolled at about {@code
 * packBytes}. Deleting an object appends a delete record naming the pack of the deleted copy; a
 * sealed pack is removed once it holds no live object and every pack its delete records point at is
 * gone, and a sealed pack whose live objects' records fill less than half of it is merged: its live
 * objects and still-needed delete records are copied to the active pack first. The key index is
 * kept in memory and rebuilt on open by scanning the packs (headers only, plus the data checksums
 * of the newest pack).
 *
 * <p>Crash safety: writes to the packs are serialized, and with {@code fsync} a write completes
 * only after a force of its pack that started after its append, which also makes every earlier
 * record of that pack durable (one force serves all the writes waiting for it: group commit); a
 * pack is forced before the next one is started. So after a machine crash only the newest pack can
 * end in a record that is not intact, and no completed write follows it: open cuts that tail. A
 * damaged record anywhere else is corruption and fails the open, naming file and offset. Without
 * {@code fsync} writes are in the OS page cache when they complete (a process crash loses nothing,
 * a machine crash can), and open cuts each pack at its first damaged record.
 *
 * <p>Objects that an earlier version wrote as one file per key under {@code legacyRoot} (see {@link
 * FileObjectStore}) stay readable, listable and deletable; new objects always go to the packs. Keys
 * follow the rules of {@link KeyPaths}. Thread-safe; blocking I/O runs on virtual threads owned by
 * the store. Returned buffers are fresh heap buffers owned by the caller.
 */
public final class PackedFileObjectStore implements ObjectStore {

  /** Default size at which the active pack is sealed and a new one started. */
  public static final long DEFAULT_PACK_BYTES = 64L << 20;

  private static final Logger LOG = LoggerFactory.getLogger(PackedFileObjectStore.class);
  private static final Pattern PACK_NAME = Pattern.compile("pack-(\\d{20})\\.kso");
  private static final int READ_ATTEMPTS = 3;

  private final Path dir;
  private final boolean fsync;
  private final long packBytes;
  private final FileObjectStore legacy;
  private final KeyPaths legacyPaths;
  private final BlockingTasks tasks = new BlockingTasks("kafscale-pack-store-");
  private final AtomicBoolean merging = new AtomicBoolean();

  /** Guards the catalog's changes, the active pack and appends. */
  private final ReentrantLock lock = new ReentrantLock();

  private final PackCatalog catalog = new PackCatalog();

  private PackFile active;
  private long packsMerged;
  private long packsRemoved;
  private final AtomicLong forces = new AtomicLong();
  private volatile IOException failure;

  /**
   * Opens (creating if needed) a store in {@code dir} with {@link #DEFAULT_PACK_BYTES} packs and no
   * earlier objects.
   */
  public PackedFileObjectStore(Path dir, boolean fsync) {
    this(dir, fsync, DEFAULT_PACK_BYTES, null);
  }

  /**
   * Opens (creating if needed) a store in {@code dir}, recovering its packs.
   *
   * @param fsync whether a write or delete forces its pack to disk before it completes
   * @param packBytes size at which a pack is sealed
   * @param legacyRoot directory of objects written one file per key by an earlier version, or null;
   *     used only if it exists
   * @throws ObjectStoreException when the directory cannot be used or a sealed pack is damaged
   */
  public PackedFileObjectStore(Path dir, boolean fsync, long packBytes, Path legacyRoot) {
    if (packBytes <= 0) {
      throw new IllegalArgumentException("packBytes must be positive: " + packBytes);
    }
    this.dir = dir.toAbsolutePath().normalize();
    this.fsync = fsync;
    this.packBytes = packBytes;
    boolean hasLegacy = legacyRoot != null && Files.isDirectory(legacyRoot);
    this.legacy = hasLegacy ? new FileObjectStore(legacyRoot, fsync) : null;
    this.legacyPaths = hasLegacy ? new KeyPaths(legacyRoot) : null;
    try {
      DurableFiles.ensureDirectories(this.dir);
      recover();
      lock.lock();
      try {
        startPack();
      } finally {
        lock.unlock();
      }
      maybeMerge();
    } catch (IOException e) {
      close();
      throw new ObjectStoreException("Cannot open object store in " + this.dir + ": " + e, e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The directory of the pack files. */
  public Path directory() {
    return dir;
  }

  /**
   * What the store holds now and has done since it opened.
   *
   * @param packs pack files
   * @param packBytes their bytes on disk
   * @param liveBytes bytes of the records of the live objects in them (data, key and header; the
   *     rest goes when a pack is removed)
   * @param packsMerged packs whose live objects were copied to the active pack so they could go
   * @param packsRemoved pack files deleted (emptied or merged)
   * @param forces {@code fdatasync}s of packs (with fsync; one serves every write appended before
   *     it started, so with concurrent writers there are fewer than writes)
   */
  public record Stats(
      int packs,
      long packBytes,
      long liveBytes,
      long packsMerged,
      long packsRemoved,
      long forces) {}

  /** A consistent snapshot of the store's {@link Stats}. */
  public Stats stats() {
    lock.lock();
    try {
      PackCatalog.Totals t = catalog.totals();
      return new Stats(
          t.packs(), t.bytes(), t.liveBytes(), packsMerged, packsRemoved, forces.get());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public CompletableFuture<Void> put(String key, ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    return tasks.submit(
        "put",
        key,
        () -> {
          write(key, data, false);
          if (legacy != null) {
            awaitLegacy(legacy.delete(key)); // else deleting the new copy would bring it back
          }
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> create(String key, ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    return tasks.submit(
        "create",
        key,
        () -> {
          write(key, data, true);
          return null;
        });
  }

  @Override
  public boolean supportsConditionalCreate() {
    return true;
  }

  @Override
  public CompletableFuture<ByteBuffer> get(String key) {
    return getRange(key, 0, Integer.MAX_VALUE);
  }

  @Override
  public CompletableFuture<ByteBuffer> getRange(String key, long offset, int length) {
    if (offset < 0 || length < 0) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("Negative offset or length: " + offset + ", " + length));
    }
    return tasks.submit("getRange", key, () -> read(key, offset, length));
  }

  @Override
  public CompletableFuture<List<ObjectInfo>> list(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    return tasks.submit(
        "list",
        prefix,
        () -> {
          List<ObjectInfo> result = catalog.list(prefix);
          if (legacy != null) {
            Set<String> packed = new HashSet<>();
            result.forEach(o -> packed.add(o.key()));
            awaitLegacy(legacy.list(prefix)).stream()
                .filter(o -> !packed.contains(o.key()))
                .forEach(result::add);
            result.sort(Comparator.comparing(ObjectInfo::key));
          }
          return List.copyOf(result);
        });
  }

  @Override
  public CompletableFuture<Void> delete(String key) {
    return deleteAll(List.of(key));
  }

  @Override
  public CompletableFuture<Void> deleteAll(Collection<String> keys) {
    List<String> copy = List.copyOf(keys);
    return tasks.submit(
        "delete",
        copy.size() == 1 ? copy.getFirst() : copy.size() + " keys",
        () -> {
          copy.forEach(KeyPaths::validate); // all or nothing on a bad key
          deleteBlocking(copy);
          return null;
        });
  }

  @Override
  public void close() {
    tasks.close();
    if (legacy != null) {
      legacy.close();
    }
    lock.lock();
    try {
      for (PackFile p : catalog.packs()) {
        try {
          p.close();
        } catch (IOException e) {
          LOG.warn("Closing pack {} failed: {}", p.path, e.toString());
        }
      }
    } finally {
      lock.unlock();
    }
  }

  // ---- writes ----

  private void write(String key, ByteBuffer data, boolean exclusive) throws IOException {
    KeyPaths.validate(key);
    ByteBuffer header =
        PackRecord.header(PackRecord.OBJECT, key, data); // checksum outside the lock
    PackFile pack;
    long end;
    PackCatalog.Location previous;
    lock.lock();
    try {
      checkWritable();
      previous = catalog.locate(key);
      if (exclusive && (previous != null || inLegacy(key))) {
        throw new ObjectAlreadyExistsException("Object already exists: " + key);
      }
      pack = appendObjectLocked(key, header, data);
      end = pack.size();
      if (previous != null) {
        catalog.pin(previous.pack()); // the old copy stays until the new one is durable
      }
    } finally {
      lock.unlock();
    }
    try {
      forceIfDurable(pack, end);
    } finally {
      if (previous != null) {
        unpin(previous.pack());
      }
    }
  }

  private void unpin(PackFile pack) {
    lock.lock();
    try {
      catalog.unpin(pack);
    } finally {
      lock.unlock();
    }
  }

  private void deleteBlocking(List<String> keys) throws IOException {
    Set<PackFile> written = new HashSet<>();
    List<String> notPacked = new ArrayList<>();
    lock.lock();
    try {
      for (String key : keys) {
        PackCatalog.Location current = catalog.locate(key);
        if (current == null) {
          notPacked.add(key);
          continue;
        }
        checkWritable();
        written.add(appendDeleteLocked(key, current.pack().seq));
        catalog.removeCopy(key, current.pack().seq);
      }
    } finally {
      lock.unlock();
    }
    for (PackFile pack : written) {
      forceWholeIfDurable(pack);
    }
    if (legacy != null && !notPacked.isEmpty()) {
      awaitLegacy(legacy.deleteAll(notPacked));
    }
    lock.lock();
    try {
      reclaim();
    } finally {
      lock.unlock();
    }
    maybeMerge();
  }

  /**
   * Appends an object record, preceded by a delete record for the key's live copy when that copy is
   * in another pack: the new copy must stay the live one even after its own pack is gone (deleted
   * or merged away) while the older pack is still there. Under the lock.
   */
  private PackFile appendObjectLocked(String key, ByteBuffer header, ByteBuffer data)
      throws IOException {
    PackCatalog.Location previous = catalog.locate(key);
    long recordBytes = header.remaining() + (long) data.remaining();
    long deleteRecordBytes = header.remaining() + (long) PackRecord.DELETE_DATA_BYTES; // same key
    PackFile pack = roomFor(recordBytes + deleteRecordBytes);
    if (previous != null && previous.pack() != pack) {
      appendDeleteLocked(key, previous.pack().seq);
    }
    long position = appendLocked(header, data);
    catalog.objectWritten(pack, key, position, data.remaining(), recordBytes);
    return pack;
  }

  /**
   * Appends a delete record of {@code key}'s copy in pack {@code deletedPackSeq}, leaving the index
   * to the caller (lock-free readers must never miss a key that is only being moved). Under the
   * lock.
   */
  private PackFile appendDeleteLocked(String key, long deletedPackSeq) throws IOException {
    ByteBuffer data = PackRecord.deleteData(deletedPackSeq);
    ByteBuffer header = PackRecord.header(PackRecord.DELETE, key, data);
    PackFile pack = roomFor(header.remaining() + (long) data.remaining());
    appendLocked(header, data);
    catalog.dependOn(pack, deletedPackSeq);
    return pack;
  }

  /**
   * The active pack, after starting a new one when {@code bytes} more would overfill it. Under the
   * lock.
   */
  private PackFile roomFor(long bytes) throws IOException {
    if (active.size() > 0 && active.size() + bytes > packBytes) {
      try {
        forceWholeIfDurable(active); // a sealed pack is whole before the next starts
        startPack();
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }
    return active;
  }

  /** Appends a record to the active pack; returns the position of its data. Under the lock. */
  private long appendLocked(ByteBuffer header, ByteBuffer data) throws IOException {
    try {
      return active.append(header, data);
    } catch (IOException e) {
      failure = e; // the pack's tail is unknown now: no more appends to this store
      throw e;
    }
  }

  /** With fsync, makes every record appended to {@code pack} so far durable. */
  private void forceWholeIfDurable(PackFile pack) throws IOException {
    forceIfDurable(pack, pack.size());
  }

  /** With fsync, makes the records of {@code pack} up to {@code end} durable. */
  private void forceIfDurable(PackFile pack, long end) throws IOException {
    if (!fsync) {
      return;
    }
    try {
      if (pack.forceUpTo(end)) {
        forces.incrementAndGet();
      }
    } catch (ClosedChannelException e) {
      if (isOpen(pack)) {
        throw e;
      }
      // Reclaimed meanwhile: nothing of it is live any more.
    } catch (IOException e) {
      failure = e; // after a failed fsync the pages' state is unknown: stop writing
      throw e;
    }
  }

  private void checkWritable() {
    if (failure != null) {
      throw new ObjectStoreException(
          "Object store in " + dir + " stopped writing after an I/O error: " + failure, failure);
    }
  }

  private boolean isOpen(PackFile pack) {
    lock.lock();
    try {
      return catalog.holds(pack);
    } finally {
      lock.unlock();
    }
  }

  /** The result of a call of the legacy store, its own exception rethrown as it is. */
  private static <T> T awaitLegacy(CompletableFuture<T> call) {
    try {
      return call.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private boolean inLegacy(String key) {
    return legacyPaths != null && Files.isRegularFile(legacyPaths.pathOf(key));
  }

  /** Under the lock (or during recovery). */
  private void startPack() throws IOException {
    // The active pack is never removed, so numbers only grow while the store is open. At open the
    // newest pack may have been reclaimed and its number is reused: harmless, as delete records
    // only name their own pack or older ones, so no remaining record names it.
    long seq = catalog.nextSeq();
    PackFile pack = PackFile.create(dir.resolve(packName(seq)), seq);
    if (fsync) {
      DurableFiles.syncDirectory(dir);
    }
    catalog.add(pack);
    active = pack;
  }

  private static String packName(long seq) {
    return String.format("pack-%020d.kso", seq);
  }

  /** Removes the packs that nothing needs any more, oldest first. Under the lock. */
  private void reclaim() throws IOException {
    for (PackFile p; (p = catalog.takeRemovable(active)) != null; ) {
      closeAndDelete(p);
      packsRemoved++;
      if (fsync) {
        // Gone for good before a pack holding its delete records can go too.
        DurableFiles.syncDirectory(dir);
      }
    }
  }

  private static void closeAndDelete(PackFile pack) throws IOException {
    pack.close();
    Files.deleteIfExists(pack.path);
  }

  // ---- merging ----

  private void maybeMerge() {
    PackFile candidate;
    lock.lock();
    try {
      candidate = catalog.mergeCandidate(active);
      if (candidate == null || !merging.compareAndSet(false, true)) {
        return;
      }
      catalog.pin(candidate);
    } finally {
      lock.unlock();
    }
    PackFile pack = candidate;
    tasks.submit(
        "merge",
        pack.path.toString(),
        () -> {
          boolean merged = false;
          try {
            merge(pack);
            merged = true;
          } catch (IOException | RuntimeException e) {
            // Tried again after a later delete, not right away (the cause may last).
            LOG.warn("Merging pack {} failed; it stays: {}", pack.path, e.toString());
          } finally {
            lock.lock();
            try {
              catalog.unpin(pack);
              reclaim();
            } finally {
              lock.unlock();
              merging.set(false);
            }
          }
          if (merged) {
            maybeMerge();
          }
          return null;
        });
  }

  /**
   * Copies the live objects of {@code pack} and its delete records that still matter to the active
   * pack, and forces the copies, so that {@link #reclaim} can remove it.
   */
  private void merge(PackFile pack) throws IOException {
    record Entry(PackRecord.Header header, long position, long deletedPackSeq) {}
    List<Entry> entries = new ArrayList<>();
    pack.scan(false, (h, pos, deleted) -> entries.add(new Entry(h, pos, deleted)));
    Set<PackFile> written = new HashSet<>();
    for (Entry e : entries) {
      String key = e.header().key();
      PackFile to;
      if (e.header().type() == PackRecord.OBJECT) {
        PackCatalog.Location current = catalog.locate(key);
        if (current == null || current.pack() != pack || current.position() != e.position()) {
          continue;
        }
        ByteBuffer data = pack.read(e.position(), e.header().dataLength());
        ByteBuffer header = PackRecord.header(PackRecord.OBJECT, key, data);
        // Still the live copy once under the lock (a writer may have replaced or deleted it).
        to =
            appendUnderLock(
                () ->
                    current.equals(catalog.locate(key))
                        ? appendObjectLocked(key, header, data)
                        : null);
      } else {
        to =
            appendUnderLock(
                () ->
                    e.deletedPackSeq() != pack.seq && catalog.holdsSeq(e.deletedPackSeq())
                        ? appendDeleteLocked(key, e.deletedPackSeq())
                        : null);
      }
      if (to != null) {
        written.add(to);
      }
    }
    for (PackFile to : written) {
      forceWholeIfDurable(to);
    }
    lock.lock();
    try {
      catalog.dropDependencies(pack);
      packsMerged++;
    } finally {
      lock.unlock();
    }
  }

  /** An append made under the lock; returns the pack written to, or null if nothing was. */
  private interface LockedAppend {
    PackFile run() throws IOException;
  }

  private PackFile appendUnderLock(LockedAppend append) throws IOException {
    lock.lock();
    try {
      checkWritable();
      return append.run();
    } finally {
      lock.unlock();
    }
  }

  // ---- reads ----

  private ByteBuffer read(String key, long offset, int length) throws IOException {
    KeyPaths.validate(key);
    for (int attempt = 1; ; attempt++) {
      PackCatalog.Location at = catalog.locate(key);
      if (at == null) {
        if (legacy != null) {
          return awaitLegacy(legacy.getRange(key, offset, length));
        }
        throw new ObjectNotFoundException("No such object: " + key);
      }
      long from = Math.min(offset, at.length());
      int n = (int) Math.min(length, at.length() - from);
      try {
        return at.pack().read(at.position() + from, n);
      } catch (ClosedChannelException e) {
        // The pack was merged away (the object moved) or reclaimed (it was deleted): look again.
        if (attempt >= READ_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  // ---- recovery ----

  private void recover() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        Matcher name = PACK_NAME.matcher(file.getFileName().toString());
        if (name.matches()) {
          catalog.add(PackFile.open(file, Long.parseLong(name.group(1))));
        }
      }
    }
    List<PackFile> all = catalog.packs();
    for (PackFile pack : all) {
      boolean newest = pack == all.getLast();
      long end =
          pack.scan(
              newest,
              (h, position, deletedPackSeq) -> {
                if (h.type() == PackRecord.OBJECT) {
                  catalog.objectWritten(pack, h.key(), position, h.dataLength(), h.recordBytes());
                } else {
                  catalog.deleteWritten(pack, h.key(), deletedPackSeq);
                }
              });
      if (end < Files.size(pack.path)) {
        if (!newest && fsync) {
          throw new ObjectStoreException(
              "Pack "
                  + pack.path
                  + " is damaged at offset "
                  + end
                  + " (only the newest pack can have a torn tail); move it aside to start");
        }
        LOG.warn(
            "Cutting pack {} at offset {}: {} bytes after it are not an intact record",
            pack.path,
            end,
            Files.size(pack.path) - end);
        pack.truncate(end);
      }
    }
    reclaim();
  }
}
