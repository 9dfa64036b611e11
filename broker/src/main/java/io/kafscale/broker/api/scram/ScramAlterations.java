/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.scram;

import io.kafscale.broker.security.scram.ScramKeys;
import io.kafscale.broker.security.scram.ScramMechanism;
import io.kafscale.metadata.model.ScramCredentialRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.message.AlterUserScramCredentialsRequestData;
import org.apache.kafka.common.message.AlterUserScramCredentialsRequestData.ScramCredentialDeletion;
import org.apache.kafka.common.message.AlterUserScramCredentialsRequestData.ScramCredentialUpsertion;
import org.apache.kafka.common.protocol.Errors;

/**
 * Turns an AlterUserScramCredentials request into one plan per user, validated as Kafka validates
 * it (KIP-554): a user fails as a whole, with the first problem found, when one of its alterations
 * names an empty user (UNACCEPTABLE_CREDENTIAL), an unknown mechanism (UNSUPPORTED_SASL_MECHANISM),
 * too few or too many iterations (UNACCEPTABLE_CREDENTIAL) or an empty salt or salted password
 * (UNACCEPTABLE_CREDENTIAL), or when the same user and mechanism appear twice in the request
 * (DUPLICATE_RESOURCE). Upsertions are turned into stored keys here (RFC 5802), so the salted
 * password goes no further. Pure and thread-safe.
 */
final class ScramAlterations {
  /** Kafka's upper bound on iterations (ScramControlManager.MAX_ITERATIONS). */
  static final int MAX_ITERATIONS = 16384;

  private ScramAlterations() {}

  /**
   * One user's share of the request: an error (nothing of it is applied) or what to store and
   * delete.
   */
  record UserPlan(
      String user,
      Errors error,
      String message,
      List<ScramCredentialRecord> upserts,
      List<String> deletions) {

    boolean failed() {
      return error != Errors.NONE;
    }
  }

  /** The plans, one per user in the order users first appear in the request. */
  static List<UserPlan> plan(AlterUserScramCredentialsRequestData request) {
    Map<String, Builder> users = new LinkedHashMap<>();
    for (ScramCredentialDeletion d : request.deletions()) {
      users.computeIfAbsent(d.name(), Builder::new).delete(d);
    }
    for (ScramCredentialUpsertion u : request.upsertions()) {
      users.computeIfAbsent(u.name(), Builder::new).upsert(u);
    }
    return users.values().stream().map(Builder::build).toList();
  }

  private static final class Builder {
    private final String user;
    private final Set<Byte> mechanisms = new HashSet<>();
    private final List<ScramCredentialRecord> upserts = new ArrayList<>();
    private final List<String> deletions = new ArrayList<>();
    private Errors error = Errors.NONE;
    private String message;
    private boolean duplicate;

    Builder(String user) {
      this.user = user;
    }

    void delete(ScramCredentialDeletion d) {
      Optional<ScramMechanism> mechanism = check(d.mechanism());
      mechanism.ifPresent(m -> deletions.add(m.mechanismName()));
    }

    void upsert(ScramCredentialUpsertion u) {
      Optional<ScramMechanism> mechanism = check(u.mechanism());
      if (mechanism.isEmpty()) {
        return;
      }
      ScramMechanism m = mechanism.get();
      if (u.iterations() < m.minIterations()) {
        fail(Errors.UNACCEPTABLE_CREDENTIAL, "Too few iterations");
      } else if (u.iterations() > MAX_ITERATIONS) {
        fail(Errors.UNACCEPTABLE_CREDENTIAL, "Too many iterations");
      } else if (u.salt() == null
          || u.salt().length == 0
          || u.saltedPassword() == null
          || u.saltedPassword().length == 0) {
        fail(Errors.UNACCEPTABLE_CREDENTIAL, "Salt and salted password must not be empty");
      } else if (!failed()) {
        upserts.add(ScramKeys.credential(user, m, u.salt(), u.saltedPassword(), u.iterations()));
      }
    }

    /** Checks what every alteration shares: user name, mechanism, no repetition. */
    private Optional<ScramMechanism> check(byte type) {
      if (!mechanisms.add(type)) {
        duplicate = true;
      }
      if (user.isEmpty()) {
        fail(Errors.UNACCEPTABLE_CREDENTIAL, "Username must not be empty");
        return Optional.empty();
      }
      Optional<ScramMechanism> mechanism = ScramMechanism.fromType(type);
      if (mechanism.isEmpty()) {
        fail(Errors.UNSUPPORTED_SASL_MECHANISM, "Unknown SCRAM mechanism");
      }
      return mechanism;
    }

    private boolean failed() {
      return error != Errors.NONE;
    }

    private void fail(Errors e, String why) {
      if (!failed()) {
        error = e;
        message = why;
      }
    }

    UserPlan build() {
      if (duplicate) {
        return new UserPlan(
            user,
            Errors.DUPLICATE_RESOURCE,
            "A user credential cannot be altered twice in the same request",
            List.of(),
            List.of());
      }
      if (failed()) {
        return new UserPlan(user, error, message, List.of(), List.of());
      }
      return new UserPlan(user, Errors.NONE, null, List.copyOf(upserts), List.copyOf(deletions));
    }
  }
}
