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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Login sessions of the console's single configured user: checks credentials in constant time,
 * issues a random 256-bit session id and a separate 256-bit CSRF token, expires sessions after a
 * fixed lifetime (on the injected clock, at most {@link #MAX_TTL}) and compares CSRF tokens in
 * constant time. Listeners hear of every session that ends (logout or expiry) so its open event
 * streams can be closed. Thread-safe.
 */
public final class Sessions {
  private static final int MAX_SESSIONS = 10_000;

  /** The longest session lifetime; longer configured values are capped here. */
  public static final Duration MAX_TTL = Duration.ofDays(30);

  private final byte[] userDigest;
  private final byte[] passwordDigest;
  private final String user;
  private final Duration ttl;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byId = new ConcurrentHashMap<>();
  private final List<Consumer<String>> endListeners = new CopyOnWriteArrayList<>();

  public Sessions(String user, String password, Duration ttl, Clock clock) {
    this.user = user;
    this.userDigest = sha256(user);
    this.passwordDigest = sha256(password);
    this.ttl = ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl;
    this.clock = clock;
  }

  /** Calls {@code listener} with the id of every session that ends (logout, expiry, eviction). */
  public void onSessionEnd(Consumer<String> listener) {
    endListeners.add(listener);
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
      byId.keySet().stream().findAny().ifPresent(this::end);
    }
    Session session = new Session(token(), user, token(), expiry(clock.millis(), ttl));
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
      if (byId.remove(id, session)) {
        ended(id);
      }
      return Optional.empty();
    }
    return Optional.of(session);
  }

  public void logout(String id) {
    if (id != null) {
      end(id);
    }
  }

  /** The expiry instant, saturating at {@code Long.MAX_VALUE} instead of overflowing. */
  static long expiry(long nowMs, Duration ttl) {
    long ttlMs;
    try {
      ttlMs = ttl.toMillis();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
    long sum = nowMs + ttlMs;
    // Overflow iff both operands have the sign opposite to the result's.
    return ((nowMs ^ sum) & (ttlMs ^ sum)) < 0 ? Long.MAX_VALUE : sum;
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

  /** Removes every expired session (and tells the listeners); the refresh loop calls it. */
  public void purgeExpired() {
    long now = clock.millis();
    for (Session s : List.copyOf(byId.values())) {
      if (s.expiresAtMs() <= now && byId.remove(s.id(), s)) {
        ended(s.id());
      }
    }
  }

  private void end(String id) {
    if (byId.remove(id) != null) {
      ended(id);
    }
  }

  private void ended(String id) {
    endListeners.forEach(l -> l.accept(id));
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
