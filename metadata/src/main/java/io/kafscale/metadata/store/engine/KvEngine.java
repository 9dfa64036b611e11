/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.store.engine;

import io.kafscale.metadata.store.Compare;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.LeaseNotFoundException;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.Txn;
import io.kafscale.metadata.store.WatchEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The pure state machine shared by the in-memory and embedded stores: sorted keys with etcd-style
 * revisions, leases with deadlines, and transaction evaluation. Time comes in as {@code nowMs}
 * arguments; it does no I/O. Not thread-safe: its owner serialises access.
 */
public final class KvEngine {
  private static final byte[] EMPTY = new byte[0];

  private final TreeMap<String, StoredEntry> data = new TreeMap<>();
  private final Map<Long, Lease> leases = new HashMap<>();
  private long revision;
  private long nextLeaseId = 1;

  private record Lease(long ttlMs, long deadlineMs) {}

  public long revision() {
    return revision;
  }

  public Optional<KeyValue> get(String key) {
    StoredEntry e = data.get(key);
    return e == null ? Optional.empty() : Optional.of(e.kv());
  }

  public List<KeyValue> range(String prefix) {
    List<KeyValue> out = new ArrayList<>();
    for (StoredEntry e : prefixView(prefix).values()) {
      out.add(e.kv());
    }
    return out;
  }

  /** Every stored entry in key order (snapshots). */
  public Collection<StoredEntry> entries() {
    return data.values();
  }

  /** Replaces the whole state (loading a snapshot). */
  public void restore(long atRevision, Collection<StoredEntry> entries) {
    data.clear();
    leases.clear();
    for (StoredEntry e : entries) {
      data.put(e.kv().key(), e);
      nextLeaseId = Math.max(nextLeaseId, e.leaseId() + 1);
    }
    revision = atRevision;
  }

  /** Decides a transaction against the current state without changing it. */
  public Decision decide(Txn txn) {
    boolean ok = true;
    for (Compare c : txn.compares()) {
      if (!holds(c)) {
        ok = false;
        break;
      }
    }
    List<Op> ops = ok ? txn.onSuccess() : txn.onFailure();
    // Later ops see earlier ones: pending holds each touched key's new value, null = deleted.
    LinkedHashMap<String, byte[]> pending = new LinkedHashMap<>();
    Map<String, Long> pendingLease = new HashMap<>();
    List<Optional<KeyValue>> gets = new ArrayList<>();
    for (Op op : ops) {
      switch (op) {
        case Op.Put p -> {
          if (p.leaseId() != 0 && !leases.containsKey(p.leaseId())) {
            throw new LeaseNotFoundException("lease " + p.leaseId() + " not found");
          }
          pending.put(p.key(), p.value());
          pendingLease.put(p.key(), p.leaseId());
        }
        case Op.Delete d -> pending.put(d.key(), null);
        case Op.DeletePrefix dp -> {
          for (String k : prefixView(dp.prefix()).keySet()) {
            pending.put(k, null);
          }
          for (String k : List.copyOf(pending.keySet())) {
            if (k.startsWith(dp.prefix())) {
              pending.put(k, null);
            }
          }
        }
        case Op.Get g -> gets.add(readThrough(g.key(), pending));
      }
    }
    List<Mutation> mutations = new ArrayList<>();
    pending.forEach(
        (k, v) -> {
          if (v != null) {
            mutations.add(new Mutation.Put(k, v, pendingLease.get(k)));
          } else if (data.containsKey(k)) {
            mutations.add(new Mutation.Delete(k));
          }
        });
    return new Decision(ok, mutations, gets);
  }

