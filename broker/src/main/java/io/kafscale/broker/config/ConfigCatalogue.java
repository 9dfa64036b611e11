/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.config;

import static io.kafscale.broker.config.ConfigType.BOOLEAN;
import static io.kafscale.broker.config.ConfigType.FILE;
import static io.kafscale.broker.config.ConfigType.HOST_PORT;
import static io.kafscale.broker.config.ConfigType.INT;
import static io.kafscale.broker.config.ConfigType.LOG_LEVEL;
import static io.kafscale.broker.config.ConfigType.LONG;
import static io.kafscale.broker.config.ConfigType.PATH;
import static io.kafscale.broker.config.ConfigType.STRING;
import static io.kafscale.broker.config.ConfigType.URI;

import java.util.List;

/**
 * Every environment variable the broker reads, in one place: the loader reads only these, and
 * {@code docs/configuration.md} is generated from this list ({@link ConfigDocs}).
 */
public final class ConfigCatalogue {
  private static final long MIB = 1024L * 1024L;

  public static final ConfigVar BROKER_ADDR =
      ConfigVar.of(
          "KAFSCALE_BROKER_ADDR",
          HOST_PORT,
          "127.0.0.1:9092",
          "Address the Kafka listener binds. Port 0 picks a free port.");
  public static final ConfigVar BROKER_HOST =
      ConfigVar.derived(
          "KAFSCALE_BROKER_HOST",
          STRING,
          "`<POD_NAME>.<KAFSCALE_BROKER_SERVICE>.<POD_NAMESPACE>.svc.cluster.local` when all three"
              + " are set; else the host of `KAFSCALE_BROKER_ADDR`; if that is a wildcard"
              + " (`0.0.0.0`, `::`): `POD_IP`, else `HOSTNAME`, else the local host name",
          "Host advertised to clients in Metadata and DescribeCluster responses.");
  public static final ConfigVar BROKER_PORT =
      new ConfigVar(
          "KAFSCALE_BROKER_PORT",
          INT,
          null,
          "port of `KAFSCALE_BROKER_ADDR` (the bound port when that is 0)",
          1L,
          65535L,
          false,
          "Port advertised to clients.");
  public static final ConfigVar BROKER_ID =
      new ConfigVar(
          "KAFSCALE_BROKER_ID",
          INT,
          null,
          "allocated from the metadata store: the lowest id no live broker holds",
          0L,
          (long) Integer.MAX_VALUE,
          false,
          "Node id of this broker. Leave unset for the pods of a Deployment: each gets a free id"
              + " when it registers. A fixed id takes over a registration of the same id left by"
              + " an earlier run of this broker.");
  public static final ConfigVar BROKER_SERVICE =
      ConfigVar.of(
          "KAFSCALE_BROKER_SERVICE",
          STRING,
          null,
          "Headless service of the broker pods; with `POD_NAME` and `POD_NAMESPACE` it gives the"
              + " advertised host when `KAFSCALE_BROKER_HOST` is unset.");
  public static final ConfigVar BROKER_RACK =
      ConfigVar.of(
          "KAFSCALE_BROKER_RACK",
          STRING,
          null,
          "Rack (e.g. availability zone) of this broker, reported to clients in Metadata.");
  public static final ConfigVar BROKER_LEASE_TTL_MS =
      ConfigVar.number(
          "KAFSCALE_BROKER_LEASE_TTL_MS",
          LONG,
          "10000",
          1000,
          300_000,
          "Time to live of the broker's metadata-store lease. A broker that stops renewing it"
              + " (crash, pause, partition from etcd) loses its partitions this long after its last"
              + " renewal; it stops writing a sixth of this earlier by its own clock.");
  public static final ConfigVar SHUTDOWN_TIMEOUT_MS =
      ConfigVar.number(
          "KAFSCALE_SHUTDOWN_TIMEOUT_MS",
          LONG,
          "30000",
          0,
          3_600_000,
          "On SIGTERM, how long the broker waits for its partitions to move to other brokers"
              + " (each flushed and committed first) before it flushes the rest and exits.");
  public static final ConfigVar METRICS_ADDR =
      ConfigVar.of(
          "KAFSCALE_METRICS_ADDR",
          HOST_PORT,
          "127.0.0.1:9093",
          "Address of the admin HTTP server: `/metrics` (Prometheus), `/healthz`, `/readyz`, and"
              + " the consumer-group JSON API `/api/v1/groups` (see `docs/admin-api.md`).");
  public static final ConfigVar DATA_DIR =
      ConfigVar.of(
          "KAFSCALE_DATA_DIR",
          PATH,
          "./data",
          "Local directory for the embedded metadata store (`metadata/`) and, without S3, the"
              + " objects: appended to pack files (`packs/`); objects that versions before the"
              + " pack store wrote one file per key (`objects/`) stay readable.");
  public static final ConfigVar S3_BUCKET =
      ConfigVar.of(
          "KAFSCALE_S3_BUCKET",
          STRING,
          null,
          "S3 bucket holding segments. When set, S3 is used and must be reachable at start (the"
              + " broker refuses to start otherwise); when unset, objects go to the data directory.");
  public static final ConfigVar S3_REGION =
      ConfigVar.of("KAFSCALE_S3_REGION", STRING, "us-east-1", "S3 region.");
  public static final ConfigVar S3_ENDPOINT =
      ConfigVar.of(
          "KAFSCALE_S3_ENDPOINT",
          URI,
          null,
          "Endpoint override for S3-compatible stores (e.g. `http://127.0.0.1:9000`).");
  public static final ConfigVar S3_PATH_STYLE =
      ConfigVar.of(
          "KAFSCALE_S3_PATH_STYLE",
          BOOLEAN,
          "false",
          "Use path-style bucket addressing (most S3-compatible stores need it).");
  public static final ConfigVar S3_ACCESS_KEY =
      ConfigVar.secret(
          "KAFSCALE_S3_ACCESS_KEY",
          "Static access key id; with the secret key. Unset: the AWS default credentials chain.");
  public static final ConfigVar S3_SECRET_KEY =
      ConfigVar.secret("KAFSCALE_S3_SECRET_KEY", "Static secret access key. Never logged.");
  public static final ConfigVar S3_SESSION_TOKEN =
      ConfigVar.secret(
          "KAFSCALE_S3_SESSION_TOKEN", "Session token for temporary credentials. Never logged.");
  public static final ConfigVar S3_NAMESPACE =
      ConfigVar.of(
          "KAFSCALE_S3_NAMESPACE",
          STRING,
          "default",
          "Key prefix of every object this cluster writes (`{namespace}/{topic}/{partition}/…`).");
  public static final ConfigVar S3_KMS_ARN =
      ConfigVar.of(
          "KAFSCALE_S3_KMS_ARN",
          STRING,
          null,
          "KMS key ARN; when set, objects are written with SSE-KMS under that key.");
  public static final ConfigVar ETCD_ENDPOINTS =
      ConfigVar.of(
          "KAFSCALE_ETCD_ENDPOINTS",
          STRING,
          null,
          "Comma-separated etcd client URLs (`http(s)://host:port` or `host:port`). When set, etcd is"
              + " the metadata store and must be reachable at start (the broker refuses to start"
              + " otherwise, never falling back); when unset, the embedded store under"
              + " `KAFSCALE_DATA_DIR/metadata` is used.");
  public static final ConfigVar ETCD_USERNAME =
      ConfigVar.of(
          "KAFSCALE_ETCD_USERNAME",
          STRING,
          null,
          "etcd user; with `KAFSCALE_ETCD_PASSWORD`. Unset: no authentication.");
  public static final ConfigVar ETCD_PASSWORD =
      ConfigVar.secret("KAFSCALE_ETCD_PASSWORD", "Password of the etcd user. Never logged.");
  public static final ConfigVar ETCD_CA_FILE =
      ConfigVar.of(
          "KAFSCALE_ETCD_CA_FILE",
          FILE,
          null,
          "PEM CA bundle trusted for etcd's server certificate; setting it turns TLS on. Unset with"
              + " `https://` endpoints: the JDK's default trust store.");
  public static final ConfigVar ETCD_CERT_FILE =
      ConfigVar.of(
          "KAFSCALE_ETCD_CERT_FILE",
          FILE,
          null,
          "PEM client certificate for mutual TLS with etcd; with `KAFSCALE_ETCD_KEY_FILE`.");
  public static final ConfigVar ETCD_KEY_FILE =
      ConfigVar.of(
          "KAFSCALE_ETCD_KEY_FILE",
          FILE,
          null,
          "PEM (PKCS#8) private key of `KAFSCALE_ETCD_CERT_FILE`.");
  public static final ConfigVar SEGMENT_BYTES =
      ConfigVar.number(
          "KAFSCALE_SEGMENT_BYTES",
          LONG,
          Long.toString(4 * MIB),
          1024,
          Integer.MAX_VALUE,
          "Flush a partition's staged batches into a segment once they reach this many bytes.");
  public static final ConfigVar FLUSH_INTERVAL_MS =
      ConfigVar.number(
          "KAFSCALE_FLUSH_INTERVAL_MS",
          LONG,
          "10",
          1,
          3_600_000,
          "Flush once the oldest staged batch of a partition is this old (milliseconds), so an"
              + " acks=1/all produce below the size trigger waits at most about this long.");
  public static final ConfigVar FLUSH_IDLE_BYTES =
      ConfigVar.number(
          "KAFSCALE_FLUSH_IDLE_BYTES",
          LONG,
          Long.toString(64 * 1024),
          0,
          Long.MAX_VALUE,
          "Early (\"idle\") flush: when no flush of a partition is in flight and at least this many"
              + " bytes are staged, flush once the producers' window is staged again or after"
              + " `KAFSCALE_FLUSH_IDLE_DELAY_MS`, instead of waiting for `KAFSCALE_FLUSH_INTERVAL_MS`."
              + " Less staged data waits for the age trigger, which bounds the object writes of a"
              + " trickle of tiny requests.");
  public static final ConfigVar FLUSH_IDLE_DELAY_MS =
      new ConfigVar(
          "KAFSCALE_FLUSH_IDLE_DELAY_MS",
          LONG,
          null,
          "`"
              + BrokerConfigLoader.S3_IDLE_FLUSH_DELAY_MS
              + "` with S3, `"
              + BrokerConfigLoader.LOCAL_IDLE_FLUSH_DELAY_MS
              + "` with the local-directory store",
          0L,
          3_600_000L,
          false,
          "The longest an early flush waits after a partition's previous flush finished for the"
              + " requests that flush's acks released (milliseconds). It flushes sooner once the"
              + " bytes staged reach the previous flush's window (what it carried plus what was"
              + " staged when it finished), so each flush carries the producers' whole window; the"
              + " delay only bounds the wait when the window does not come back. Longer with S3,"
              + " where a PUT takes longer than the wait and each one costs.");
  public static final ConfigVar LOCAL_FSYNC =
      ConfigVar.of(
          "KAFSCALE_LOCAL_FSYNC",
          BOOLEAN,
          "true",
          "Whether the local-directory object store and the embedded metadata store fsync each"
              + " write before it is acknowledged. `false` still hands every write to the OS before"
              + " the ack, so a broker crash or `kill -9` loses nothing, but a machine crash or power"
              + " loss can lose acknowledged data (like Apache Kafka's default, which acks from the"
              + " page cache); a warning is logged at start. No effect on S3 objects.");
  public static final ConfigVar CACHE_BYTES =
      ConfigVar.number(
          "KAFSCALE_CACHE_BYTES",
          LONG,
          Long.toString(256 * MIB),
          0,
          Long.MAX_VALUE,
          "Byte budget of the segment cache serving fetches.");
  public static final ConfigVar RETENTION_CHECK_INTERVAL_MS =
      ConfigVar.number(
          "KAFSCALE_RETENTION_CHECK_INTERVAL_MS",
          LONG,
          "60000",
          100,
          86_400_000,
          "How often each broker enforces `retention.ms` and `retention.bytes` on the partitions it"
              + " owns (Kafka's `log.retention.check.interval.ms`, but shorter by default: deleting"
              + " objects is cheap, so a segment past its limit is gone within about a minute).");
  public static final ConfigVar ORPHAN_GC_INTERVAL_MS =
      ConfigVar.number(
          "KAFSCALE_ORPHAN_GC_INTERVAL_MS",
          LONG,
          "600000",
          1000,
          86_400_000,
          "How often the controller looks for orphaned segment and index objects (objects under the"
              + " namespace that no segment reference points to: failed flushes, fenced uploads,"
              + " deleted topics, compaction leftovers).");
  public static final ConfigVar ORPHAN_GRACE_MS =
      ConfigVar.number(
          "KAFSCALE_ORPHAN_GRACE_MS",
          LONG,
          "3600000",
          600_000,
          Long.MAX_VALUE,
          "An orphaned object is deleted only once passes at least this far apart all saw it"
              + " unreferenced. Keep it far above any flush/commit timeout; at least 10 minutes,"
              + " so that a compaction run (capped at a fixed 4 minutes on every broker, whatever"
              + " its own grace, so brokers of a rollout agree) swaps its outputs in or abandons"
              + " them long before. The namespace must belong to this cluster alone: the"
              + " controller writes the metadata cluster id to `{namespace}/_kafscale!cluster` and"
              + " skips every pass (ERROR log, `kafscale.orphan.gc.passes{result=refused}`) while"
              + " it names another cluster, or while the metadata holds topics but no segment"
              + " reference at all.");
  public static final ConfigVar COMPACTION_CHECK_INTERVAL_MS =
      ConfigVar.number(
          "KAFSCALE_COMPACTION_CHECK_INTERVAL_MS",
          LONG,
          "30000",
          100,
          86_400_000,
          "How often each broker checks the partitions it owns of `cleanup.policy=compact` topics"
              + " and compacts those whose `min.cleanable.dirty.ratio` or `max.compaction.lag.ms`"
              + " is reached (one partition at a time).");
  public static final ConfigVar AUTO_CREATE_TOPICS =
      ConfigVar.of(
          "KAFSCALE_AUTO_CREATE_TOPICS",
          BOOLEAN,
          "true",
          "Create unknown topics when a client asks for them in a Metadata request that allows it.");
  public static final ConfigVar AUTO_CREATE_PARTITIONS =
      ConfigVar.number(
          "KAFSCALE_AUTO_CREATE_PARTITIONS",
          INT,
          "1",
          1,
          100_000,
          "Partition count of auto-created topics.");
  public static final ConfigVar LOG_LEVEL_VAR =
      ConfigVar.of("KAFSCALE_LOG_LEVEL", LOG_LEVEL, "INFO", "Root log level, applied at start.");
  public static final ConfigVar MAX_FRAME_BYTES =
      ConfigVar.number(
          "KAFSCALE_MAX_FRAME_BYTES",
          INT,
          Long.toString(100 * MIB),
          1024,
          Integer.MAX_VALUE,
          "Largest request frame accepted; a larger length prefix closes the connection (Kafka's"
              + " `socket.request.max.bytes`).");
  public static final ConfigVar MAX_INFLIGHT_BYTES_PER_CONNECTION =
      ConfigVar.number(
          "KAFSCALE_MAX_INFLIGHT_BYTES_PER_CONNECTION",
          LONG,
          Long.toString(64 * MIB),
          1024,
          Long.MAX_VALUE,
          "Stop reading a connection while the requests it has in flight (not yet answered) hold"
              + " more than this many bytes; resume below half.");

