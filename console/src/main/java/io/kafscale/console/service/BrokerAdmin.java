/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.service;

/**
 * Port to the brokers' admin HTTP API ({@code docs/admin-api.md}): one GET of a path on a broker's
 * {@code host:port} admin address. Never throws for an unreachable broker: the {@link Reply} says
 * so. Implementations are thread-safe and bound every call by a short timeout.
 */
public interface BrokerAdmin {

  /** The answer of one GET: HTTP status and body, or {@code error} when no answer came. */
  record Reply(int status, String body, String error) {
    public static Reply failed(String error) {
      return new Reply(0, null, error);
    }

    public boolean answered() {
      return error == null;
    }

    public boolean ok() {
      return error == null && status == 200;
    }
  }

  Reply get(String adminAddress, String path);
}
