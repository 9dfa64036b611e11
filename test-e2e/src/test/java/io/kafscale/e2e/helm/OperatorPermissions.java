/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.helm;

import io.kafscale.broker.testing.RepoRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the operator must be allowed to do: a floor of permissions every reconciler of issue 7 needs
 * (its custom resources with status and finalizers, the objects it owns, the Secrets it reads),
 * united with every rule of the operator's own RBAC files under {@code
 * operator/src/main/resources/rbac/} (namespaced rules; leader-election Lease rules are listed
 * apart because the chart grants them only in the operator's namespace).
 */
final class OperatorPermissions {
  /** One verb on one resource of one API group ("" is the core group). */
  record Permission(String apiGroup, String resource, String verb) {
    @Override
    public String toString() {
      return verb + " " + (apiGroup.isEmpty() ? "core" : apiGroup) + "/" + resource;
    }
  }

  /** Applying an owned object idempotently: read it, then create or replace it. */
  private static final List<String> WRITE = List.of("get", "create", "update");

  private OperatorPermissions() {}

  static Set<Permission> required() {
    Set<Permission> all = new LinkedHashSet<>();
    add(
        all,
        "kafscale.io",
        List.of("kafscaleclusters", "kafscaletopics"),
        List.of("get", "list", "watch", "patch"));
    add(
        all,
        "kafscale.io",
        List.of("kafscaleclusters/status", "kafscaletopics/status"),
        List.of("patch"));
    add(all, "apps", List.of("deployments", "statefulsets"), WRITE);
    add(all, "", List.of("services"), WRITE);
    add(all, "policy", List.of("poddisruptionbudgets"), WRITE);
    add(all, "autoscaling", List.of("horizontalpodautoscalers"), WRITE);
    add(all, "batch", List.of("cronjobs"), WRITE);
    add(all, "", List.of("secrets"), List.of("get"));
    for (Permission p : fromOperatorRbacFiles()) {
      if (!p.apiGroup().equals("coordination.k8s.io")) {
        all.add(p);
      }
    }
    return all;
  }

  static Set<Permission> leaderElection() {
    Set<Permission> all = new LinkedHashSet<>();
    add(all, "coordination.k8s.io", List.of("leases"), List.of("get", "create", "update"));
    return all;
  }

  /** Every permission the rules of the operator's rbac/ YAML files grant (none if absent). */
  static List<Permission> fromOperatorRbacFiles() {
    Path dir = RepoRoot.find().resolve("operator/src/main/resources/rbac");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Permission> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml")).sorted().toList()) {
        for (Map<String, Object> object : Manifests.read(file).objects()) {
          for (Map<String, Object> rule : Manifests.list(object, "rules")) {
            for (Object group : (List<?>) rule.getOrDefault("apiGroups", List.of(""))) {
              for (Object resource : (List<?>) rule.getOrDefault("resources", List.of())) {
                for (Object verb : (List<?>) rule.getOrDefault("verbs", List.of())) {
                  out.add(new Permission(group.toString(), resource.toString(), verb.toString()));
                }
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static void add(
      Set<Permission> all, String group, List<String> resources, List<String> verbs) {
    for (String resource : resources) {
      for (String verb : verbs) {
        all.add(new Permission(group, resource, verb));
      }
    }
  }
}