  public static final ConfigVar LISTENERS =
      ConfigVar.of(
          "KAFSCALE_LISTENERS",
          STRING,
          null,
          "Named Kafka listeners, comma-separated `NAME://host:port` (Kafka's `listeners`), e.g."
              + " `INTERNAL://0.0.0.0:9092,EXTERNAL://0.0.0.0:9094`. Unset: one `PLAINTEXT`"
              + " listener on `KAFSCALE_BROKER_ADDR`, advertised as `KAFSCALE_BROKER_HOST`/`PORT`."
              + " Port 0 picks a free port.");
  public static final ConfigVar ADVERTISED_LISTENERS =
      ConfigVar.of(
          "KAFSCALE_ADVERTISED_LISTENERS",
          STRING,
          null,
          "Address each listener is advertised as in Metadata, FindCoordinator and"
              + " DescribeCluster to the clients connected to it, `NAME://host:port`. A listener"
              + " missing here is advertised like `KAFSCALE_BROKER_HOST` with its bound port.");
  public static final ConfigVar LISTENER_SECURITY_PROTOCOL_MAP =
      ConfigVar.of(
          "KAFSCALE_LISTENER_SECURITY_PROTOCOL_MAP",
          STRING,
          null,
          "Security protocol of each listener, `NAME:PROTOCOL` comma-separated with PROTOCOL one"
              + " of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL. A listener named after a protocol"
              + " (e.g. `SASL_SSL://…`) needs no entry.");
  public static final ConfigVar INTER_BROKER_LISTENER_NAME =
      ConfigVar.derived(
          "KAFSCALE_INTER_BROKER_LISTENER_NAME",
          STRING,
          "the first listener of `KAFSCALE_LISTENERS`",
          "Listener other brokers connect to (transaction markers); its advertised address is"
              + " also the broker's default address in the metadata store.");
  public static final ConfigVar SSL_CERT_FILE =
      ConfigVar.of(
          "KAFSCALE_SSL_CERT_FILE",
          FILE,
          null,
          "PEM certificate chain (server certificate first) of the SSL and SASL_SSL listeners."
              + " Re-read when it changes (see `KAFSCALE_SSL_RELOAD_INTERVAL_MS`).");
  public static final ConfigVar SSL_KEY_FILE =
      ConfigVar.of(
          "KAFSCALE_SSL_KEY_FILE",
          FILE,
          null,
          "PEM PKCS#8 private key (RSA or EC) of `KAFSCALE_SSL_CERT_FILE`.");
  public static final ConfigVar SSL_KEY_PASSWORD =
      ConfigVar.secret(
          "KAFSCALE_SSL_KEY_PASSWORD",
          "Password of an encrypted `KAFSCALE_SSL_KEY_FILE`. Never logged.");
  public static final ConfigVar SSL_CA_FILE =
      ConfigVar.of(
          "KAFSCALE_SSL_CA_FILE",
          FILE,
          null,
          "PEM CA bundle trusted for client certificates (mutual TLS). Unset: the JDK's trust"
              + " store.");
  public static final ConfigVar SSL_CLIENT_AUTH =
      ConfigVar.of(
          "KAFSCALE_SSL_CLIENT_AUTH",
          STRING,
          "none",
          "Client certificates on SSL listeners (Kafka's `ssl.client.auth`): `none`, `requested`"
              + " or `required`. A verified certificate makes the principal"
              + " `User:<subject DN>`, e.g. `User:CN=app,O=Example`; without one it is"
              + " `User:ANONYMOUS`. On SASL_SSL listeners the principal is the SASL user.");
  public static final ConfigVar SSL_RELOAD_INTERVAL_MS =
      ConfigVar.number(
          "KAFSCALE_SSL_RELOAD_INTERVAL_MS",
          LONG,
          "30000",
          100,
          86_400_000,
          "How often the certificate, key and CA files are checked for changes (modification"
              + " time and size); new connections use the reloaded files, open ones keep theirs.");
  public static final ConfigVar SASL_ENABLED_MECHANISMS =
      ConfigVar.of(
          "KAFSCALE_SASL_ENABLED_MECHANISMS",
          STRING,
          "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512",
          "SASL mechanisms offered on SASL_PLAINTEXT and SASL_SSL listeners, comma-separated:"
              + " PLAIN, SCRAM-SHA-256, SCRAM-SHA-512. SCRAM users are those with credentials"
              + " in the metadata store (AlterUserScramCredentials, `kafka-configs`).");
  public static final ConfigVar SASL_PLAIN_USERS_FILE =
      ConfigVar.of(
          "KAFSCALE_SASL_PLAIN_USERS_FILE",
          FILE,
          null,
          "File of PLAIN users, one `user:password` per line (`#` comments, blank lines"
              + " ignored); typically a mounted secret. Read at start.");
  public static final ConfigVar SASL_PLAIN_USERS =
      ConfigVar.secret(
          "KAFSCALE_SASL_PLAIN_USERS",
          "PLAIN users from the environment, `user:password` separated by commas (passwords"
              + " with commas: use the file). Added to the file's users. Never logged.");
  public static final ConfigVar SASL_SESSION_LIFETIME_MS =
      ConfigVar.number(
          "KAFSCALE_SASL_SESSION_LIFETIME_MS",
          LONG,
          "0",
          0,
          // One year: longer lifetimes are no lifetime at all (use 0) and invite overflow.
          365L * 24 * 60 * 60 * 1000,
          "Lifetime of a SASL session (KIP-368, Kafka's `connections.max.reauth.ms`): sent as"
              + " `session_lifetime_ms`, clients re-authenticate before it ends, and a connection"
              + " past it without re-authenticating is closed. 0: sessions never expire; at most"
              + " one year.");
  public static final ConfigVar AUTH_FAILURE_DELAY_MS =
      ConfigVar.number(
          "KAFSCALE_AUTH_FAILURE_DELAY_MS",
          LONG,
          "100",
          0,
          60_000,
          "After a failed SASL authentication the error response is sent and the connection is"
              + " closed this much later (Kafka's `connection.failed.authentication.delay.ms`).");
  public static final ConfigVar MAX_CONNECTIONS_PER_IP =
      ConfigVar.number(
          "KAFSCALE_MAX_CONNECTIONS_PER_IP",
          INT,
          Integer.toString(ConnectionLimits.DEFAULT_MAX_CONNECTIONS_PER_IP),
          1,
          Integer.MAX_VALUE,
          "Open Kafka connections allowed from one client IP address over all listeners; further"
              + " ones are closed at once (Kafka's `max.connections.per.ip`, unlimited there). The"
              + " finite default stops one host from exhausting the broker's file descriptors;"
              + " raise it for clients behind one NAT address or a proxy.");
  public static final ConfigVar MAX_PREAUTH_REQUEST_BYTES =
      ConfigVar.number(
          "KAFSCALE_MAX_PREAUTH_REQUEST_BYTES",
          INT,
          Integer.toString(512 * 1024),
          64,
          Integer.MAX_VALUE,
          "Largest request a SASL connection may send before it has authenticated; a larger"
              + " length prefix closes the connection before any buffer is allocated for it.");
  public static final ConfigVar CONNECTION_IDLE_TIMEOUT_MS =
      ConfigVar.number(
          "KAFSCALE_CONNECTION_IDLE_TIMEOUT_MS",
          LONG,
          "600000",
          0,
          Long.MAX_VALUE,
          "A Kafka connection that neither reads nor writes for this long is closed (Kafka's"
              + " `connections.max.idle.ms`). 0: never.");

