/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.cluster;

import io.kafscale.broker.group.CoordinatorPartitions;
import io.kafscale.broker.txn.TransactionPartitions;
import io.kafscale.metadata.cluster.ClusterImage;
import io.kafscale.metadata.model.AssignmentRecord;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.metadata.model.TopicRecord;
import io.kafscale.metadata.registry.ControllerRegistry;
import io.kafscale.metadata.registry.TopicExistsException;
import io.kafscale.metadata.registry.TopicRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on every broker; on the one that holds the controller key it keeps the topic assignments
 * balanced over the live, non-draining brokers with {@link PartitionPlacement}. Brokers without a
 * controller in their image try to become it, unless {@code candidate} says they are leaving.
 * Re-evaluates after every image change, one evaluation at a time (changes that arrive meanwhile
 * cause one more). Thread-safe.
 */
public final class Controller {
  private static final Logger LOG = LoggerFactory.getLogger(Controller.class);
  private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

  private final ControllerRegistry registry;
  private final Supplier<ClusterImage> images;
  private final Supplier<BrokerSession> sessions;
  private final BooleanSupplier candidate;
  private boolean running;
  private boolean again;
  private volatile PlanInputs lastPlanned; // only touched by the one running evaluation
  private final TopicRegistry topics;
  private final int coordinatorPartitions;
  private final int transactionPartitions;

  /** A controller that creates no internal topics. */
  public Controller(
      ControllerRegistry registry,
      Supplier<ClusterImage> images,
      Supplier<BrokerSession> sessions,
      BooleanSupplier candidate) {
    this(registry, images, sessions, candidate, null, 0);
  }

  /**
   * A controller that also creates the group coordinators' internal topic {@value
   * CoordinatorPartitions#TOPIC} with {@code coordinatorPartitions} partitions when it is missing.
   */
  public Controller(
      ControllerRegistry registry,
      Supplier<ClusterImage> images,
      Supplier<BrokerSession> sessions,
      BooleanSupplier candidate,
      TopicRegistry topics,
      int coordinatorPartitions) {
    this(
        registry,
        images,
        sessions,
        candidate,
        topics,
        coordinatorPartitions,
        TransactionPartitions.DEFAULT_COUNT);
  }

  /**
   * A controller that also creates the transaction coordinators' internal topic {@value
   * TransactionPartitions#TOPIC} with {@code transactionPartitions} partitions when it is missing.
   */
  public Controller(
      ControllerRegistry registry,
      Supplier<ClusterImage> images,
      Supplier<BrokerSession> sessions,
      BooleanSupplier candidate,
      TopicRegistry topics,
      int coordinatorPartitions,
      int transactionPartitions) {
    this.registry = registry;
    this.transactionPartitions = transactionPartitions;
    this.images = images;
    this.sessions = sessions;
    this.candidate = candidate;
    this.topics = topics;
    this.coordinatorPartitions = coordinatorPartitions;
  }

  /** Asks for an evaluation of the latest image (coalesced with any running one). */
  public void evaluate() {
    synchronized (this) {
      if (running) {
        again = true;
        return;
      }
      running = true;
    }
    CompletableFuture<Void> once;
    try {
      once = runOnce();
    } catch (RuntimeException e) {
      once = CompletableFuture.failedFuture(e); // never leave "running" set
    }
    once.whenComplete(
        (v, e) -> {
          if (e != null) {
            LOG.warn("controller evaluation failed, retrying error={}", e.toString());
            // Nothing else may change to trigger the next attempt.
            CompletableFuture.delayedExecutor(RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS)
                .execute(this::evaluate);
          }
          boolean repeat;
          synchronized (this) {
            repeat = again;
            again = false;
            running = false;
          }
          if (repeat) {
            evaluate();
          }
        });
  }

  private CompletableFuture<Void> runOnce() {
    BrokerSession session = sessions.get();
    if (session == null) {
      return CompletableFuture.completedFuture(null);
    }
    ClusterImage image = images.get();
    if (image.controller().isEmpty()) {
      if (!candidate.getAsBoolean()) {
        return CompletableFuture.completedFuture(null); // draining or leaving: let others lead
      }
      return registry
          .tryAcquire(session)
          .thenAccept(
              won -> {
                if (won) {
                  LOG.info("became controller brokerId={}", session.brokerId());
                }
              });
    }
    if (!image.controller().get().equals(session.controller())) {
      return CompletableFuture.completedFuture(null);
    }
    if (topics != null && image.topic(CoordinatorPartitions.TOPIC).isEmpty()) {
      // Its appearance in the image triggers the next evaluation, which assigns it.
      return createInternalTopic(CoordinatorPartitions.TOPIC, coordinatorPartitions);
    }
    if (topics != null && image.topic(TransactionPartitions.TOPIC).isEmpty()) {
      return createInternalTopic(TransactionPartitions.TOPIC, transactionPartitions);
    }
    PlanInputs inputs = PlanInputs.of(image);
    if (inputs.equals(lastPlanned)) {
      return CompletableFuture.completedFuture(null); // e.g. only owners moved: nothing to plan
    }
    Map<String, AssignmentRecord> changed = changes(image);
    if (changed.isEmpty()) {
      // Remembered only once planning is done: a failed write must be planned again.
      lastPlanned = inputs;
      return CompletableFuture.completedFuture(null);
    }
    LOG.info("controller assigning topics={} eligible={}", changed.keySet(), eligible(image));
    return registry
        .writeAssignments(session, changed)
        .thenAccept(
            stillController -> {
              if (!stillController) {
                LOG.info("no longer controller brokerId={}", session.brokerId());
              }
            });
  }

  private CompletableFuture<Void> createInternalTopic(String name, int partitions) {
    return topics
        .create(name, partitions, Map.of())
        .handle(
            (created, e) -> {
              Throwable cause =
                  e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
              if (cause != null && !(cause instanceof TopicExistsException)) {
                throw new CompletionException(cause);
              }
              if (created != null) {
                LOG.info("created internal topic topic={} partitions={}", name, partitions);
              }
              return null;
            });
  }

  /** Everything a plan depends on; most image changes (claims, releases) leave it unchanged. */
  private record PlanInputs(
      SortedSet<Integer> eligible,
      Map<String, Integer> partitionCounts,
      Map<String, AssignmentRecord> assignments) {
    static PlanInputs of(ClusterImage image) {
      return new PlanInputs(
          Controller.eligible(image), Controller.partitionCounts(image), image.assignments());
    }
  }

  /** The assignments that differ from the image's (pure). */
  static Map<String, AssignmentRecord> changes(ClusterImage image) {
    Map<String, AssignmentRecord> planned =
        PartitionPlacement.plan(image.assignments(), partitionCounts(image), eligible(image));
    Map<String, AssignmentRecord> changed = new HashMap<>();
    planned.forEach(
        (topic, assignment) -> {
          if (!assignment.equals(image.assignments().get(topic))) {
            changed.put(topic, assignment);
          }
        });
    return changed;
  }

  private static Map<String, Integer> partitionCounts(ClusterImage image) {
    Map<String, Integer> counts = new HashMap<>();
    for (TopicRecord t : image.topics().values()) {
      counts.put(t.name(), t.partitionCount());
    }
    return counts;
  }

  private static SortedSet<Integer> eligible(ClusterImage image) {
    SortedSet<Integer> ids = new TreeSet<>();
    for (BrokerRecord b : image.brokers().values()) {
      if (!b.draining()) {
        ids.add(b.brokerId());
      }
    }
    return ids;
  }
}
