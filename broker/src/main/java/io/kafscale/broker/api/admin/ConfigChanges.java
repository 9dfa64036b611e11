/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.admin;

import io.kafscale.metadata.config.BrokerDefaults;
import io.kafscale.metadata.config.TopicConfigCatalogue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidRequestException;

/**
 * Computes a resource's new stored configs from its current ones and a list of {@link ConfigOp}s,
 * with Kafka's checks: duplicate keys are INVALID_REQUEST, unknown names and bad values
 * INVALID_CONFIG with a message naming the config, APPEND and SUBTRACT only on list configs (their
 * base is the stored value, else Kafka's default, as Kafka does). Topics take topic config names;
 * the cluster-wide broker resource takes the broker names of {@link BrokerDefaults}. Pure and
 * thread-safe; failures are thrown as kafka-clients {@code ApiException}s.
 */
public final class ConfigChanges {

  /** What the configs belong to. */
  public enum Target {
    TOPIC,
    BROKER_DEFAULTS
  }

  private ConfigChanges() {}

  /** IncrementalAlterConfigs: {@code ops} applied in order to {@code current}. */
  public static Map<String, String> incremental(
      Target target, Map<String, String> current, List<ConfigOp> ops) {
    checkDuplicates(ops);
    Map<String, String> next = new TreeMap<>(current);
    for (ConfigOp op : ops) {
      if (op.type() == null) {
        throw new InvalidRequestException("Unknown config operation for config key: " + op.name());
      }
      String topicName = topicConfigName(target, op.name());
      if (op.type() != ConfigOp.Type.DELETE && op.value() == null) {
        throw new InvalidRequestException("Null value not supported for : " + op.name());
      }
      switch (op.type()) {
        case SET -> next.put(op.name(), checked(target, op.name(), op.value()));
        case DELETE -> next.remove(op.name());
        case APPEND, SUBTRACT -> {
          if (TopicConfigCatalogue.find(topicName).orElseThrow().type()
              != TopicConfigCatalogue.Type.LIST) {
            throw new InvalidConfigurationException(
                "Config value "
                    + op.type().name().toLowerCase(Locale.ROOT)
                    + " is not allowed for config key: "
                    + op.name());
          }
          String base =
              Optional.ofNullable(next.get(op.name()))
                  .orElseGet(
                      () -> TopicConfigCatalogue.find(topicName).orElseThrow().defaultValue());
          List<String> items = new ArrayList<>(parts(base));
          for (String v : parts(op.value())) {
            if (op.type() == ConfigOp.Type.APPEND && !items.contains(v)) {
              items.add(v);
            } else if (op.type() == ConfigOp.Type.SUBTRACT) {
              items.removeIf(v::equals);
            }
          }
          next.put(op.name(), checked(target, op.name(), String.join(",", items)));
        }
      }
    }
    return next;
  }

  /** AlterConfigs (legacy): the resource's configs become exactly {@code configs}. */
  public static Map<String, String> replace(Target target, List<ConfigOp> configs) {
    checkDuplicates(configs);
    Map<String, String> next = new TreeMap<>();
    for (ConfigOp op : configs) {
      topicConfigName(target, op.name());
      if (op.value() == null) {
        throw new InvalidRequestException("Null value not supported for : " + op.name());
      }
      next.put(op.name(), checked(target, op.name(), op.value()));
    }
    return next;
  }

  private static void checkDuplicates(List<ConfigOp> ops) {
    Set<String> seen = new HashSet<>();
    for (ConfigOp op : ops) {
      if (!seen.add(op.name())) {
        throw new InvalidRequestException("Error due to duplicate config keys");
      }
    }
  }

  /** The topic config a name stands for, or INVALID_CONFIG naming it. */
  private static String topicConfigName(Target target, String name) {
    return switch (target) {
      case TOPIC -> {
        if (TopicConfigCatalogue.find(name).isEmpty()) {
          throw new InvalidConfigurationException("Unknown topic config name: " + name);
        }
        yield name;
      }
      case BROKER_DEFAULTS ->
          BrokerDefaults.topicConfigOf(name)
              .orElseThrow(
                  () ->
                      new InvalidConfigurationException(
                          "Cannot update these configs dynamically: [" + name + "]"));
    };
  }

  private static String checked(Target target, String name, String value) {
    Optional<String> why =
        target == Target.TOPIC
            ? TopicConfigCatalogue.validate(name, value)
            : BrokerDefaults.validate(name, value);
    if (why.isPresent()) {
      throw new InvalidConfigurationException(why.get());
    }
    return value;
  }

  private static List<String> parts(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
  }
}
