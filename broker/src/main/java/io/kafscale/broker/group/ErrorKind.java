/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.group;

/**
 * The outcome of one group request, named after the Kafka error it becomes. The handler layer maps
 * each value to {@code org.apache.kafka.common.protocol.Errors}; this package stays free of
 * kafka-clients.
 */
public enum ErrorKind {
  NONE,
  /** The group is dead (deleted or unloaded); the client looks the coordinator up again. */
  COORDINATOR_NOT_AVAILABLE,
  UNKNOWN_MEMBER_ID,
  /** KIP-394: the join carried no member id; the response carries the id to rejoin with. */
  MEMBER_ID_REQUIRED,
  ILLEGAL_GENERATION,
  REBALANCE_IN_PROGRESS,
  /** KIP-345: another member id now holds this group.instance.id. */
  FENCED_INSTANCE_ID,
  INCONSISTENT_GROUP_PROTOCOL,
  INVALID_SESSION_TIMEOUT,
  GROUP_MAX_SIZE_REACHED,
  NON_EMPTY_GROUP,
  GROUP_ID_NOT_FOUND,
  /** OffsetDelete of a topic the group's members consume. */
  GROUP_SUBSCRIBED_TO_TOPIC
}
