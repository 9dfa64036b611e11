/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api;

import static org.awaitility.Awaitility.await;

import io.kafscale.broker.api.auth.SecuredApis;
import io.kafscale.broker.cluster.ClusterNode;
import io.kafscale.broker.cluster.ClusterSettings;
import io.kafscale.broker.group.CoordinatorPartitions;
import io.kafscale.broker.partition.MetadataSegmentCommitter;
import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.StoreMetadata;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import io.kafscale.protocol.codec.KafkaFrameEncoder;
import io.kafscale.protocol.frame.RequestFrame;
import io.kafscale.protocol.frame.ResponseFrame;
import io.kafscale.storage.log.PartitionLogFactory;
import io.kafscale.storage.log.PartitionLogOpener;
import io.kafscale.storage.log.StorageConfig;
import io.kafscale.storage.objectstore.memory.InMemoryObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * A started {@link KafkaApis} over in-memory metadata and object stores with real partition logs
 * (fast flushes), a manual clock and scheduler for long polls and timeouts. Every response is also
 * encoded at its request version, so version-specific field mistakes fail the test.
 */
public final class ApiTestContext implements AutoCloseable {
  public static final int BROKER_ID = 1;

  public final ManualClock clock = new ManualClock();
  public final ManualScheduler scheduler = new ManualScheduler(clock);
  public final InMemoryObjectStore objects = new InMemoryObjectStore();
  public final Metadata metadata = StoreMetadata.open(new InMemoryMetadataStore(Clock.systemUTC()));
  public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  public final PartitionLogFactory logs;
  public final ClusterNode node;
  public final KafkaApis apis;

  /** What a broker with authorization disabled serves: {@link #apis} behind the security chain. */
  public final RequestHandler served;

  public ApiTestContext() {
    this(true);
  }

  public ApiTestContext(boolean autoCreate) {
    logs =
        new PartitionLogFactory(
                objects,
                new MetadataSegmentCommitter(metadata.partitions()),
                new StorageConfig("test", 1 << 20, Duration.ofMillis(1), 16 << 20, 4096),
                Clock.systemUTC(),
                meters)
            .withBatchRewriter(
                io.kafscale.storage.compaction.BatchRewriter.of(
                    (b, sink) ->
                        io.kafscale.protocol.records.KafkaBatchRewriter.scan(b, sink::record),
                    io.kafscale.protocol.records.KafkaBatchRewriter::retain));
    ApiSettings settings =
        new ApiSettings(BROKER_ID, "127.0.0.1", 9092, null, autoCreate, 2, (short) 1, "test");
    node = startNode(logs);
    awaitCoordinatorPartitionsOwned();
    // One broker: transaction markers never leave it, so the inter-broker client refuses.
    apis =
        new KafkaApis(
            settings,
            metadata,
            node.topics(),
            node.view(),
            meters,
            clock,
            scheduler,
            (broker, key, version, request) ->
                java.util.concurrent.CompletableFuture.failedFuture(
                    new IllegalStateException("no other brokers")));
    served = SecuredApis.around(apis, Optional.empty(), node.topics(), autoCreate);
  }

  /**
   * Waits until the controller created the group coordinator topic and every partition of it has an
   * owner, so coordinator lookups do not depend on how fast the node settled.
   */
  private void awaitCoordinatorPartitionsOwned() {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                node.view()
                    .image()
                    .topic(CoordinatorPartitions.TOPIC)
                    .map(
                        t ->
                            IntStream.range(0, t.partitionCount())
                                .allMatch(p -> node.view().leader(t.name(), p).isPresent()))
                    .orElse(false));
  }

  /** Starts a (further) cluster node as broker {@link #BROKER_ID} over this context's stores. */
  public ClusterNode startNode(PartitionLogOpener opener) {
    return startNode(BROKER_ID, 9092, opener);
  }

  /**
   * Starts another broker's cluster node (advertised at 127.0.0.1:{@code port}) over these stores.
   */
  public ClusterNode startNode(int brokerId, int port, PartitionLogOpener opener) {
    return ClusterNode.start(
            metadata,
            opener,
            objects,
            new BrokerRecord(
                brokerId, "127.0.0.1", port, Optional.empty(), 0, false, UUID.randomUUID() + ""),
            ClusterSettings.of(Duration.ofSeconds(10), Duration.ofSeconds(5)),
            Clock.systemUTC(),
            meters,
            reason -> {
              throw new AssertionError(reason);
            })
        .join();
  }

  /** Sends a request and waits for its response (null when there is none). */
  @SuppressWarnings("unchecked")
  public <R extends ApiMessage> R call(ApiKeys key, int version, ApiMessage body) {
    try {
      return (R) callAsync(key, version, body).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Sends a request; the future completes with the (already encoded once) response. */
  public CompletableFuture<ApiMessage> callAsync(ApiKeys key, int version, ApiMessage body) {
    short v = (short) version;
    RequestHeaderData header =
        new RequestHeaderData()
            .setRequestApiKey(key.id)
            .setRequestApiVersion(v)
            .setCorrelationId(7)
            .setClientId("test");
    RequestFrame frame = new RequestFrame(key, v, header, body, 0, Unpooled.EMPTY_BUFFER);
    return served
        .handle(new RequestContext(1, null, "test"), frame)
        .toCompletableFuture()
        .thenApply(
            response -> {
              if (response != null) {
                ByteBuf encoded =
                    KafkaFrameEncoder.encode(
                        UnpooledByteBufAllocator.DEFAULT, new ResponseFrame(key, v, 7, response));
                encoded.release();
              }
              return response;
            });
  }

  /** Creates a topic through CreateTopics and returns its result. */
  public CreateTopicsResponseData.CreatableTopicResult createTopic(
      String name, int partitions, Map<String, String> configs) {
    CreatableTopic topic =
        new CreatableTopic()
            .setName(name)
            .setNumPartitions(partitions)
            .setReplicationFactor((short) -1);
    configs.forEach(
        (k, val) -> topic.configs().add(new CreatableTopicConfig().setName(k).setValue(val)));
    CreateTopicsRequestData request = new CreateTopicsRequestData().setTimeoutMs(1000);
    request.topics().add(topic);
    CreateTopicsResponseData response = call(ApiKeys.CREATE_TOPICS, 7, request);
    return response.topics().iterator().next();
  }

  @Override
  public void close() {
    apis.close();
    node.close();
    logs.close();
    objects.close();
    metadata.close();
  }
}
