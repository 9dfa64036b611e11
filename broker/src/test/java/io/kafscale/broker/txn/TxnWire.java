/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.txn;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTopic;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTopicCollection;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData;
import org.apache.kafka.common.message.ApiMessageType;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;

/**
 * A blocking Kafka-protocol connection for transaction tests that must do what no client does, e.g.
 * produce transactionally to a partition never added to the transaction: kafka-clients' message
 * classes over a plain loopback socket, one request at a time. Not thread-safe.
 */
public final class TxnWire implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private int correlationId;

  public TxnWire(int port) {
    try {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(30_000);
      in = new DataInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends {@code body} as {@code api} v{@code version} and returns the response body. */
  public ApiMessage send(ApiKeys api, short version, ApiMessage body) {
    int id = ++correlationId;
    RequestHeaderData header =
        new RequestHeaderData()
            .setRequestApiKey(api.id)
            .setRequestApiVersion(version)
            .setCorrelationId(id)
            .setClientId("txn-wire");
    short headerVersion = api.requestHeaderVersion(version);
    ObjectSerializationCache cache = new ObjectSerializationCache();
    int size = header.size(cache, headerVersion) + body.size(cache, version);
    ByteBuffer buffer = ByteBuffer.allocate(4 + size);
    buffer.putInt(size);
    ByteBufferAccessor writer = new ByteBufferAccessor(buffer);
    header.write(writer, cache, headerVersion);
    body.write(writer, cache, version);
    try {
      out.write(buffer.array());
      out.flush();
      byte[] frame = new byte[in.readInt()];
      in.readFully(frame);
      ByteBufferAccessor reader = new ByteBufferAccessor(ByteBuffer.wrap(frame));
      ResponseHeaderData responseHeader =
          new ResponseHeaderData(reader, api.responseHeaderVersion(version));
      if (responseHeader.correlationId() != id) {
        throw new IllegalStateException("correlation id " + responseHeader.correlationId());
      }
      ApiMessage response = ApiMessageType.fromApiKey(api.id).newResponse();
      response.read(reader, version);
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The node id of {@code transactionalId}'s coordinator (FindCoordinator v3). */
  public int coordinatorOf(String transactionalId) {
    return findCoordinator(transactionalId).nodeId();
  }

  /** The Kafka port of {@code transactionalId}'s coordinator (FindCoordinator v3). */
  public int coordinatorPortOf(String transactionalId) {
    return findCoordinator(transactionalId).port();
  }

  private FindCoordinatorResponseData findCoordinator(String transactionalId) {
    FindCoordinatorResponseData r =
        (FindCoordinatorResponseData)
            send(
                ApiKeys.FIND_COORDINATOR,
                (short) 3,
                new FindCoordinatorRequestData().setKey(transactionalId).setKeyType((byte) 1));
    if (r.errorCode() != Errors.NONE.code()) {
      throw new IllegalStateException("FindCoordinator: " + Errors.forCode(r.errorCode()));
    }
    return r;
  }

  /** InitProducerId v4 for {@code transactionalId}, sent to its coordinator. */
  public InitProducerIdResponseData initProducerId(String transactionalId) {
    return (InitProducerIdResponseData)
        send(
            ApiKeys.INIT_PRODUCER_ID,
            (short) 4,
            new InitProducerIdRequestData()
                .setTransactionalId(transactionalId)
                .setTransactionTimeoutMs(60_000)
                .setProducerId(-1)
                .setProducerEpoch((short) -1));
  }

  /** AddPartitionsToTxn v3 (the client form) of one partition; its error. */
  public Errors addPartition(
      String transactionalId, long producerId, short epoch, String topic, int partition) {
    AddPartitionsToTxnTopicCollection topics = new AddPartitionsToTxnTopicCollection();
    topics.add(new AddPartitionsToTxnTopic().setName(topic).setPartitions(List.of(partition)));
    AddPartitionsToTxnResponseData r =
        (AddPartitionsToTxnResponseData)
            send(
                ApiKeys.ADD_PARTITIONS_TO_TXN,
                (short) 3,
                new AddPartitionsToTxnRequestData()
                    .setV3AndBelowTransactionalId(transactionalId)
                    .setV3AndBelowProducerId(producerId)
                    .setV3AndBelowProducerEpoch(epoch)
                    .setV3AndBelowTopics(topics));
    return Errors.forCode(
        r.resultsByTopicV3AndBelow()
            .iterator()
            .next()
            .resultsByPartition()
            .iterator()
            .next()
            .partitionErrorCode());
  }

  /**
   * One transactional batch for {@code topic}-{@code partition} at sequence {@code sequence},
   * Produce v{@code version} (topic by name, so v3-12) with acks=-1; the partition's answer.
   */
  public ProduceResponseData.PartitionProduceResponse produce(
      short version,
      String transactionalId,
      long producerId,
      short epoch,
      int sequence,
      String topic,
      int partition) {
    MemoryRecords records =
        MemoryRecords.withTransactionalRecords(
            Compression.NONE, producerId, epoch, sequence, new SimpleRecord("v".getBytes()));
    ProduceRequestData.TopicProduceDataCollection topics =
        new ProduceRequestData.TopicProduceDataCollection();
    topics.add(
        new ProduceRequestData.TopicProduceData()
            .setName(topic)
            .setPartitionData(
                List.of(
                    new ProduceRequestData.PartitionProduceData()
                        .setIndex(partition)
                        .setRecords(records))));
    ProduceResponseData r =
        (ProduceResponseData)
            send(
                ApiKeys.PRODUCE,
                version,
                new ProduceRequestData()
                    .setTransactionalId(transactionalId)
                    .setAcks((short) -1)
                    .setTimeoutMs(30_000)
                    .setTopicData(topics));
    return r.responses().iterator().next().partitionResponses().get(0);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing a test socket: nothing to do.
    }
  }
}
