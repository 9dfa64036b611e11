/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.admin;

import io.kafscale.broker.group.Group;
import io.kafscale.broker.group.GroupCoordinator;
import io.kafscale.broker.group.GroupLag;
import io.kafscale.broker.group.GroupState;
import io.kafscale.broker.group.HighWatermarkSource;
import io.kafscale.broker.group.LagReport;
import io.kafscale.broker.group.Member;
import io.kafscale.broker.group.NotCoordinatorException;
import io.kafscale.broker.group.PartitionLag;
import io.kafscale.metadata.model.CommittedOffsetRecord;
import io.kafscale.metadata.model.PartitionRef;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The consumer-group endpoints of the admin HTTP API (documented in {@code docs/admin-api.md}):
 * {@code GET /api/v1/groups} lists the groups this broker coordinates with their lag from the
 * latest {@link LagReport}; {@code GET /api/v1/groups/{groupId}} describes one group with its
 * members and, per partition, committed offset, high watermark (read now) and lag; 404 when this
 * broker does not coordinate it, naming the coordinator when known. Answers are JSON. Thread-safe.
 */
public final class GroupsApi implements JsonApi {
  static final String PREFIX = "/api/v1/groups";

  /** An HTTP status and a JSON body. */
  public record JsonResponse(int status, String body) {}

  private final int brokerId;
  private final GroupCoordinator groups;
  private final Supplier<LagReport> lag;
  private final HighWatermarkSource highWatermarks;
  private final Function<String, OptionalInt> coordinatorOf;

  /**
   * @param lag the latest lag report (the list endpoint's lag)
   * @param coordinatorOf the broker id coordinating a group, as FindCoordinator would answer
   */
  public GroupsApi(
      int brokerId,
      GroupCoordinator groups,
      Supplier<LagReport> lag,
      HighWatermarkSource highWatermarks,
      Function<String, OptionalInt> coordinatorOf) {
    this.brokerId = brokerId;
    this.groups = groups;
    this.lag = lag;
    this.highWatermarks = highWatermarks;
    this.coordinatorOf = coordinatorOf;
  }

  /** Whether {@code path} is one of these endpoints' paths. */
  public static boolean handles(String path) {
    return path.equals(PREFIX) || path.equals(PREFIX + "/") || path.startsWith(PREFIX + "/");
  }

  @Override
  public boolean serves(String path) {
    return handles(path);
  }

  /** Answers a GET of {@code path} (already stripped of its query). */
  @Override
  public CompletableFuture<JsonResponse> get(String path) {
    String rest = path.length() <= PREFIX.length() + 1 ? "" : path.substring(PREFIX.length() + 1);
    if (rest.isEmpty()) {
      return list();
    }
    if (rest.indexOf('/') >= 0) {
      return CompletableFuture.completedFuture(error(404, "not_found", null));
    }
    String groupId = URLDecoder.decode(rest.replace("+", "%2B"), StandardCharsets.UTF_8);
    return describe(groupId);
  }

  private CompletableFuture<JsonResponse> list() {
    LagReport report = lag.get();
    return groups
        .listGroups()
        .thenApply(
            all -> {
              JsonWriter json = new JsonWriter().beginObject().field("coordinator", brokerId);
              json.field("lagComputedAtMs", report.computedAtMs()).name("groups").beginArray();
              for (Group g : all) {
                json.beginObject()
                    .field("groupId", g.groupId())
                    .field("state", stateName(g.state()))
                    .field("protocolType", g.protocolType().orElse(null))
                    .field("protocol", g.protocolName().orElse(null))
                    .field("generation", g.generation())
                    .field("members", g.members().size())
                    .name("lag");
                report
                    .group(g.groupId())
                    .ifPresentOrElse(l -> json.value(l.totalLag()), json::nullValue);
                json.endObject();
              }
              return new JsonResponse(200, json.endArray().endObject().toString());
            })
        .exceptionally(GroupsApi::failure);
  }

