/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.http;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * Headers on every console response: a Content-Security-Policy that admits only the console's own
 * origin (no inline script, no framing), no MIME sniffing, no referrer. Stateless.
 */
public final class SecurityHeaders {
  public static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src"
          + " 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  private SecurityHeaders() {}

  public static void apply(HttpHeaders headers) {
    headers.set("Content-Security-Policy", CSP);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
  }
}
