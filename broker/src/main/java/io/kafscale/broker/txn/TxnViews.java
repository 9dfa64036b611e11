/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import io.kafscale.metadata.model.PartitionRef;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.message.DescribeTransactionsResponseData;
import org.apache.kafka.common.message.ListTransactionsRequestData;
import org.apache.kafka.common.message.ListTransactionsResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * DescribeTransactions and ListTransactions answers built from coordinator states, as Kafka's
 * coordinator builds them: Dead ids are invisible, state names are Kafka's, unknown state filters
 * are echoed back, the duration filter (v1) keeps transactions running longer than it, and the
 * transactional-id pattern (v2) is a Java regular expression matched against the whole id. Pure.
 */
public final class TxnViews {
  private TxnViews() {}

  /** One DescribeTransactions entry for {@code transactionalId}. */
  public static DescribeTransactionsResponseData.TransactionState describe(
      String transactionalId, Optional<TxnMetadata> txn) {
    DescribeTransactionsResponseData.TransactionState out =
        new DescribeTransactionsResponseData.TransactionState().setTransactionalId(transactionalId);
    if (txn.isEmpty() || txn.get().state() == TxnState.DEAD) {
      return out.setErrorCode(Errors.TRANSACTIONAL_ID_NOT_FOUND.code());
    }
    TxnMetadata t = txn.get();
    DescribeTransactionsResponseData.TopicDataCollection topics =
        new DescribeTransactionsResponseData.TopicDataCollection();
    for (PartitionRef p : t.partitions()) {
      DescribeTransactionsResponseData.TopicData topic = topics.find(p.topic());
      if (topic == null) {
        topic = new DescribeTransactionsResponseData.TopicData().setTopic(p.topic());
        topics.add(topic);
      }
      topic.partitions().add(p.partition());
    }
    return out.setErrorCode(Errors.NONE.code())
        .setProducerId(t.producerId())
        .setProducerEpoch(t.producerEpoch())
        .setTransactionState(t.state().kafkaName())
        .setTransactionTimeoutMs(t.timeoutMs())
        .setTransactionStartTimeMs(t.txnStartTimeMs())
        .setTopics(topics);
  }

  /**
   * The ListTransactions answer for the states of one coordinator (sorted by id); the handler
   * merges those of all its partitions. {@code durationFilter} &lt; 0 means none.
   */
  public static ListTransactionsResponseData list(
      Collection<TxnMetadata> txns, ListTransactionsRequestData request, long nowMs) {
    ListTransactionsResponseData out = new ListTransactionsResponseData();
    Set<TxnState> states = EnumSet.noneOf(TxnState.class);
    for (String name : request.stateFilters()) {
      TxnState.fromKafkaName(name)
          .ifPresentOrElse(states::add, () -> out.unknownStateFilters().add(name));
    }
    Set<Long> producerIds = Set.copyOf(request.producerIdFilters());
    String patternText = request.transactionalIdPattern();
    Optional<Pattern> pattern =
        patternText == null || patternText.isEmpty()
            ? Optional.empty()
            : Optional.of(Pattern.compile(patternText));
    txns.stream()
        .sorted((a, b) -> a.transactionalId().compareTo(b.transactionalId()))
        .filter(t -> t.state() != TxnState.DEAD)
        .filter(t -> producerIds.isEmpty() || producerIds.contains(t.producerId()))
        .filter(t -> request.stateFilters().isEmpty() || states.contains(t.state()))
        .filter(
            t ->
                request.durationFilter() < 0
                    || nowMs - t.txnStartTimeMs() > request.durationFilter())
        .filter(t -> pattern.map(p -> p.matcher(t.transactionalId()).matches()).orElse(true))
        .forEach(
            t ->
                out.transactionStates()
                    .add(
                        new ListTransactionsResponseData.TransactionState()
                            .setTransactionalId(t.transactionalId())
                            .setProducerId(t.producerId())
                            .setTransactionState(t.state().kafkaName())));
    return out.setErrorCode(Errors.NONE.code());
  }
}
