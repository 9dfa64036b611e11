/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import io.kafscale.metadata.model.PartitionRef;
import io.kafscale.metadata.model.TransactionRecord;
import io.kafscale.proto.metadata.v1.TransactionMetadata;
import io.kafscale.proto.metadata.v1.TransactionState;
import io.kafscale.proto.metadata.v1.TransactionTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link TransactionRecord} as the {@code TransactionMetadata} protobuf message. Epochs are widened
 * to int32 on the way out and checked on the way back. Stateless and thread-safe; decoding fails
 * with {@link CorruptValueException}.
 */
public final class TransactionCodec {
  private TransactionCodec() {}

  public static byte[] encode(TransactionRecord t) {
    TransactionMetadata.Builder b =
        TransactionMetadata.newBuilder()
            .setTransactionalId(t.transactionalId())
            .setProducerId(t.producerId())
            .setLastProducerId(t.lastProducerId())
            .setProducerEpoch(t.producerEpoch())
            .setLastProducerEpoch(t.lastProducerEpoch())
            .setTimeoutMs(t.timeoutMs())
            .setState(toProto(t.state()))
            .setTxnStartTimeMs(t.txnStartTimeMs())
            .setLastUpdateTimeMs(t.lastUpdateTimeMs())
            .setCoordinatorEpoch(t.coordinatorEpoch());
    Map<String, List<Integer>> byTopic = new TreeMap<>();
    for (PartitionRef p : t.partitions()) {
      byTopic.computeIfAbsent(p.topic(), k -> new ArrayList<>()).add(p.partition());
    }
    byTopic.forEach(
        (topic, partitions) ->
            b.addPartitions(
                TransactionTopic.newBuilder().setTopic(topic).addAllPartitions(partitions)));
    return b.build().toByteArray();
  }

  public static TransactionRecord decode(byte[] bytes) {
    TransactionMetadata m;
    try {
      m = TransactionMetadata.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptValueException(
          "stored value is not a valid TransactionMetadata: " + e.getMessage(), e);
    }
    TreeSet<PartitionRef> partitions = new TreeSet<>();
    for (TransactionTopic topic : m.getPartitionsList()) {
      topic.getPartitionsList().forEach(p -> partitions.add(new PartitionRef(topic.getTopic(), p)));
    }
    return new TransactionRecord(
        m.getTransactionalId(),
        m.getProducerId(),
        m.getLastProducerId(),
        epoch(m.getProducerEpoch()),
        epoch(m.getLastProducerEpoch()),
        m.getTimeoutMs(),
        fromProto(m.getState()),
        partitions,
        m.getTxnStartTimeMs(),
        m.getLastUpdateTimeMs(),
        m.getCoordinatorEpoch());
  }

  private static short epoch(int widened) {
    if (widened < Short.MIN_VALUE || widened > Short.MAX_VALUE) {
      throw new CorruptValueException("producer epoch out of range: " + widened, null);
    }
    return (short) widened;
  }

  private static TransactionState toProto(TransactionRecord.Status s) {
    return switch (s) {
      case EMPTY -> TransactionState.TRANSACTION_STATE_EMPTY;
      case ONGOING -> TransactionState.TRANSACTION_STATE_ONGOING;
      case PREPARE_COMMIT -> TransactionState.TRANSACTION_STATE_PREPARE_COMMIT;
      case PREPARE_ABORT -> TransactionState.TRANSACTION_STATE_PREPARE_ABORT;
      case COMPLETE_COMMIT -> TransactionState.TRANSACTION_STATE_COMPLETE_COMMIT;
      case COMPLETE_ABORT -> TransactionState.TRANSACTION_STATE_COMPLETE_ABORT;
      case DEAD -> TransactionState.TRANSACTION_STATE_DEAD;
      case PREPARE_EPOCH_FENCE -> TransactionState.TRANSACTION_STATE_PREPARE_EPOCH_FENCE;
    };
  }

  private static TransactionRecord.Status fromProto(TransactionState s) {
    return switch (s) {
      case TRANSACTION_STATE_EMPTY -> TransactionRecord.Status.EMPTY;
      case TRANSACTION_STATE_ONGOING -> TransactionRecord.Status.ONGOING;
      case TRANSACTION_STATE_PREPARE_COMMIT -> TransactionRecord.Status.PREPARE_COMMIT;
      case TRANSACTION_STATE_PREPARE_ABORT -> TransactionRecord.Status.PREPARE_ABORT;
      case TRANSACTION_STATE_COMPLETE_COMMIT -> TransactionRecord.Status.COMPLETE_COMMIT;
      case TRANSACTION_STATE_COMPLETE_ABORT -> TransactionRecord.Status.COMPLETE_ABORT;
      case TRANSACTION_STATE_DEAD -> TransactionRecord.Status.DEAD;
      case TRANSACTION_STATE_PREPARE_EPOCH_FENCE -> TransactionRecord.Status.PREPARE_EPOCH_FENCE;
      case TRANSACTION_STATE_UNSPECIFIED, UNRECOGNIZED ->
          throw new CorruptValueException("unknown transaction state " + s, null);
    };
  }
}
