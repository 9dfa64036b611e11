/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import io.kafscale.metadata.model.PartitionRef;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.protocol.Errors;

/** The answer to one {@link TxnEvent.Request}, in Kafka's error codes. Immutable. */
public sealed interface TxnReply {

  /** Answer to InitProducerId; on error the id and epoch are -1, as Kafka sends them. */
  record InitProducerId(Errors error, long producerId, short producerEpoch) implements TxnReply {
    public InitProducerId {
      Objects.requireNonNull(error, "error");
    }

    static InitProducerId failed(Errors error) {
      return new InitProducerId(error, ProducerEpoch.NO_PRODUCER_ID, ProducerEpoch.NO_EPOCH);
    }
  }

  /** Answer to AddPartitionsToTxn: one error per requested partition. */
  record AddPartitions(SortedMap<PartitionRef, Errors> errors) implements TxnReply {
    public AddPartitions {
      errors = Collections.unmodifiableSortedMap(new TreeMap<>(errors));
    }

    static AddPartitions all(Iterable<PartitionRef> partitions, Errors error) {
      TreeMap<PartitionRef, Errors> errors = new TreeMap<>();
      partitions.forEach(p -> errors.put(p, error));
      return new AddPartitions(errors);
    }

    /** Whether every partition was answered NONE. */
    public boolean succeeded() {
      return errors.values().stream().allMatch(e -> e == Errors.NONE);
    }

    static AddPartitions of(Map<PartitionRef, Errors> errors) {
      return new AddPartitions(new TreeMap<>(errors));
    }
  }

  /** Answer to AddOffsetsToTxn or EndTxn. */
  record Status(Errors error) implements TxnReply {
    public Status {
      Objects.requireNonNull(error, "error");
    }
  }
}