  /**
   * Applies mutations as revision {@code atRevision} (which must be the next one) and returns the
   * watch events. An empty list changes nothing and returns no events.
   */
  public List<WatchEvent> apply(long atRevision, List<Mutation> mutations) {
    if (mutations.isEmpty()) {
      return List.of();
    }
    if (atRevision != revision + 1) {
      throw new IllegalStateException(
          "expected revision " + (revision + 1) + " but got " + atRevision);
    }
    List<WatchEvent> events = new ArrayList<>(mutations.size());
    for (Mutation m : mutations) {
      switch (m) {
        case Mutation.Put p -> {
          StoredEntry old = data.get(p.key());
          long created = old == null ? atRevision : old.kv().createRevision();
          KeyValue kv = new KeyValue(p.key(), p.value(), created, atRevision);
          data.put(p.key(), new StoredEntry(kv, p.leaseId()));
          nextLeaseId = Math.max(nextLeaseId, p.leaseId() + 1);
          events.add(new WatchEvent(WatchEvent.Type.PUT, kv));
        }
        case Mutation.Delete d -> {
          if (data.remove(d.key()) != null) {
            events.add(
                new WatchEvent(
                    WatchEvent.Type.DELETE, new KeyValue(d.key(), EMPTY, 0, atRevision)));
          }
        }
      }
    }
    revision = atRevision;
    return events;
  }

  public long grantLease(long ttlMs, long nowMs) {
    long id = nextLeaseId++;
    leases.put(id, new Lease(ttlMs, nowMs + ttlMs));
    return id;
  }

  public void keepAlive(long leaseId, long nowMs) {
    Lease l = leases.get(leaseId);
    if (l == null) {
      throw new LeaseNotFoundException("lease " + leaseId + " not found");
    }
    leases.put(leaseId, new Lease(l.ttlMs(), nowMs + l.ttlMs()));
  }

  /** Forgets the lease and returns the deletions of its keys (to apply as one revision). */
  public List<Mutation> revokeLease(long leaseId) {
    if (leases.remove(leaseId) == null) {
      throw new LeaseNotFoundException("lease " + leaseId + " not found");
    }
    return deletionsOfLease(leaseId);
  }

  /** Ids of leases whose deadline is at or before {@code nowMs}. */
  public List<Long> expiredLeases(long nowMs) {
    List<Long> out = new ArrayList<>();
    leases.forEach(
        (id, l) -> {
          if (l.deadlineMs() <= nowMs) {
            out.add(id);
          }
        });
    out.sort(null);
    return out;
  }

  /**
   * Deletions of every key attached to any lease (embedded store recovery: leases do not survive a
   * restart).
   */
  public List<Mutation> deletionsOfAllLeasedKeys() {
    List<Mutation> out = new ArrayList<>();
    for (StoredEntry e : data.values()) {
      if (e.leaseId() != 0) {
        out.add(new Mutation.Delete(e.kv().key()));
      }
    }
    return out;
  }

  private List<Mutation> deletionsOfLease(long leaseId) {
    List<Mutation> out = new ArrayList<>();
    for (StoredEntry e : data.values()) {
      if (e.leaseId() == leaseId) {
        out.add(new Mutation.Delete(e.kv().key()));
      }
    }
    return out;
  }

  private Optional<KeyValue> readThrough(String key, Map<String, byte[]> pending) {
    if (!pending.containsKey(key)) {
      return get(key);
    }
    byte[] v = pending.get(key);
    if (v == null) {
      return Optional.empty();
    }
    // A get after a put in the same txn sees the value at the revision the txn will get.
    StoredEntry old = data.get(key);
    long created = old == null ? revision + 1 : old.kv().createRevision();
    return Optional.of(new KeyValue(key, v, created, revision + 1));
  }

  private boolean holds(Compare c) {
    StoredEntry e = data.get(c.key());
    return switch (c) {
      case Compare.Absent a -> e == null;
      case Compare.ModRevisionEquals m -> (e == null ? 0 : e.kv().modRevision()) == m.modRevision();
      case Compare.ValueEquals v -> e != null && Arrays.equals(e.kv().value(), v.value());
    };
  }

  private SortedMap<String, StoredEntry> prefixView(String prefix) {
    if (prefix.isEmpty()) {
      return data;
    }
    // Every key with the prefix sorts before the prefix with its last char incremented.
    char last = prefix.charAt(prefix.length() - 1);
    if (last == Character.MAX_VALUE) {
      TreeMap<String, StoredEntry> view = new TreeMap<>();
      for (Map.Entry<String, StoredEntry> en : data.tailMap(prefix).entrySet()) {
        if (!en.getKey().startsWith(prefix)) {
          break;
        }
        view.put(en.getKey(), en.getValue());
      }
      return view;
    }
    String end = prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    return data.subMap(prefix, end);
  }
}
