/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.console.auth.Session;
import io.kafscale.console.auth.Sessions;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutesTest {
  private final Sessions sessions = new Sessions("u", "p", Duration.ofHours(1), Clock.systemUTC());

  private Routes routes(boolean readOnly) {
    return new Routes(
            sessions, readOnly, e -> new ApiException(500, "INTERNAL", e.toString(), null))
        .add("GET", "/api/v1/things/{}", c -> ApiResponse.ok(Map.of("id", c.param(0))))
        .add("POST", "/api/v1/things", c -> ApiResponse.json(201, Map.of()))
        .add(
            "GET",
            "/api/v1/boom",
            c -> {
              throw new IllegalStateException("boom");
            })
        .addReadOnlySafe("POST", "/api/v1/logout", c -> ApiResponse.noContent());
  }

  private static ApiRequest request(String method, String path, Session s, String csrf) {
    List<String> segments = Arrays.stream(path.split("/")).filter(x -> !x.isEmpty()).toList();
    return new ApiRequest(
        method,
        segments,
        Map.of(),
        csrf == null ? Map.of() : Map.of("x-csrf-token", csrf),
        s == null ? Optional.empty() : Optional.of(s.id()),
        new byte[0]);
  }

  @Test
  void shouldAnswer401WithoutSessionEvenForUnknownPaths() {
    assertThat(routes(false).handle(request("GET", "/api/v1/things/a", null, null)).status())
        .isEqualTo(401);
    assertThat(routes(false).handle(request("GET", "/api/v1/nope", null, null)).status())
        .isEqualTo(401);
  }

  @Test
  void shouldPassPathParametersAndAnswer404And405() {
    Session s = sessions.login("u", "p").orElseThrow();
    assertThat(
            new String(routes(false).handle(request("GET", "/api/v1/things/a.b", s, null)).body()))
        .contains("a.b");
    assertThat(routes(false).handle(request("GET", "/api/v1/nope", s, null)).status())
        .isEqualTo(404);
    assertThat(routes(false).handle(request("PUT", "/api/v1/things", s, s.csrfToken())).status())
        .isEqualTo(405);
  }

  @Test
  void shouldRequireTheSessionsCsrfTokenOnEveryNonGet() {
    Session s = sessions.login("u", "p").orElseThrow();
    ApiResponse missing = routes(false).handle(request("POST", "/api/v1/things", s, null));
    ApiResponse wrong = routes(false).handle(request("POST", "/api/v1/things", s, "x"));
    ApiResponse right = routes(false).handle(request("POST", "/api/v1/things", s, s.csrfToken()));
    assertThat(missing.status()).isEqualTo(403);
    assertThat(new String(missing.body())).contains("\"CSRF\"");
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(right.status()).isEqualTo(201);
  }

  @Test
  void shouldRefuseChangesInReadOnlyModeButAllowLogout() {
    Session s = sessions.login("u", "p").orElseThrow();
    ApiResponse refused = routes(true).handle(request("POST", "/api/v1/things", s, s.csrfToken()));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(new String(refused.body())).contains("READ_ONLY");
    assertThat(routes(true).handle(request("POST", "/api/v1/logout", s, s.csrfToken())).status())
        .isEqualTo(204);
  }

  @Test
  void shouldTurnUnexpectedExceptionsIntoAnErrorDocument() {
    Session s = sessions.login("u", "p").orElseThrow();
    ApiResponse r = routes(false).handle(request("GET", "/api/v1/boom", s, null));
    assertThat(r.status()).isEqualTo(500);
    assertThat(new String(r.body())).contains("\"code\":\"INTERNAL\"");
  }
}
