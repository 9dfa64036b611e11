/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.auth;

/** A logged-in browser: its cookie id, user, CSRF token and expiry (epoch ms). Immutable. */
public record Session(String id, String user, String csrfToken, long expiresAtMs) {
  @Override
  public String toString() {
    // Never log the id or the token: either lets its holder act as the user.
    return "Session[user=" + user + ", expiresAtMs=" + expiresAtMs + "]";
  }
}
