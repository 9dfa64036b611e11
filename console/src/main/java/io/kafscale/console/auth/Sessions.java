/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login sessions of the console's single configured user: checks credentials in constant time,
 * issues a random 256-bit session id and a separate 256-bit CSRF token, expires sessions after a
 * fixed lifetime (on the injected clock) and compares CSRF tokens in constant time. Thread-safe.
 */
public final class Sessions {
  private static final int MAX_SESSIONS = 10_000;

  private final byte[] userDigest;
  private final byte[] passwordDigest;
  private final String user;
  private final Duration ttl;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byId = new ConcurrentHashMap<>();

  public Sessions(String user, String password, Duration ttl, Clock clock) {
    this.user = user;
    this.userDigest = sha256(user);
    this.passwordDigest = sha256(password);
    this.ttl = ttl;
    this.clock = clock;
  }

  /** A new session when both name and password match, else empty. */
  public Optional<Session> login(String username, String password) {
    // Compare digests so neither timing nor length tells which part (or how much) was right.
    boolean userOk = MessageDigest.isEqual(userDigest, sha256(username == null ? "" : username));
    boolean passOk =
        MessageDigest.isEqual(passwordDigest, sha256(password == null ? "" : password));
    if (!(userOk & passOk)) {
      return Optional.empty();
    }
    purgeExpired();
    if (byId.size() >= MAX_SESSIONS) {
      // Bounded memory: a flood of logins evicts arbitrary old sessions, never grows the map.
      byId.keySet().stream().findAny().ifPresent(byId::remove);
    }
    Session session = new Session(token(), user, token(), clock.millis() + ttl.toMillis());
    byId.put(session.id(), session);
    return Optional.of(session);
  }

  /** The live session with this id; an expired one is removed. */
  public Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session session = byId.get(id);
    if (session == null) {
      return Optional.empty();
    }
    if (session.expiresAtMs() <= clock.millis()) {
      byId.remove(id, session);
      return Optional.empty();
    }
    return Optional.of(session);
  }

  public void logout(String id) {
    if (id != null) {
      byId.remove(id);
    }
  }

  /** Whether {@code given} is the session's CSRF token (constant time). */
  public static boolean csrfMatches(Session session, String given) {
    return given != null
        && MessageDigest.isEqual(
            session.csrfToken().getBytes(StandardCharsets.UTF_8),
            given.getBytes(StandardCharsets.UTF_8));
  }

  public Duration ttl() {
    return ttl;
  }

  private void purgeExpired() {
    long now = clock.millis();
    byId.values().removeIf(s -> s.expiresAtMs() <= now);
  }

  private String token() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
