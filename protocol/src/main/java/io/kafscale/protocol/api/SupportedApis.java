/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.protocol.api;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.message.ApiMessageType;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersionCollection;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * The single table of the Kafka APIs this broker serves. It drives ApiVersions, the decoder's
 * version check and {@code docs/protocol-support.md}; to serve a new API, implement its handler and
 * add one constant here. Version ranges are those Apache Kafka's broker listener serves in the
 * pinned kafka-clients: stable versions only, from {@link ApiKeys#oldestVersion()} to {@link
 * ApiKeys#latestVersion(boolean) latestVersion(false)}; the advertised range comes from {@link
 * ApiKeys#toApiVersionForApiResponse}, which advertises Produce from v0 (KAFKA-18659: librdkafka
 * otherwise sends compressed batches uncompressed) although v0-2 requests are refused. Immutable
 * and thread-safe.
 */
public enum SupportedApis {
  API_VERSIONS(
      ApiKeys.API_VERSIONS, "unknown versions get a v0 UNSUPPORTED_VERSION answer (KIP-511)"),
  METADATA(ApiKeys.METADATA, "honours allow_auto_topic_creation; topic ids"),
  PRODUCE(
      ApiKeys.PRODUCE,
      "advertised from v0 (KAFKA-18659), v0-2 requests refused; acks=0 unanswered;"
          + " transactional batches appended once the coordinator confirmed the partition is in"
          + " the transaction (KIP-890 part 1)"),
  FETCH(ApiKeys.FETCH, "topic ids from v13; no fetch sessions (session id 0)"),
  LIST_OFFSETS(ApiKeys.LIST_OFFSETS, "earliest, latest, by timestamp, max timestamp"),
  OFFSET_FOR_LEADER_EPOCH(
      ApiKeys.OFFSET_FOR_LEADER_EPOCH,
      "from the epochs recorded with committed segments (KIP-320 truncation checks); the"
          + " latest epoch ends at the high watermark; replica ids answered like consumers"),
  CREATE_TOPICS(ApiKeys.CREATE_TOPICS, "validate-only supported; configs stored"),
  DELETE_TOPICS(ApiKeys.DELETE_TOPICS, "by name and by topic id"),
  CREATE_PARTITIONS(ApiKeys.CREATE_PARTITIONS, ""),
  DELETE_RECORDS(
      ApiKeys.DELETE_RECORDS, "moves the log start; whole segments below it are deleted"),
  INIT_PRODUCER_ID(
      ApiKeys.INIT_PRODUCER_ID,
      "idempotent producers; transactional ids: epoch bumps, zombie fencing, KIP-360 recovery"
          + " at the id's transaction coordinator"),
  DESCRIBE_CLUSTER(ApiKeys.DESCRIBE_CLUSTER, ""),
  DESCRIBE_LOG_DIRS(
      ApiKeys.DESCRIBE_LOG_DIRS,
      "one log dir per broker (\"/\" + object namespace); sizes of the partitions it owns"
          + " (committed segment bytes); offset lag 0; total/usable bytes unknown (-1)"),
  DESCRIBE_CONFIGS(
      ApiKeys.DESCRIBE_CONFIGS,
      "topics, this broker and the cluster-wide default broker resource; Kafka's sources and"
          + " synonyms"),
  ALTER_CONFIGS(
      ApiKeys.ALTER_CONFIGS,
      "topics and the cluster-wide default broker resource (empty name); per-broker configs"
          + " refused with INVALID_CONFIG; validate-only supported"),
  INCREMENTAL_ALTER_CONFIGS(
      ApiKeys.INCREMENTAL_ALTER_CONFIGS,
      "SET, DELETE, APPEND, SUBTRACT; topics and the cluster-wide default broker resource;"
          + " per-broker configs refused with INVALID_CONFIG; validate-only supported"),
  FIND_COORDINATOR(
      ApiKeys.FIND_COORDINATOR,
      "group keys: the live owner of the group's __consumer_offsets partition"
          + " (COORDINATOR_NOT_AVAILABLE while it has none); transaction keys: likewise for"
          + " __transaction_state; share keys: INVALID_REQUEST"),
  JOIN_GROUP(
      ApiKeys.JOIN_GROUP,
      "classic protocol; member ids required from v4 (KIP-394); static members (KIP-345)"),
  SYNC_GROUP(ApiKeys.SYNC_GROUP, "the leader's assignment is persisted before anyone is answered"),
  HEARTBEAT(ApiKeys.HEARTBEAT, ""),
  LEAVE_GROUP(ApiKeys.LEAVE_GROUP, "member batches from v3"),
  OFFSET_COMMIT(
      ApiKeys.OFFSET_COMMIT,
      "persisted before the reply; generation -1 commits from assign() consumers accepted;"
          + " topic ids from v10"),
  OFFSET_FETCH(
      ApiKeys.OFFSET_FETCH,
      "null topics = all; several groups from v8; -1 when nothing committed; require_stable"
          + " answers UNSTABLE_OFFSET_COMMIT while transactional offsets are pending"),
  DESCRIBE_GROUPS(
      ApiKeys.DESCRIBE_GROUPS,
      "member metadata and assignments while Stable; authorized operations computed when the"
          + " authorizer is enabled"),
  LIST_GROUPS(ApiKeys.LIST_GROUPS, "state filter v4+, type filter v5+ (every group is classic)"),
  DELETE_GROUPS(ApiKeys.DELETE_GROUPS, "NON_EMPTY_GROUP while members exist"),
  OFFSET_DELETE(ApiKeys.OFFSET_DELETE, "GROUP_SUBSCRIBED_TO_TOPIC for topics the members consume"),
  ADD_PARTITIONS_TO_TXN(
      ApiKeys.ADD_PARTITIONS_TO_TXN,
      "client form v0-3 and batched broker form v4+ (verify_only answered from the coordinator)"),
  ADD_OFFSETS_TO_TXN(
      ApiKeys.ADD_OFFSETS_TO_TXN,
      "adds the group's __consumer_offsets partition to the transaction; PRODUCER_FENCED answered"
          + " as INVALID_PRODUCER_EPOCH below v2"),
  TXN_OFFSET_COMMIT(
      ApiKeys.TXN_OFFSET_COMMIT,
      "offsets pending until the commit marker reaches the group's coordinator (dropped on"
          + " abort); member and generation checked from v3 when given"),
  END_TXN(
      ApiKeys.END_TXN,
      "transaction version 1 (the transaction.version feature is not advertised); answered once"
          + " the outcome is durable, markers written afterwards"),
  DESCRIBE_PRODUCERS(
      ApiKeys.DESCRIBE_PRODUCERS,
      "committed producer state of the partitions this broker owns; coordinator epoch -1"),
  DESCRIBE_TRANSACTIONS(
      ApiKeys.DESCRIBE_TRANSACTIONS, "NOT_COORDINATOR for ids coordinated elsewhere"),
  LIST_TRANSACTIONS(
      ApiKeys.LIST_TRANSACTIONS,
      "state, producer-id, duration and id-pattern filters; every __transaction_state"
          + " partition this broker owns (loaded if needed)"),
  CREATE_ACLS(
      ApiKeys.CREATE_ACLS,
      "LITERAL and PREFIXED bindings on TOPIC, GROUP, CLUSTER and TRANSACTIONAL_ID, stored in the"
          + " metadata store; SECURITY_DISABLED unless KAFSCALE_AUTHORIZER_ENABLED"),
  DESCRIBE_ACLS(
      ApiKeys.DESCRIBE_ACLS,
      "ANY/MATCH/LITERAL/PREFIXED filters; SECURITY_DISABLED unless KAFSCALE_AUTHORIZER_ENABLED"),
  DELETE_ACLS(
      ApiKeys.DELETE_ACLS,
      "per-filter results with the deleted bindings; SECURITY_DISABLED unless"
          + " KAFSCALE_AUTHORIZER_ENABLED"),
  SASL_HANDSHAKE(
      ApiKeys.SASL_HANDSHAKE,
      "on SASL_PLAINTEXT/SASL_SSL listeners: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512; v0 (raw SASL"
          + " tokens, pre-1.0 clients) is refused; ILLEGAL_SASL_STATE on other listeners"),
  SASL_AUTHENTICATE(
      ApiKeys.SASL_AUTHENTICATE,
      "session_lifetime_ms from KAFSCALE_SASL_SESSION_LIFETIME_MS (KIP-368 re-authentication);"
          + " a failure answers SASL_AUTHENTICATION_FAILED, then closes after a delay"),
  DESCRIBE_USER_SCRAM_CREDENTIALS(
      ApiKeys.DESCRIBE_USER_SCRAM_CREDENTIALS,
      "SCRAM-SHA-256/512 mechanisms and iterations of every or the named users;"
          + " DESCRIBE on the cluster when the authorizer is enabled"),
  ALTER_USER_SCRAM_CREDENTIALS(
      ApiKeys.ALTER_USER_SCRAM_CREDENTIALS,
      "upsertions (salted password turned into stored and server keys) and deletions, atomic per"
          + " user, stored in the metadata store; ALTER on the cluster when the authorizer is"
          + " enabled"),
  DESCRIBE_CLIENT_QUOTAS(
      ApiKeys.DESCRIBE_CLIENT_QUOTAS,
      "no client quotas are stored or enforced: every valid filter matches no entity (served for"
          + " kafka-configs --describe --entity-type users)"),
  WRITE_TXN_MARKERS(
      ApiKeys.WRITE_TXN_MARKERS,
      "inter-broker (sent by our transaction coordinators; no authorization yet): control batches"
          + " on the partitions this broker owns; on __consumer_offsets partitions they complete"
          + " the pending transactional offsets");

