/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.metrics;

import java.util.List;

/**
 * Catalogue of the meters the broker's network, admin, ownership and retention layers register
 * (storage and API meters are declared by their own modules), and the consumer-lag reporter. Names
 * follow Micrometer's dotted style; Prometheus shows {@code kafscale.requests} as {@code
 * kafscale_requests_total}. Every tag has a bounded set of values.
 */
public enum BrokerMeters {
  REQUESTS("kafscale.requests", Kind.COUNTER, List.of("api"), "Kafka requests received, by API."),
  REQUEST_ERRORS(
      "kafscale.request.errors",
      Kind.COUNTER,
      List.of("api"),
      "Requests whose handler failed (answered with the request's error response) or that were"
          + " unsupported (`api` = `unknown` for unknown API keys)."),
  REQUEST_LATENCY(
      "kafscale.request.latency",
      Kind.TIMER,
      List.of("api"),
      "Time from a request being decoded to its response being ready (includes long-poll waits)."),
  CONNECTIONS_ACTIVE(
      "kafscale.connections.active", Kind.GAUGE, List.of(), "Open Kafka client connections."),
  CONNECTIONS_ACCEPTED(
      "kafscale.connections.accepted", Kind.COUNTER, List.of(), "Kafka connections accepted."),
  AUTHENTICATIONS(
      "kafscale.authentications",
      Kind.COUNTER,
      List.of("mechanism", "result"),
      "SASL authentications on the Kafka listeners (re-authentications included), by mechanism"
          + " (`PLAIN`, `SCRAM-SHA-256`, `SCRAM-SHA-512`, `unknown`) and `result` (`success`,"
          + " `failure`)."),
  CONNECTIONS_REFUSED(
      "kafscale.connections.refused",
      Kind.COUNTER,
      List.of("reason"),
      "Kafka connections closed at once or before authenticating: `max_connections_per_ip`,"
          + " `unauthenticated_request` (anything but ApiVersions/SaslHandshake/SaslAuthenticate"
          + " before SASL authentication), `session_expired` (KIP-368 session not renewed),"
          + " `tls_handshake`, `idle`."),
  CONNECTIONS_CLOSED_BY_BROKER(
      "kafscale.connections.closed.by.broker",
      Kind.COUNTER,
      List.of("reason"),
      "Connections the broker closed: `frame_too_large`, `malformed`, `unsupported_request`,"
          + " `error`."),
  INFLIGHT_REQUEST_BYTES(
      "kafscale.inflight.request.bytes",
      Kind.GAUGE,
      List.of(),
      "Bytes of requests awaiting their response, summed over all connections."),
  BACKPRESSURE_PAUSES(
      "kafscale.backpressure.pauses",
      Kind.COUNTER,
      List.of(),
      "Times a connection stopped reading because its in-flight request bytes exceeded"
          + " `KAFSCALE_MAX_INFLIGHT_BYTES_PER_CONNECTION`."),
  BROKER_READY(
      "kafscale.broker.ready",
      Kind.GAUGE,
      List.of(),
      "1 when the broker is ready to serve (what `/readyz` answers), else 0."),
  PARTITIONS_OWNED(
      "kafscale.partitions.owned",
      Kind.GAUGE,
      List.of(),
      "Partitions this broker owns (has an open log for)."),
  OWNERSHIP_CHANGES(
      "kafscale.ownership.changes",
      Kind.COUNTER,
      List.of("action"),
      "Ownership actions completed: `claim` (took a partition at a new epoch), `release` (handed"
          + " one over after flushing), `drop` (closed one whose topic went away or that was"
          + " claimed elsewhere)."),
  LEASE_LOST(
      "kafscale.lease.lost",
      Kind.COUNTER,
      List.of(),
      "Times this broker considered its metadata-store lease lost and dropped every partition."),
  CONTROLLER_ACTIVE(
      "kafscale.controller.active",
      Kind.GAUGE,
      List.of(),
      "1 on the broker that is the cluster's controller, else 0."),
  CLUSTER_BROKERS(
      "kafscale.cluster.brokers",
      Kind.GAUGE,
      List.of(),
      "Live brokers registered in the metadata store, as this broker's image shows them."),
  INTERBROKER_REQUESTS(
      "kafscale.interbroker.requests",
      Kind.COUNTER,
      List.of("api", "outcome"),
      "Requests this broker sent to other brokers (transaction markers, KIP-890 verification), by"
          + " `api` and `outcome` = `success` (answered), `timeout`, `network_error` (not"
          + " connected, connection lost, backing off) or `error`."),
  INTERBROKER_REQUEST_LATENCY(
      "kafscale.interbroker.request.latency",
      Kind.TIMER,
      List.of("api"),
      "Time from sending an inter-broker request until its answer or failure, by `api`."),
  RETENTION_SEGMENTS_DELETED(
      "kafscale.retention.segments.deleted",
      Kind.COUNTER,
      List.of("cause"),
      "Segments removed from owned partitions (references and objects): `cause` = `retention`"
          + " (retention.ms / retention.bytes) or `delete_records`."),
  RETENTION_BYTES_DELETED(
      "kafscale.retention.bytes.deleted",
      Kind.COUNTER,
      List.of("cause"),
      "Stored bytes of the segments counted by `kafscale.retention.segments.deleted`."),
  RETENTION_FAILURES(
      "kafscale.retention.failures",
      Kind.COUNTER,
      List.of(),
      "Partition trims (retention or DeleteRecords) whose metadata commit failed; nothing was"
          + " removed and the next sweep retries."),
  ORPHAN_GC_PASSES(
      "kafscale.orphan.gc.passes",
      Kind.COUNTER,
      List.of("result"),
      "Object garbage-collection passes run on the controller: `result` = `completed`,"
          + " `failed` (listing or reading segment references failed; the rest waits for the next"
          + " pass) or `refused` (the namespace's cluster marker names another cluster, or no"
          + " segment reference was found while topics exist; nothing was deleted)."),
  ORPHAN_GC_OBJECTS_DELETED(
      "kafscale.orphan.gc.objects.deleted",
      Kind.COUNTER,
      List.of(),
      "Segment and index objects deleted because no segment reference pointed to them in passes"
          + " at least `KAFSCALE_ORPHAN_GRACE_MS` apart."),
  ORPHAN_GC_BYTES_DELETED(
      "kafscale.orphan.gc.bytes.deleted",
      Kind.COUNTER,
      List.of(),
      "Bytes of the objects counted by `kafscale.orphan.gc.objects.deleted`."),
  ORPHAN_GC_DELETE_FAILURES(
      "kafscale.orphan.gc.delete.failures",
      Kind.COUNTER,
      List.of(),
      "Batches of orphan deletions that failed; they are retried at the next pass."),
  ORPHAN_GC_PENDING(
      "kafscale.orphan.gc.pending",
      Kind.GAUGE,
      List.of(),
      "Unreferenced objects seen by the last pass that are still inside their grace period"
          + " (0 on brokers that are not the controller)."),
  COMPACTION_RUNS(
      "kafscale.compaction.runs",
      Kind.COUNTER,
      List.of(),
      "Partition compactions (`cleanup.policy=compact`) that swapped compacted segments in."),
  COMPACTION_SEGMENTS_REPLACED(
      "kafscale.compaction.segments.replaced",
      Kind.COUNTER,
      List.of(),
      "Segments replaced by compaction; their objects are deleted after the topic's"
          + " `file.delete.delay.ms`."),
  COMPACTION_BYTES_BEFORE(
      "kafscale.compaction.bytes.before",
      Kind.COUNTER,
      List.of(),
      "Stored bytes of the segments replaced by compaction."),
  COMPACTION_BYTES_AFTER(
      "kafscale.compaction.bytes.after",
      Kind.COUNTER,
      List.of(),
      "Stored bytes of the compacted segments that replaced them."),
  COMPACTION_FAILURES(
      "kafscale.compaction.failures",
      Kind.COUNTER,
      List.of(),
      "Partition compactions that failed (fenced, metadata or object-store trouble); the log is"
          + " unchanged and the next sweep retries."),
  OBJECTSTORE_REQUESTS(
      "kafscale.objectstore.requests",
      Kind.COUNTER,
      List.of("operation", "outcome"),
      "Object-store requests by the kind of request the store bills: `operation` = `put` (put and"
          + " conditional create), `get` (whole and ranged reads), `list`, `delete`,"
          + " `delete_batch` (one multi-object delete call); `outcome` = `success`, `not_found`"
          + " (the object does not exist), `exists` (a conditional create found the object) or"
          + " `error`."),
  OBJECTSTORE_REQUEST_LATENCY(
      "kafscale.objectstore.request.latency",
      Kind.TIMER,
      List.of("operation"),
      "Time from an object-store call until its answer (retries included), by `operation` as"
          + " in `kafscale.objectstore.requests`."),
  METADATA_REQUESTS(
      "kafscale.metadata.requests",
      Kind.COUNTER,
      List.of("operation", "outcome"),
      "Metadata-store (etcd, embedded) requests: `operation` = `get`, `range` (prefix read),"
          + " `revision`, `txn` (every write is a transaction; a failed compare is a `success`),"
          + " `lease_grant`, `lease_keepalive`, `lease_revoke`, `watch` (a watch opened);"
          + " `outcome` = `success` or `error`."),
  METADATA_REQUEST_LATENCY(
      "kafscale.metadata.request.latency",
      Kind.TIMER,
      List.of("operation"),
      "Time from a metadata-store call until its answer, by `operation` as in"
          + " `kafscale.metadata.requests`."),
  LOCALSTORE_PACKS(
      "kafscale.localstore.packs",
      Kind.GAUGE,
      List.of(),
      "Pack files of the local-directory object store (`KAFSCALE_DATA_DIR/packs`; not registered"
          + " with S3)."),
  LOCALSTORE_PACK_BYTES(
      "kafscale.localstore.pack.bytes",
      Kind.GAUGE,
      List.of(),
      "Bytes of those pack files on disk."),
  LOCALSTORE_LIVE_BYTES(
      "kafscale.localstore.live.bytes",
      Kind.GAUGE,
      List.of(),
      "Bytes of the records (data, key, header) of the live objects in the pack files; the"
          + " difference to `kafscale.localstore.pack.bytes` is freed when a pack empties or is"
          + " merged."),
  LOCALSTORE_PACKS_MERGED(
      "kafscale.localstore.packs.merged",
      Kind.COUNTER,
      List.of(),
      "Packs less than half live whose live objects were copied to the newest pack so that the"
          + " file could go."),
  LOCALSTORE_PACKS_REMOVED(
      "kafscale.localstore.packs.removed",
      Kind.COUNTER,
      List.of(),
      "Pack files deleted because nothing in them was needed any more (emptied or merged),"
          + " start-up included."),
  LOCALSTORE_FORCES(
      "kafscale.localstore.forces",
      Kind.COUNTER,
      List.of(),
      "`fdatasync`s of pack files (with `KAFSCALE_LOCAL_FSYNC=true`). One serves every object"
          + " written before it started, so with many partitions flushing at once this grows slower"
          + " than `kafscale.storage.flushes`."),
  HEALTH_PROBE_OK(
      "kafscale.health.probe.ok",
      Kind.GAUGE,
      List.of("store"),
      "1 when the last health probe of `store` (`object_store`: a one-request listing of a"
          + " prefix under the namespace; `metadata_store`: a revision read) succeeded, else 0;"
          + " probed every `KAFSCALE_HEALTH_CHECK_INTERVAL_MS`. `/readyz` needs both."),
  CONSUMER_LAG(
      "kafscale.consumer.lag",
      Kind.GAUGE,
      List.of("group"),
      "Consumer lag (high watermark minus committed offset, summed over the group's partitions)"
          + " of each group this broker coordinates, recomputed every `KAFSCALE_LAG_INTERVAL_MS`."
          + " At most `KAFSCALE_LAG_METRICS_MAX_GROUPS` groups (largest lag first) get their own"
          + " `group` value; the others are summed into `group` = `_other`. Series of groups that"
          + " are gone or moved to another coordinator are removed."),
  CONSUMER_PARTITION_LAG(
      "kafscale.consumer.partition.lag",
      Kind.GAUGE,
      List.of("group", "topic", "partition"),
      "Consumer lag per partition of the groups exported by `kafscale.consumer.lag` (not"
          + " `_other`); only with `KAFSCALE_LAG_METRICS_PER_PARTITION=true`."),
  CONSUMER_LAG_GROUPS(
      "kafscale.consumer.lag.groups",
      Kind.GAUGE,
      List.of(),
      "Groups with committed offsets whose lag this broker computed last (before the cap)."),
  CONSUMER_LAG_FAILURES(
      "kafscale.consumer.lag.failures",
      Kind.COUNTER,
      List.of(),
      "Lag computations that failed (e.g. the metadata store was unreachable); the previous"
          + " values stay until the next one succeeds.");

  /** Meter kinds as Micrometer registers them. */
  public enum Kind {
    COUNTER,
    GAUGE,
    TIMER
  }

  private final String meterName;
  private final Kind kind;
  private final List<String> tags;
  private final String description;

  BrokerMeters(String meterName, Kind kind, List<String> tags, String description) {
    this.meterName = meterName;
    this.kind = kind;
    this.tags = tags;
    this.description = description;
  }

  public String meterName() {
    return meterName;
  }

  public Kind kind() {
    return kind;
  }

  public List<String> tags() {
    return tags;
  }

  public String description() {
    return description;
  }
}
