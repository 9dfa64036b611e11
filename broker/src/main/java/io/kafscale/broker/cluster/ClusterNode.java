/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.cluster;

import io.kafscale.broker.group.CoordinatorPartitions;
import io.kafscale.broker.partition.PartitionOwnership;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.metadata.Metadata;
import io.kafscale.metadata.cluster.ClusterImage;
import io.kafscale.metadata.cluster.ClusterImageFeed;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.metadata.model.BrokerSession;
import io.kafscale.storage.log.PartitionLogOpener;
import io.kafscale.storage.objectstore.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This broker as a member of the cluster, assembled: membership (lease and registration), the
 * cluster image feed, the controller, partition ownership and the topic manager the API handlers
 * use. {@link #start} joins and returns once the partitions assigned here are open; {@link #drain}
 * is the graceful half of shutdown; {@link #close} the rest. Thread-safe.
 */
public final class ClusterNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
  private static final Duration JOIN_TIMEOUT = Duration.ofMinutes(2);

  private final Metadata metadata;
  private final ClusterSettings settings;
  private final ClusterMembership membership;
  private final ClusterImageFeed feed;
  private final Controller controller;
  private final PartitionOwnership ownership;
  private final TopicManager topics;
  private final ClusterView view;
  private ClusterMetrics metrics; // set in the constructor, after the ownership it observes
  private AutoCloseable subscription;
  private volatile boolean started;
  private volatile boolean leaving;
  private final CompletableFuture<Void> settledOnce = new CompletableFuture<>();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();

  private ClusterNode(
      Metadata metadata,
      PartitionLogOpener logs,
      ObjectStore objects,
      ClusterMembership membership,
      ClusterSettings settings,
      MeterRegistry meters) {
    this.metadata = metadata;
    this.settings = settings;
    this.membership = membership;
    this.feed = new ClusterImageFeed(metadata.store(), metadata.keys(), settings.resyncInterval());
    this.controller =
        new Controller(
            metadata.controller(),
            feed::current,
            membership::session,
            () -> !leaving && !membership.isDraining(),
            metadata.topics(),
            settings.coordinatorPartitions(),
            settings.transactionPartitions());
    this.ownership =
        new PartitionOwnership(
            metadata.partitions(),
            logs,
            feed::current,
            membership::session,
            membership::isValid,
            action -> {
              this.metrics.ownershipChanged(action);
              checkSettled();
              checkDrained();
            });
    this.metrics =
        new ClusterMetrics(meters, ownership::openCount, feed::current, membership::brokerId);
    this.topics =
        new TopicManager(
            metadata.topics(),
            feed,
            ownership,
            objects,
            settings.leaderWait(),
            membership::brokerId);
    this.view = new ClusterView(feed::current, membership.registration(), membership::session);
  }

  /**
   * Joins the cluster as {@code self} (a negative id is allocated) and completes once this broker's
   * assigned partitions are open. {@code onFatal} is told when the broker must restart.
   */
  public static CompletableFuture<ClusterNode> start(
      Metadata metadata,
      PartitionLogOpener logs,
      ObjectStore objects,
      BrokerRecord self,
      ClusterSettings settings,
      Clock leaseClock,
      MeterRegistry meters,
      Consumer<String> onFatal) {
    ClusterMembership membership =
        new ClusterMembership(
            metadata.store(),
            metadata.brokers(),
            self,
            settings.leaseTtl(),
            settings.leaseSafetyMargin(),
            leaseClock,
            onFatal);
    return membership
        .join()
        .thenCompose(
            session -> {
              ClusterNode node =
                  new ClusterNode(metadata, logs, objects, membership, settings, meters);
              return node.begin()
                  .handle(
                      (v, e) -> {
                        if (e != null) {
                          node.close();
                          throw new CompletionException(e);
                        }
                        return node;
                      });
            })
        .whenComplete(
            (node, e) -> {
              if (e != null) {
                membership.close();
              }
            });
  }

  private CompletableFuture<Void> begin() {
    membership.addListener(
        new ClusterMembership.Listener() {
          @Override
          public void sessionLost(BrokerSession lost) {
            ownership.dropAll();
            metrics.leaseLost();
          }

          @Override
          public void sessionStarted(BrokerSession session) {
            controller.evaluate();
            ownership.reconcile();
          }
        });
    return feed.start()
        .thenCompose(
            first -> {
              subscription =
                  feed.subscribe(
                      image -> {
                        controller.evaluate();
                        ownership.reconcile();
                        checkSettled();
                      });
              ownership.start(settings.reconcileTick());
              // A partition whose previous owner's lease must expire first can take a while:
              // past the timeout the broker serves what it has rather than failing to start.
              return settledOnce.completeOnTimeout(
                  null, JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            })
        .thenRun(
            () -> {
              started = true;
              LOG.info(
                  "cluster joined brokerId={} partitions={} brokers={}",
                  membership.brokerId(),
                  ownership.openCount(),
                  feed.current().brokers().keySet());
            });
  }

  /**
   * Completes the join once settled. Called on image changes and after every ownership action: a
   * claim's owner key can reach the image before the claimed log is open here.
   */
  private void checkSettled() {
    if (!settledOnce.isDone() && settled(feed.current())) {
      settledOnce.complete(null);
    }
  }

  /** Completes the drain once no log is open here (called after every ownership action). */
  private void checkDrained() {
    if (membership.isDraining() && ownership.openCount() == 0) {
      drained.complete(null);
    }
  }

  /**
   * A controller exists, the group coordinators' topic exists, every topic is assigned, and this
   * broker opened what is assigned here.
   */
  private boolean settled(ClusterImage image) {
    return image.controller().isPresent()
        && image.topic(CoordinatorPartitions.TOPIC).isPresent()
        && image.topics().keySet().stream().allMatch(image.assignments()::containsKey)
        && ownership.ownsAllAssigned(image, membership.brokerId());
  }

  public TopicManager topics() {
    return topics;
  }

  public ClusterView view() {
    return view;
  }

  public int brokerId() {
    return membership.brokerId();
  }

  /** The current session, or null while the lease is lost. */
  public BrokerSession session() {
    return membership.session();
  }

  /** Joined, holding a live lease, and not draining. */
  public boolean isReady() {
    return started && membership.isValid() && !membership.isDraining();
  }

  /**
   * Graceful shutdown, first half: marks this broker draining so the controller moves its
   * partitions away, and waits (up to the shutdown timeout) until it owns none. Partitions hand
   * over one by one: appends stop, staged batches are committed, the owner key is deleted.
   */
  public void drain() {
    try {
      membership.markDraining().get(settings.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
      checkDrained();
      drained
          .completeOnTimeout(null, settings.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .get();
      LOG.info("drained brokerId={} stillOpen={}", membership.brokerId(), ownership.openCount());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("drain incomplete error={}", e.toString());
    }
  }

  /**
   * Releases what is still owned (flushing it), resigns as controller, revokes the lease (the
   * registration vanishes at once) and stops following the image.
   */
  @Override
  public void close() {
    started = false;
    leaving = true;
    try {
      ownership.releaseAll().get(settings.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("release on close incomplete error={}", e.toString());
    }
    ownership.close();
    BrokerSession session = membership.session();
    try {
      if (session != null) {
        metadata.controller().resign(session).get(5, TimeUnit.SECONDS);
      }
      membership.leave().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("leaving the cluster failed (the lease will expire) error={}", e.toString());
    }
    membership.close();
    closeQuietly(subscription);
    feed.close();
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("close failed", e);
    }
  }
}