  private static final Map<ApiKeys, SupportedApis> BY_KEY = new EnumMap<>(ApiKeys.class);

  static {
    for (SupportedApis api : values()) {
      BY_KEY.put(api.apiKey, api);
    }
  }

  private final ApiKeys apiKey;
  private final String notes;
  private final short minServedVersion;
  private final short maxServedVersion;
  private final short minAdvertisedVersion;
  private final short maxAdvertisedVersion;

  SupportedApis(ApiKeys apiKey, String notes) {
    this.apiKey = apiKey;
    this.notes = notes;
    ApiVersion advertised =
        apiKey
            .toApiVersionForApiResponse(false, ApiMessageType.ListenerType.BROKER)
            .orElseThrow(() -> new IllegalStateException(apiKey + " has no stable broker version"));
    this.minAdvertisedVersion = advertised.minVersion();
    this.maxAdvertisedVersion = advertised.maxVersion();
    this.minServedVersion = (short) Math.max(apiKey.oldestVersion(), advertised.minVersion());
    this.maxServedVersion = advertised.maxVersion();
  }

  public ApiKeys apiKey() {
    return apiKey;
  }

  /** Lowest version the decoder accepts. */
  public short minServedVersion() {
    return minServedVersion;
  }

  /** Highest version the decoder accepts (the latest stable one). */
  public short maxServedVersion() {
    return maxServedVersion;
  }

