/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.fetch;

import io.kafscale.storage.log.PartitionLog;
import org.apache.kafka.common.message.FetchRequestData.FetchPartition;
import org.apache.kafka.common.message.FetchRequestData.FetchTopic;
import org.apache.kafka.common.protocol.Errors;

/**
 * One requested partition after topic resolution: either its open {@code log} (with the topic's
 * name for metrics) or the {@code error} to answer without reading.
 */
record FetchTarget(
    FetchTopic topic, FetchPartition partition, String topicName, PartitionLog log, Errors error) {

  static FetchTarget failed(FetchTopic topic, FetchPartition partition, Errors error) {
    return new FetchTarget(topic, partition, null, null, error);
  }

  /** A partition of a known topic that this broker does not own. */
  static FetchTarget notLeader(FetchTopic topic, FetchPartition partition, String topicName) {
    return new FetchTarget(topic, partition, topicName, null, Errors.NOT_LEADER_OR_FOLLOWER);
  }

  /** The error decided before reading: resolution failures and leader epoch mismatches. */
  Errors precheck() {
    if (error != null) {
      return error;
    }
    int requested = partition.currentLeaderEpoch();
    if (requested >= 0 && requested < log.epoch()) {
      return Errors.FENCED_LEADER_EPOCH;
    }
    if (requested > log.epoch()) {
      return Errors.UNKNOWN_LEADER_EPOCH;
    }
    return Errors.NONE;
  }
}