  public static final ConfigVar GROUP_COORDINATOR_PARTITIONS =
      ConfigVar.number(
          "KAFSCALE_GROUP_COORDINATOR_PARTITIONS",
          INT,
          "50",
          1,
          10_000,
          "Partitions of the internal topic `__consumer_offsets` whose owners coordinate consumer"
              + " groups (group g: abs(hash(g)) % partitions, as Kafka's"
              + " `offsets.topic.num.partitions`). Used when the controller creates the topic;"
              + " changing it later has no effect.");
  public static final ConfigVar TXN_COORDINATOR_PARTITIONS =
      ConfigVar.number(
          "KAFSCALE_TXN_COORDINATOR_PARTITIONS",
          INT,
          "50",
          1,
          10_000,
          "Partitions of the internal topic `__transaction_state` whose owners coordinate"
              + " transactions (transactional id t: abs(hash(t)) % partitions, as Kafka's"
              + " `transaction.state.log.num.partitions`). Used when the controller creates the"
              + " topic; changing it later has no effect.");
  public static final ConfigVar OFFSETS_RETENTION_MINUTES =
      ConfigVar.number(
          "KAFSCALE_OFFSETS_RETENTION_MINUTES",
          LONG,
          "10080",
          1,
          Long.MAX_VALUE / 60_000,
          "Committed offsets of a group that has been Empty this long (or, for groups that never"
              + " had members, offsets committed this long ago) are deleted (Kafka's"
              + " `offsets.retention.minutes`).");
  public static final ConfigVar GROUP_INITIAL_REBALANCE_DELAY_MS =
      ConfigVar.number(
          "KAFSCALE_GROUP_INITIAL_REBALANCE_DELAY_MS",
          INT,
          "3000",
          0,
          300_000,
          "How long a new (Empty) group waits for more members before its first generation,"
              + " extended while members keep joining (Kafka's"
              + " `group.initial.rebalance.delay.ms`).");