  private CompletableFuture<JsonResponse> describe(String groupId) {
    if (!groups.isCoordinator(groupId)) {
      return CompletableFuture.completedFuture(notCoordinator(groupId));
    }
    CompletableFuture<Optional<Group>> group = groups.describe(groupId);
    CompletableFuture<Map<PartitionRef, CommittedOffsetRecord>> offsets =
        groups.fetchOffsets(groupId);
    return group
        .thenCombine(offsets, (g, o) -> Map.entry(g, o))
        .thenCompose(
            e -> {
              if (e.getKey().isEmpty() && e.getValue().isEmpty()) {
                return CompletableFuture.completedFuture(error(404, "group_not_found", groupId));
              }
              return highWatermarks
                  .highWatermarks(e.getValue().keySet())
                  .thenApply(
                      hws ->
                          new JsonResponse(
                              200,
                              render(
                                  e.getKey().orElse(Group.empty(groupId)),
                                  GroupLag.of(groupId, e.getValue(), hws))));
            })
        .exceptionally(
            t ->
                unwrap(t) instanceof NotCoordinatorException
                    ? notCoordinator(groupId)
                    : failure(t));
  }

  private String render(Group g, GroupLag lagOfGroup) {
    JsonWriter json =
        new JsonWriter()
            .beginObject()
            .field("groupId", g.groupId())
            .field("coordinator", brokerId)
            .field("state", stateName(g.state()))
            .field("protocolType", g.protocolType().orElse(null))
            .field("protocol", g.protocolName().orElse(null))
            .field("generation", g.generation())
            .field("leader", g.leaderId().orElse(null))
            .name("members")
            .beginArray();
    boolean consumer = g.protocolType().filter("consumer"::equals).isPresent();
    for (Member m : g.members()) {
      json.beginObject()
          .field("memberId", m.memberId())
          .field("groupInstanceId", m.groupInstanceId().orElse(null))
          .field("clientId", m.clientId())
          .field("clientHost", m.clientHost())
          .field("sessionTimeoutMs", m.sessionTimeoutMs())
          .field("rebalanceTimeoutMs", m.rebalanceTimeoutMs());
      Optional<Map<String, List<Integer>>> assignment =
          consumer ? ConsumerAssignments.decode(m.assignment()) : Optional.empty();
      assignment.ifPresent(a -> writeAssignment(json, a));
      json.endObject();
    }
    json.endArray().field("lag", lagOfGroup.totalLag()).name("offsets").beginArray();
    for (PartitionLag p : lagOfGroup.partitions()) {
      json.beginObject()
          .field("topic", p.topic())
          .field("partition", p.partition())
          .field("committedOffset", p.committedOffset())
          .field("highWatermark", p.highWatermark())
          .field("lag", p.lag())
          .endObject();
    }
    return json.endArray().endObject().toString();
  }

  private static void writeAssignment(JsonWriter json, Map<String, List<Integer>> assignment) {
    json.name("assignment").beginArray();
    assignment.forEach(
        (topic, partitions) -> {
          json.beginObject().field("topic", topic).name("partitions").beginArray();
          partitions.forEach(json::value);
          json.endArray().endObject();
        });
    json.endArray();
  }

  private JsonResponse notCoordinator(String groupId) {
    JsonWriter json =
        new JsonWriter()
            .beginObject()
            .field("error", "not_coordinator")
            .field("groupId", groupId)
            .name("coordinator");
    OptionalInt coordinator = coordinatorOf.apply(groupId);
    if (coordinator.isPresent()) {
      json.value(coordinator.getAsInt());
    } else {
      json.nullValue();
    }
    return new JsonResponse(404, json.endObject().toString());
  }

  private static JsonResponse error(int status, String error, String groupId) {
    JsonWriter json = new JsonWriter().beginObject().field("error", error);
    if (groupId != null) {
      json.field("groupId", groupId);
    }
    return new JsonResponse(status, json.endObject().toString());
  }

  private static JsonResponse failure(Throwable t) {
    Throwable cause = unwrap(t);
    return new JsonResponse(
        503,
        new JsonWriter()
            .beginObject()
            .field("error", "unavailable")
            .field("message", cause.getClass().getSimpleName())
            .endObject()
            .toString());
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  /** Kafka's names of the classic group states, as its tools print them. */
  static String stateName(GroupState state) {
    return switch (state) {
      case EMPTY -> "Empty";
      case PREPARING_REBALANCE -> "PreparingRebalance";
      case COMPLETING_REBALANCE -> "CompletingRebalance";
      case STABLE -> "Stable";
      case DEAD -> "Dead";
    };
  }
}