  /** Lowest version advertised in ApiVersions (may be below {@link #minServedVersion()}). */
  public short minAdvertisedVersion() {
    return minAdvertisedVersion;
  }

  public short maxAdvertisedVersion() {
    return maxAdvertisedVersion;
  }

  /** What a user should know about how the API is served; empty when nothing. */
  public String notes() {
    return notes;
  }

  /** The entry for {@code apiKey}, empty when the API is not served. */
  public static Optional<SupportedApis> of(ApiKeys apiKey) {
    return Optional.ofNullable(BY_KEY.get(apiKey));
  }

  /** Whether a request for {@code apiKey} at {@code version} is decoded and answered. */
  public static boolean isServed(ApiKeys apiKey, short version) {
    SupportedApis api = BY_KEY.get(apiKey);
    return api != null && version >= api.minServedVersion && version <= api.maxServedVersion;
  }

  /**
   * The ApiVersions entries, one per served API. A new collection each call: the entries of a
   * kafka-clients collection can belong to one collection only.
   */
  public static ApiVersionCollection advertised() {
    ApiVersionCollection collection = new ApiVersionCollection(values().length);
    for (SupportedApis api : values()) {
      collection.add(
          new ApiVersion()
              .setApiKey(api.apiKey.id)
              .setMinVersion(api.minAdvertisedVersion)
              .setMaxVersion(api.maxAdvertisedVersion));
    }
    return collection;
  }
}