  public static final ConfigVar LAG_INTERVAL_MS =
      ConfigVar.number(
          "KAFSCALE_LAG_INTERVAL_MS",
          LONG,
          "30000",
          100,
          3_600_000,
          "How often each broker recomputes the consumer lag of the groups it coordinates (for"
              + " `kafscale.consumer.lag` and the admin API's group list). One batch of"
              + " metadata-store reads per interval for partitions owned by other brokers.");
  public static final ConfigVar LAG_METRICS_PER_PARTITION =
      ConfigVar.of(
          "KAFSCALE_LAG_METRICS_PER_PARTITION",
          BOOLEAN,
          "false",
          "Also export `kafscale.consumer.partition.lag` (tags group, topic, partition). Their"
              + " number grows with groups times partitions: enable it for small clusters or"
              + " debugging.");
  public static final ConfigVar LAG_METRICS_MAX_GROUPS =
      ConfigVar.number(
          "KAFSCALE_LAG_METRICS_MAX_GROUPS",
          INT,
          "1000",
          0,
          1_000_000,
          "At most this many groups per broker get their own lag series (largest lag first); the"
              + " lag of the others is summed into `group=\"_other\"`, so labels stay bounded.");

  public static final ConfigVar HEALTH_CHECK_INTERVAL_MS =
      ConfigVar.number(
          "KAFSCALE_HEALTH_CHECK_INTERVAL_MS",
          LONG,
          "10000",
          100,
          3_600_000,
          "How often each broker probes the object store (one LIST request of an empty prefix"
              + " under the namespace) and the metadata store (one revision read). `/readyz`"
              + " answers 503 while the last probe of either failed; `/api/v1/health` shows both.");

