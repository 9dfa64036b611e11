/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.e2e.helm;

import java.util.List;
import java.util.Map;

/** Whether Kubernetes RBAC policy rules (as parsed maps) allow a permission. Stateless. */
final class RbacRules {
  private RbacRules() {}

  /** True when one rule grants the verb on the resource in the API group ("*" matches all). */
  static boolean allows(List<Map<String, Object>> rules, OperatorPermissions.Permission needed) {
    return rules.stream()
        .anyMatch(
            r ->
                matches(r.get("apiGroups"), needed.apiGroup())
                    && matches(r.get("resources"), needed.resource())
                    && matches(r.get("verbs"), needed.verb()));
  }

  private static boolean matches(Object values, String wanted) {
    return values instanceof List<?> list
        && list.stream().anyMatch(v -> "*".equals(v) || wanted.equals(String.valueOf(v)));
  }
}
