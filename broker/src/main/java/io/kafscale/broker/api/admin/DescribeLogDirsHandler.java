/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.admin;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.protocol.frame.RequestFrame;
import io.kafscale.storage.log.PartitionLog;
import io.kafscale.storage.log.SegmentRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.DescribeLogDirsRequestData.DescribableLogDirTopic;
import org.apache.kafka.common.message.DescribeLogDirsResponseData;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsPartition;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsResult;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsTopic;
import org.apache.kafka.common.protocol.Errors;

/**
 * DescribeLogDirs: this broker has one log dir (its object namespace, named {@code "/" +
 * namespace}); it lists the partitions this broker owns, each with the bytes of its committed
 * segments. Partitions owned elsewhere and unknown topics are left out, as Kafka leaves out
 * replicas a broker does not host. Nothing is replicated or moved between dirs, so the offset lag
 * is 0 and no future replica exists; the dir's total and usable bytes are unknown (-1). Stateless
 * and thread-safe.
 */
public final class DescribeLogDirsHandler implements ApiHandler<DescribeLogDirsRequestData> {
  private final TopicManager topics;
  private final String logDir;

  /**
   * @param namespace the object-key namespace of this cluster
   */
  public DescribeLogDirsHandler(TopicManager topics, String namespace) {
    this.topics = topics;
    this.logDir = logDirOf(namespace);
  }

  /** The log dir name reported for {@code namespace}. */
  public static String logDirOf(String namespace) {
    return "/" + (namespace == null ? "" : namespace);
  }

  @Override
  public CompletionStage<DescribeLogDirsResponseData> handle(
      RequestContext context, RequestFrame frame, DescribeLogDirsRequestData request) {
    DescribeLogDirsResult dir =
        new DescribeLogDirsResult()
            .setErrorCode(Errors.NONE.code())
            .setLogDir(logDir)
            .setTotalBytes(-1)
            .setUsableBytes(-1);
    for (TopicRecord topic : requested(request)) {
      DescribeLogDirsTopic out = describe(topic, request);
      if (!out.partitions().isEmpty()) {
        dir.topics().add(out);
      }
    }
    return CompletableFuture.completedFuture(
        new DescribeLogDirsResponseData()
            .setErrorCode(Errors.NONE.code())
            .setResults(new ArrayList<>(List.of(dir))));
  }

  /** Every topic when {@code topics} is null (Kafka's "all"), else the known requested ones. */
  private List<TopicRecord> requested(DescribeLogDirsRequestData request) {
    if (request.topics() == null) {
      return List.copyOf(topics.image().byName().values());
    }
    List<TopicRecord> out = new ArrayList<>();
    for (DescribableLogDirTopic t : request.topics()) {
      topics.topic(t.topic()).ifPresent(out::add);
    }
    return out;
  }

  private DescribeLogDirsTopic describe(TopicRecord topic, DescribeLogDirsRequestData request) {
    List<Integer> wanted = partitionsWanted(topic, request);
    DescribeLogDirsTopic out = new DescribeLogDirsTopic().setName(topic.name());
    for (int p : wanted) {
      Optional<PartitionLog> log = topics.log(topic.name(), p);
      if (log.isPresent()) {
        out.partitions()
            .add(
                new DescribeLogDirsPartition()
                    .setPartitionIndex(p)
                    .setPartitionSize(sizeOf(log.get()))
                    .setOffsetLag(0)
                    .setIsFutureKey(false));
      }
    }
    return out;
  }

  private static List<Integer> partitionsWanted(
      TopicRecord topic, DescribeLogDirsRequestData request) {
    List<Integer> all = new ArrayList<>();
    if (request.topics() == null) {
      for (int p = 0; p < topic.partitionCount(); p++) {
        all.add(p);
      }
      return all;
    }
    for (DescribableLogDirTopic t : request.topics()) {
      if (t.topic().equals(topic.name())) {
        t.partitions().stream()
            .filter(p -> p >= 0 && p < topic.partitionCount() && !all.contains(p))
            .forEach(all::add);
      }
    }
    return all;
  }

  private static long sizeOf(PartitionLog log) {
    long size = 0;
    for (SegmentRef s : log.segments()) {
      size += s.length();
    }
    return size;
  }
}