  public static final ConfigVar AUTHORIZER_ENABLED =
      ConfigVar.of(
          "KAFSCALE_AUTHORIZER_ENABLED",
          BOOLEAN,
          "false",
          "Enforce Kafka ACLs (stored in the metadata store, managed with CreateAcls/DeleteAcls)"
              + " on every request. Until TLS/SASL listeners exist every client is"
              + " `User:ANONYMOUS`. See docs/security.md.");
  public static final ConfigVar SUPER_USERS =
      ConfigVar.of(
          "KAFSCALE_SUPER_USERS",
          STRING,
          null,
          "Principals allowed everything whatever the ACLs say, separated by semicolons (Kafka's"
              + " `super.users`), e.g. `User:admin;User:operator`.");
  public static final ConfigVar ALLOW_EVERYONE_IF_NO_ACL_FOUND =
      ConfigVar.of(
          "KAFSCALE_ALLOW_EVERYONE_IF_NO_ACL_FOUND",
          BOOLEAN,
          "false",
          "With the authorizer enabled, allow every principal on resources no ACL matches"
              + " (Kafka's `allow.everyone.if.no.acl.found`).");

  /** Every variable, in documentation order. */
  public static final List<ConfigVar> ALL =
      List.of(
          BROKER_ADDR,
          BROKER_HOST,
          BROKER_PORT,
          BROKER_ID,
          BROKER_SERVICE,
          BROKER_RACK,
          BROKER_LEASE_TTL_MS,
          SHUTDOWN_TIMEOUT_MS,
          METRICS_ADDR,
          DATA_DIR,
          S3_BUCKET,
          S3_REGION,
          S3_ENDPOINT,
          S3_PATH_STYLE,
          S3_ACCESS_KEY,
          S3_SECRET_KEY,
          S3_SESSION_TOKEN,
          S3_NAMESPACE,
          S3_KMS_ARN,
          ETCD_ENDPOINTS,
          ETCD_USERNAME,
          ETCD_PASSWORD,
          ETCD_CA_FILE,
          ETCD_CERT_FILE,
          ETCD_KEY_FILE,
          SEGMENT_BYTES,
          FLUSH_INTERVAL_MS,
          FLUSH_IDLE_BYTES,
          FLUSH_IDLE_DELAY_MS,
          LOCAL_FSYNC,
          CACHE_BYTES,
          RETENTION_CHECK_INTERVAL_MS,
          ORPHAN_GC_INTERVAL_MS,
          ORPHAN_GRACE_MS,
          COMPACTION_CHECK_INTERVAL_MS,
          AUTO_CREATE_TOPICS,
          AUTO_CREATE_PARTITIONS,
          LOG_LEVEL_VAR,
          MAX_FRAME_BYTES,
          MAX_INFLIGHT_BYTES_PER_CONNECTION,
          LISTENERS,
          ADVERTISED_LISTENERS,
          LISTENER_SECURITY_PROTOCOL_MAP,
          INTER_BROKER_LISTENER_NAME,
          SSL_CERT_FILE,
          SSL_KEY_FILE,
          SSL_KEY_PASSWORD,
          SSL_CA_FILE,
          SSL_CLIENT_AUTH,
          SSL_RELOAD_INTERVAL_MS,
          SASL_ENABLED_MECHANISMS,
          SASL_PLAIN_USERS_FILE,
          SASL_PLAIN_USERS,
          SASL_SESSION_LIFETIME_MS,
          AUTH_FAILURE_DELAY_MS,
          MAX_CONNECTIONS_PER_IP,
          MAX_PREAUTH_REQUEST_BYTES,
          CONNECTION_IDLE_TIMEOUT_MS,
          GROUP_COORDINATOR_PARTITIONS,
          TXN_COORDINATOR_PARTITIONS,
          OFFSETS_RETENTION_MINUTES,
          GROUP_INITIAL_REBALANCE_DELAY_MS,
          LAG_INTERVAL_MS,
          LAG_METRICS_PER_PARTITION,
          LAG_METRICS_MAX_GROUPS,
          HEALTH_CHECK_INTERVAL_MS,
          AUTHORIZER_ENABLED,
          SUPER_USERS,
          ALLOW_EVERYONE_IF_NO_ACL_FOUND);

  private ConfigCatalogue() {}
}
