/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.acl;

import java.util.Objects;

/**
 * Who sent a request, as Kafka names it: a type and a name, written {@code type:name}. Connections
 * that did not authenticate (every connection until TLS/SASL listeners exist) are {@link
 * #ANONYMOUS} ({@code User:ANONYMOUS}), as on a Kafka PLAINTEXT listener. Immutable.
 */
public record KafkaPrincipal(String type, String name) {
  public static final String USER_TYPE = "User";
  public static final KafkaPrincipal ANONYMOUS = new KafkaPrincipal(USER_TYPE, "ANONYMOUS");

  public KafkaPrincipal {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
  }

  /**
   * Parses {@code type:name} (the name may itself hold colons).
   *
   * @throws IllegalArgumentException when there is no type or no name
   */
  public static KafkaPrincipal parse(String principal) {
    int colon = principal.indexOf(':');
    if (colon <= 0 || colon == principal.length() - 1) {
      throw new IllegalArgumentException("principal must be type:name, got '" + principal + "'");
    }
    return new KafkaPrincipal(principal.substring(0, colon), principal.substring(colon + 1));
  }

  @Override
  public String toString() {
    return type + ":" + name;
  }
}
