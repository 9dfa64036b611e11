/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.etcd;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.kafscale.metadata.store.Compare;
import io.kafscale.metadata.store.KeyValue;
import io.kafscale.metadata.store.Op;
import io.kafscale.metadata.store.TxnResult;
import io.kafscale.metadata.store.WatchEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Translates the port's values to jetcd's and back, one to one (the port was modelled on etcd).
 * Pure functions, no I/O; keys are UTF-8 strings, which sort in etcd's byte order for the ASCII
 * keys of {@code KeyLayout}.
 */
final class EtcdMapping {
  private static final DeleteOption DELETE_PREFIX = DeleteOption.builder().isPrefix(true).build();

  private EtcdMapping() {}

  static ByteSequence bytes(String key) {
    return ByteSequence.from(key, UTF_8);
  }

  static Cmp compare(Compare compare) {
    ByteSequence key = bytes(compare.key());
    return switch (compare) {
      // etcd compares an absent key as if its mod revision were 0, exactly as the port says.
      case Compare.ModRevisionEquals c ->
          new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(c.modRevision()));
      // version counts writes since creation; only an absent key has version 0.
      case Compare.Absent c -> new Cmp(key, Cmp.Op.EQUAL, CmpTarget.version(0));
      // etcd fails a value compare on an absent key, as the port requires.
      case Compare.ValueEquals c ->
          new Cmp(key, Cmp.Op.EQUAL, CmpTarget.value(ByteSequence.from(c.value())));
    };
  }

  static io.etcd.jetcd.op.Op op(Op op) {
    return switch (op) {
      case Op.Put p ->
          io.etcd.jetcd.op.Op.put(
              bytes(p.key()),
              ByteSequence.from(p.value()),
              p.leaseId() == 0
                  ? PutOption.DEFAULT
                  : PutOption.builder().withLeaseId(p.leaseId()).build());
      case Op.Delete d -> io.etcd.jetcd.op.Op.delete(bytes(d.key()), DeleteOption.DEFAULT);
      case Op.DeletePrefix d -> io.etcd.jetcd.op.Op.delete(bytes(d.prefix()), DELETE_PREFIX);
      case Op.Get g -> io.etcd.jetcd.op.Op.get(bytes(g.key()), GetOption.DEFAULT);
    };
  }

  static Cmp[] compares(List<Compare> compares) {
    return compares.stream().map(EtcdMapping::compare).toArray(Cmp[]::new);
  }

  static io.etcd.jetcd.op.Op[] ops(List<Op> ops) {
    return ops.stream().map(EtcdMapping::op).toArray(io.etcd.jetcd.op.Op[]::new);
  }

  /**
   * The header revision is the transaction's write revision, or the current one if it wrote
   * nothing.
   */
  static TxnResult txnResult(TxnResponse response) {
    List<Optional<KeyValue>> gets = new ArrayList<>();
    for (GetResponse get : response.getGetResponses()) {
      gets.add(first(get));
    }
    return new TxnResult(response.isSucceeded(), response.getHeader().getRevision(), gets);
  }

  static Optional<KeyValue> first(GetResponse response) {
    return response.getKvs().isEmpty()
        ? Optional.empty()
        : Optional.of(keyValue(response.getKvs().get(0)));
  }

  static List<KeyValue> all(GetResponse response) {
    return response.getKvs().stream().map(EtcdMapping::keyValue).toList();
  }

  static KeyValue keyValue(io.etcd.jetcd.KeyValue kv) {
    return new KeyValue(
        kv.getKey().toString(UTF_8),
        kv.getValue().getBytes(),
        kv.getCreateRevision(),
        kv.getModRevision());
  }

  /**
   * The events of one watch response, grouped by revision in order (etcd never splits a revision
   * across responses, and one response may hold several revisions). A DELETE's key-value already
   * has the port's shape: empty value, create revision 0, the deleting revision as mod revision.
   */
  static List<List<WatchEvent>> byRevision(List<io.etcd.jetcd.watch.WatchEvent> events) {
    List<List<WatchEvent>> groups = new ArrayList<>();
    List<WatchEvent> current = new ArrayList<>();
    long revision = -1;
    for (io.etcd.jetcd.watch.WatchEvent e : events) {
      WatchEvent.Type type =
          switch (e.getEventType()) {
            case PUT -> WatchEvent.Type.PUT;
            case DELETE -> WatchEvent.Type.DELETE;
            case UNRECOGNIZED -> null;
          };
      if (type == null) {
        continue;
      }
      WatchEvent event = new WatchEvent(type, keyValue(e.getKeyValue()));
      if (event.revision() != revision && !current.isEmpty()) {
        groups.add(List.copyOf(current));
        current.clear();
      }
      revision = event.revision();
      current.add(event);
    }
    if (!current.isEmpty()) {
      groups.add(List.copyOf(current));
    }
    return groups;
  }
}
