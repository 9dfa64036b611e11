/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.admin;

import io.kafscale.broker.api.ErrorMapping;
import io.kafscale.broker.partition.TopicManager;
import io.kafscale.metadata.model.TopicRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.protocol.Errors;

/**
 * The resource side of AlterConfigs and IncrementalAlterConfigs: answers each resource on its own,
 * in request order. Topics are changed by compare-and-set on the topic key, the cluster-wide broker
 * resource (empty name) on its one key; validate-only computes and checks the change without
 * writing. A duplicate resource, an unsupported resource type or another broker's id is
 * INVALID_REQUEST; this broker's own id is INVALID_CONFIG, since every broker serves every
 * partition here and per-broker log settings would make a partition's behaviour depend on its
 * owner. Thread-safe; never blocks.
 */
public final class ConfigAlterer {
  static final byte TOPIC = 2;
  static final byte BROKER = 4;

  private final TopicManager topics;
  private final int brokerId;

  /** One resource of a request. */
  public record Resource(byte type, String name, List<ConfigOp> ops) {
    /** The resource with one op per request config, {@code op} mapping each. */
    static <C> Resource of(
        byte type, String name, Collection<C> configs, Function<C, ConfigOp> op) {
      return new Resource(type, name, configs.stream().map(op).toList());
    }
  }

  /** The answer for one resource. */
  public record Outcome(Errors error, String message) {
    static final Outcome OK = new Outcome(Errors.NONE, null);
  }

  /** A response entry of one resource: its type, name, error code and error message. */
  @FunctionalInterface
  interface Answer<R> {
    R of(byte type, String name, short errorCode, String errorMessage);
  }

  /** How the resource's current configs become its new ones (may throw an ApiException). */
  @FunctionalInterface
  interface Change {
    Map<String, String> apply(ConfigChanges.Target target, Map<String, String> current);
  }

  public ConfigAlterer(TopicManager topics, int brokerId) {
    this.topics = topics;
    this.brokerId = brokerId;
  }

  /**
   * As {@link #alter(List, boolean, Function)}, answering each resource in request order with the
   * response entry {@code answer} makes of it (both config APIs answer alike, in their own types).
   */
  <R> CompletableFuture<List<R>> alter(
      List<Resource> resources,
      boolean validateOnly,
      Function<Resource, Change> change,
      Answer<R> answer) {
    return alter(resources, validateOnly, change)
        .thenApply(
            outcomes -> {
              List<R> answers = new ArrayList<>(outcomes.size());
              for (int i = 0; i < outcomes.size(); i++) {
                Resource r = resources.get(i);
                Outcome o = outcomes.get(i);
                answers.add(answer.of(r.type(), r.name(), o.error().code(), o.message()));
              }
              return answers;
            });
  }

  /** Alters (or, with {@code validateOnly}, checks) every resource; one outcome per resource. */
  CompletableFuture<List<Outcome>> alter(
      List<Resource> resources, boolean validateOnly, Function<Resource, Change> change) {
    Map<String, Integer> counts = new HashMap<>();
    resources.forEach(r -> counts.merge(r.type() + "/" + r.name(), 1, Integer::sum));
    List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
    for (Resource r : resources) {
      CompletableFuture<Outcome> outcome;
      if (counts.get(r.type() + "/" + r.name()) > 1) {
        outcome = failed(new InvalidRequestException("Duplicate resource " + r.name()));
      } else {
        outcome = alterOne(r, validateOnly, change.apply(r));
      }
      outcomes.add(outcome);
    }
    return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
        .thenApply(v -> outcomes.stream().map(CompletableFuture::join).toList());
  }

  private CompletableFuture<Outcome> alterOne(Resource r, boolean validateOnly, Change change) {
    try {
      return switch (r.type()) {
        case TOPIC -> alterTopic(r, validateOnly, change);
        case BROKER -> alterBroker(r, validateOnly, change);
        default -> failed(new InvalidRequestException("Unsupported resource type " + r.type()));
      };
    } catch (RuntimeException e) {
      return failed(e);
    }
  }

  private CompletableFuture<Outcome> alterTopic(Resource r, boolean validateOnly, Change change) {
    UnaryOperator<Map<String, String>> op =
        current -> change.apply(ConfigChanges.Target.TOPIC, current);
    if (validateOnly) {
      Optional<TopicRecord> topic = topics.topic(r.name());
      if (topic.isEmpty()) {
        return CompletableFuture.completedFuture(
            new Outcome(
                Errors.UNKNOWN_TOPIC_OR_PARTITION, "Topic " + r.name() + " does not exist"));
      }
      op.apply(topic.get().configs());
      return CompletableFuture.completedFuture(Outcome.OK);
    }
    return settle(topics.alterConfigs(r.name(), op));
  }

  private CompletableFuture<Outcome> alterBroker(Resource r, boolean validateOnly, Change change) {
    if (!r.name().isEmpty()) {
      int id;
      try {
        id = Integer.parseInt(r.name());
      } catch (NumberFormatException e) {
        throw new InvalidRequestException("Broker id must be an integer, but it is: " + r.name());
      }
      if (id != brokerId) {
        throw new InvalidRequestException(
            "Unexpected broker id, expected "
                + brokerId
                + " or empty string, but received "
                + r.name());
      }
      if (r.ops().isEmpty()) {
        return CompletableFuture.completedFuture(Outcome.OK);
      }
      throw new InvalidConfigurationException(
          "Cannot update these configs dynamically: "
              + r.ops().stream().map(ConfigOp::name).toList()
              + " (brokers share every partition: set topic defaults cluster-wide with"
              + " --entity-default)");
    }
    UnaryOperator<Map<String, String>> op =
        current -> change.apply(ConfigChanges.Target.BROKER_DEFAULTS, current);
    if (validateOnly) {
      op.apply(topics.brokerDefaults());
      return CompletableFuture.completedFuture(Outcome.OK);
    }
    return settle(topics.alterBrokerDefaults(op));
  }

  private static CompletableFuture<Outcome> settle(CompletableFuture<?> write) {
    return write.handle((v, e) -> e == null ? Outcome.OK : outcomeOf(e));
  }

  private static CompletableFuture<Outcome> failed(Throwable e) {
    return CompletableFuture.completedFuture(outcomeOf(e));
  }

  private static Outcome outcomeOf(Throwable e) {
    Errors error = ErrorMapping.of(e);
    String message = ErrorMapping.message(e);
    return new Outcome(error, error == Errors.NONE ? null : message);
  }
}
