/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import io.kafscale.storage.producer.ProducerSnapshot;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.protocol.Errors;

/**
 * KIP-890 part 1 decisions of a partition owner, as Kafka's ReplicaManager and
 * AddPartitionsToTxnManager make them: which produced batches need the transaction coordinator to
 * confirm that their partition is in the producer's transaction, and which produce error a
 * coordinator answer becomes. Pure.
 */
public final class ProduceVerification {
  /** Produce versions up to this one get INVALID_TXN_STATE instead of TRANSACTION_ABORTABLE. */
  static final short LAST_DEFAULT_ERROR_VERSION = 10;

  static final String NOT_ADDED = "Partition was not added to the transaction";
  static final String UNVERIFIED =
      "Unable to verify the partition has been added to the transaction. Underlying error: ";

  // Offsets inside a magic-v2 batch header (Kafka's DefaultRecordBatch layout).
  private static final int ATTRIBUTES = 21;
  private static final int PRODUCER_ID = 43;
  private static final int PRODUCER_EPOCH = 51;
  private static final int HEADER_BYTES = 61;
  private static final int MAGIC = 16;
  private static final short TRANSACTIONAL_FLAG = 0x10;

  private ProduceVerification() {}

  /** The producer of a transactional batch. */
  public record TxnProducer(long producerId, short producerEpoch) {}

  /** A produce partition refused before its append: the error and its message. */
  public record Rejection(Errors error, String message) {}

  /**
   * The producer of the first batch of {@code records} when it is a transactional magic-v2 batch;
   * empty otherwise (too short or another magic: the log's validation rejects those). Reads
   * absolute positions only; the buffer is not changed.
   */
  public static Optional<TxnProducer> transactionalProducer(ByteBuffer records) {
    int base = records.position();
    if (records.remaining() < HEADER_BYTES || records.get(base + MAGIC) != 2) {
      return Optional.empty();
    }
    short attributes = records.getShort(base + ATTRIBUTES);
    long producerId = records.getLong(base + PRODUCER_ID);
    if ((attributes & TRANSACTIONAL_FLAG) == 0 || producerId < 0) {
      return Optional.empty();
    }
    return Optional.of(new TxnProducer(producerId, records.getShort(base + PRODUCER_EPOCH)));
  }

  /**
   * Kafka's {@code hasOngoingTransaction(producerId, producerEpoch)}: the coordinator needs to be
   * asked unless the partition already holds an ongoing transaction of this producer at this epoch.
   */
  public static boolean needsVerification(TxnProducer producer, List<ProducerSnapshot> states) {
    for (ProducerSnapshot s : states) {
      if (s.producerId() == producer.producerId()) {
        return !(s.hasOngoingTxn() && s.producerEpoch() == producer.producerEpoch());
      }
    }
    return true;
  }

  /**
   * The produce error for a partition the coordinator answered {@code answer} for (empty: append
   * it). As Kafka: PRODUCER_FENCED becomes INVALID_PRODUCER_EPOCH; TRANSACTION_ABORTABLE stays for
   * Produce v11+ and becomes INVALID_TXN_STATE below; coordinator unavailability, loading,
   * movement, concurrent transactions (transaction version 1) and transport failures become the
   * retriable NOT_ENOUGH_REPLICAS, which refreshes no metadata; CLUSTER_AUTHORIZATION_FAILED of the
   * broker-to-broker call becomes INVALID_TXN_STATE.
   */
  public static Optional<Rejection> rejection(Errors answer, short produceVersion) {
    Errors error =
        switch (answer) {
          case PRODUCER_FENCED -> Errors.INVALID_PRODUCER_EPOCH;
          case CLUSTER_AUTHORIZATION_FAILED -> Errors.INVALID_TXN_STATE;
          case TRANSACTION_ABORTABLE ->
              produceVersion <= LAST_DEFAULT_ERROR_VERSION
                  ? Errors.INVALID_TXN_STATE
                  : Errors.TRANSACTION_ABORTABLE;
          default -> answer;
        };
    return switch (error) {
      case NONE -> Optional.empty();
      case INVALID_TXN_STATE -> Optional.of(new Rejection(error, NOT_ADDED));
      case NETWORK_EXCEPTION,
          COORDINATOR_LOAD_IN_PROGRESS,
          COORDINATOR_NOT_AVAILABLE,
          NOT_COORDINATOR,
          CONCURRENT_TRANSACTIONS ->
          Optional.of(new Rejection(Errors.NOT_ENOUGH_REPLICAS, UNVERIFIED + error.name()));
      default -> Optional.of(new Rejection(error, null));
    };
  }
}
