/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafscale.broker.testing.BrokerFixture;
import io.kafscale.broker.testing.BrokerProcess;
import io.kafscale.metadata.testing.EtcdServer;
import io.kafscale.storage.testing.S3MockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * A Kafscale cluster of broker jar processes for the multi-process tests: one real etcd (private,
 * restartable with its data), the JVM-wide S3Mock (each harness under its own object-key
 * namespace), and brokers that allocate their ids from etcd. It injects faults (kill -9,
 * SIGSTOP/SIGCONT, SIGTERM, etcd outage) and answers who leads which partition by asking the
 * cluster through {@link Admin#describeTopics}. {@link #close()} kills every process it started,
 * also paused ones. Not thread-safe: one test thread drives it.
 */
public final class ClusterHarness implements AutoCloseable {
  /** Lease TTL the brokers run with: short, so failover tests stay fast. */
  public static final Duration LEASE_TTL = Duration.ofMillis(3_000);

  /** Drain limit on SIGTERM the brokers run with. */
  public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(8);

  private final Path workDir;
  private final EtcdServer etcd;
  private final Map<String, String> env;
  private final List<BrokerProcess> brokers = new ArrayList<>();
  private final Set<BrokerProcess> paused = ConcurrentHashMap.newKeySet();

  private ClusterHarness(Path workDir, EtcdServer etcd, Map<String, String> env) {
    this.workDir = workDir;
    this.etcd = etcd;
    this.env = env;
  }

  /** etcd, S3Mock and {@code brokerCount} brokers, all ready; brokers' data dirs under workDir. */
  public static ClusterHarness start(Path workDir, int brokerCount) {
    return start(workDir, brokerCount, Map.of());
  }

  /** As {@link #start(Path, int)}, with extra (or overriding) broker variables. */
  public static ClusterHarness start(Path workDir, int brokerCount, Map<String, String> extraEnv) {
    S3MockServer s3 = S3MockServer.shared();
    EtcdServer etcd = EtcdServer.start();
    Map<String, String> env =
        new HashMap<>(BrokerFixture.s3Env(s3.endpoint().toString(), s3.bucket()));
    env.put("KAFSCALE_S3_NAMESPACE", "cluster-" + UUID.randomUUID());
    env.put("KAFSCALE_ETCD_ENDPOINTS", etcd.endpoint());
    env.put("KAFSCALE_BROKER_LEASE_TTL_MS", Long.toString(LEASE_TTL.toMillis()));
    env.put("KAFSCALE_SHUTDOWN_TIMEOUT_MS", Long.toString(SHUTDOWN_TIMEOUT.toMillis()));
    env.putAll(extraEnv);
    ClusterHarness harness = new ClusterHarness(workDir, etcd, Map.copyOf(env));
    try {
      harness.addBrokers(brokerCount);
      return harness;
    } catch (RuntimeException | Error e) {
      harness.close();
      throw e;
    }
  }

  /** Starts one more broker and waits until its {@code /readyz} answers 200. */
  public BrokerProcess addBroker() {
    return addBrokers(1).get(0);
  }

  /** Starts {@code count} more brokers at once (in parallel) and waits until all are ready. */
  public List<BrokerProcess> addBrokers(int count) {
    List<BrokerProcess> added = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path dataDir = workDir.resolve("broker-" + brokers.size()).toAbsolutePath();
      BrokerProcess broker = BrokerProcess.create(dataDir, env);
      brokers.add(broker); // registered first so close() kills it even if start fails
      added.add(broker);
    }
    List<CompletableFuture<BrokerProcess>> starts =
        added.stream().map(b -> CompletableFuture.supplyAsync(b::start)).toList();
    try {
      CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("broker did not start: " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("brokers not ready within 90 s\n" + describe(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return added;
  }

  public List<BrokerProcess> brokers() {
    return List.copyOf(brokers);
  }

  public BrokerProcess broker(int index) {
    return brokers.get(index);
  }

  public int indexOf(BrokerProcess broker) {
    return brokers.indexOf(broker);
  }

  /** Index (in {@link #brokers()}) of the broker listening on {@code node}'s port; -1 if none. */
  public int indexOf(Node node) {
    return indexOfNode(node);
  }

  public EtcdServer etcd() {
    return etcd;
  }

  /** kill -9 and wait until the process is gone. */
  public void kill9(BrokerProcess broker) {
    broker.kill9();
    paused.remove(broker);
  }

  /** SIGSTOP: the JVM freezes (no lease keep-alive, no I/O) but keeps its sockets. */
  public void sigstop(BrokerProcess broker) {
    Signals.send(broker.pid(), "STOP");
    paused.add(broker);
  }

  /** SIGCONT: a paused JVM resumes where it stopped. */
  public void sigcont(BrokerProcess broker) {
    Signals.send(broker.pid(), "CONT");
    paused.remove(broker);
  }

  /**
   * SIGTERM, then waits up to {@code within} for the process to exit on its own; a process still
   * running then is killed and reported with exit code -1.
   */
  public ShutdownResult sigterm(BrokerProcess broker, Duration within) {
    long start = System.nanoTime();
    ProcessHandle handle = ProcessHandle.of(broker.pid()).orElseThrow();
    Signals.send(broker.pid(), "TERM");
    try {
      handle.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      broker.kill9();
      return new ShutdownResult(-1, within);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    return new ShutdownResult(broker.stop(), took); // already exited: stop() just reads the status
  }

  /** How a SIGTERM'd broker ended: its exit status (-1 when it had to be killed) and when. */
  public record ShutdownResult(int exitCode, Duration took) {}

  /** Stops etcd (its data stays). */
  public void stopEtcd() {
    etcd.stop();
  }

  /** Starts etcd again on the same port and data. */
  public void startEtcd() {
    etcd.restart();
  }

  public boolean isPaused(BrokerProcess broker) {
    return paused.contains(broker);
  }

  /** Every broker ever added, comma-separated (clients skip the dead ones). */
  public String bootstrap() {
    return bootstrapOf(brokers);
  }

  /** The brokers that run and are not paused. */
  public String liveBootstrap() {
    return bootstrapOf(live());
  }

  public List<BrokerProcess> live() {
    return brokers.stream().filter(b -> b.isAlive() && !paused.contains(b)).toList();
  }

  public static String bootstrapOf(List<BrokerProcess> brokers) {
    return brokers.stream().map(BrokerProcess::bootstrapServers).collect(Collectors.joining(","));
  }

  /** Creates a topic through Admin (bootstrapped on the live brokers), replication factor 1. */
  public void createTopic(String topic, int partitions) {
    try (Admin admin = admin(liveBootstrap())) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("create topic " + topic + " with " + partitions + " partitions", e);
    }
  }

  /**
   * Partition to the index (in {@link #brokers()}) of its leader as the live brokers report it; -1
   * when there is no leader or it is no broker of this harness.
   */
  public Map<Integer, Integer> leaders(String topic) {
    try (Admin admin = admin(liveBootstrap())) {
      TopicDescription description =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .get(topic);
      Map<Integer, Integer> leaders = new HashMap<>();
      for (TopicPartitionInfo info : description.partitions()) {
        leaders.put(info.partition(), indexOfNode(info.leader()));
      }
      return leaders;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("describe topic " + topic + ": " + e, e);
    }
  }

  /** The broker leading {@code partition} now (fails if there is none). */
  public BrokerProcess leaderOf(String topic, int partition) {
    int index = leaders(topic).getOrDefault(partition, -1);
    assertThat(index)
        .as("leader of %s-%d (leaders: %s)", topic, partition, leaders(topic))
        .isNotNegative();
    return brokers.get(index);
  }

  /** The partitions {@code broker} leads now. */
  public List<Integer> partitionsLedBy(String topic, BrokerProcess broker) {
    int index = indexOf(broker);
    return leaders(topic).entrySet().stream()
        .filter(e -> e.getValue() == index)
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /**
   * Number of partitions each broker (by index) leads; partitions without a leader are not counted.
   */
  public List<Integer> leaderCounts(String topic) {
    Map<Integer, Integer> leaders = leaders(topic);
    return IntStream.range(0, brokers.size())
        .mapToObj(i -> (int) leaders.values().stream().filter(l -> l == i).count())
        .toList();
  }

  /** Waits until the leader counts per broker index are exactly {@code expected}. */
  public void awaitLeaderCounts(String topic, Duration atMost, Integer... expected) {
    await("leaders of " + topic + " spread " + Arrays.toString(expected))
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              Map<Integer, Integer> leaders = leaders(topic);
              assertThat(leaderCounts(topic))
                  .as("leaders per broker index of %s (partition -> broker: %s)", topic, leaders)
                  .containsExactly(expected);
            });
  }

  /** Waits until every partition of {@code topic} has a leader among {@code candidates}. */
  public void awaitLeadersAmong(String topic, List<BrokerProcess> candidates, Duration atMost) {
    List<Integer> allowed = candidates.stream().map(this::indexOf).toList();
    await("every partition of " + topic + " led by one of brokers " + allowed)
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(leaders(topic))
                    .as("partition -> leader broker index of %s", topic)
                    .allSatisfy((p, leader) -> assertThat(allowed).contains(leader)));
  }

  /** Pids, ports and log files of every broker, for failure messages. */
  public String describe() {
    StringBuilder out = new StringBuilder("etcd " + etcd + "\n");
    for (int i = 0; i < brokers.size(); i++) {
      BrokerProcess b = brokers.get(i);
      out.append("broker[")
          .append(i)
          .append("] ")
          .append(b.bootstrapServers())
          .append(" admin ")
          .append(b.adminPort())
          .append(b.isAlive() ? " pid " + b.pid() : " (not running)")
          .append(paused.contains(b) ? " PAUSED" : "")
          .append(" log ")
          .append(b.logFile())
          .append('\n');
    }
    return out.toString();
  }

  /** Kills every broker (SIGKILL also ends paused ones) and stops and deletes etcd. */
  @Override
  public void close() {
    System.out.println("cluster harness closing:\n" + describe());
    RuntimeException failure = null;
    for (BrokerProcess broker : brokers) {
      try {
        broker.close();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    paused.clear();
    etcd.close();
    if (failure != null) {
      throw failure;
    }
  }

  /** An Admin client with short timeouts, so a paused broker costs seconds, not minutes. */
  public static Admin admin(String bootstrap) {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            3_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            (int) ADMIN_TIMEOUT.toMillis(),
            AdminClientConfig.RETRY_BACKOFF_MS_CONFIG,
            100));
  }

  private int indexOfNode(Node node) {
    if (node == null || node.isEmpty()) {
      return -1;
    }
    for (int i = 0; i < brokers.size(); i++) {
      if (brokers.get(i).kafkaPort() == node.port()) {
        return i;
      }
    }
    return -1;
  }
}
