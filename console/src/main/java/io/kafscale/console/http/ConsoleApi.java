/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.http;

import io.kafscale.console.auth.LoginLimiter;
import io.kafscale.console.auth.Session;
import io.kafscale.console.auth.Sessions;
import io.kafscale.console.service.BrokerService;
import io.kafscale.console.service.GroupService;
import io.kafscale.console.service.MessageFormat;
import io.kafscale.console.service.MessageService;
import io.kafscale.console.service.OverviewService;
import io.kafscale.console.service.TopicService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The JSON API of {@code docs/console-api.md}: binds each path to a service call. Thread-safe. */
public final class ConsoleApi {
  private ConsoleApi() {}

  /** Body of POST /login. */
  public record Login(String username, String password) {}

  /**
   * How the API logs users in and out: the sessions, the failed-login limit, read-only mode,
   * whether cookies are {@code Secure} (set behind TLS) and the delay before a failed login is
   * answered.
   */
  public record Auth(
      Sessions sessions,
      LoginLimiter limiter,
      boolean readOnly,
      boolean secureCookie,
      Duration loginFailureDelay) {}

  /** Every route of the contract on {@code routes}. */
  public static Routes register(
      Routes routes,
      Auth auth,
      OverviewService overview,
      BrokerService brokers,
      TopicService topics,
      MessageService messages,
      GroupService groups) {
    Sessions sessions = auth.sessions();
    boolean readOnly = auth.readOnly();
    String cookieFlags =
        "; Path=/; HttpOnly; SameSite=Strict" + (auth.secureCookie() ? "; Secure" : "");
    routes.addOpen(
        "POST",
        "/api/v1/login",
        c -> {
          Login login = c.request().body(Login.class);
          if (!auth.limiter().allowed()) {
            return ApiResponse.error(
                    new ApiException(
                        429,
                        "TOO_MANY_REQUESTS",
                        "too many failed logins; try again in a minute",
                        null))
                .withHeader("Retry-After", Long.toString(auth.limiter().retryAfterSeconds()));
          }
          Optional<Session> session = sessions.login(login.username(), login.password());
          if (session.isEmpty()) {
            auth.limiter().failed();
            return ApiResponse.error(ApiException.unauthenticated("wrong user name or password"))
                .delayed(auth.loginFailureDelay());
          }
          return ApiResponse.ok(sessionDoc(session.get(), readOnly))
              .withHeader(
                  "Set-Cookie",
                  ConsoleHttpHandler.SESSION_COOKIE
                      + "="
                      + session.get().id()
                      + cookieFlags
                      + "; Max-Age="
                      + sessions.ttl().toSeconds());
        });
    routes.addReadOnlySafe(
        "POST",
        "/api/v1/logout",
        c -> {
          sessions.logout(c.session().id());
          return ApiResponse.noContent()
              .withHeader(
                  "Set-Cookie",
                  ConsoleHttpHandler.SESSION_COOKIE + "=" + cookieFlags + "; Max-Age=0");
        });
    routes.add("GET", "/api/v1/session", c -> ApiResponse.ok(sessionDoc(c.session(), readOnly)));

    routes.add("GET", "/api/v1/overview", c -> ApiResponse.ok(overview.overview()));
    routes.add("GET", "/api/v1/metrics/history", c -> ApiResponse.ok(overview.history()));
    routes.add("GET", "/api/v1/brokers", c -> ApiResponse.ok(brokers.list()));
    routes.add("GET", "/api/v1/brokers/{}", c -> ApiResponse.ok(brokers.detail(c.intParam(0))));

    routes.add("GET", "/api/v1/topics", c -> ApiResponse.ok(topics.list()));
    routes.add(
        "POST",
        "/api/v1/topics",
        c ->
            ApiResponse.json(201, topics.create(c.request().body(TopicService.CreateTopic.class))));
    routes.add("GET", "/api/v1/topics/{}", c -> ApiResponse.ok(topics.detail(c.param(0))));
    routes.add(
        "DELETE",
        "/api/v1/topics/{}",
        c -> {
          topics.delete(c.param(0));
          return ApiResponse.noContent();
        });
    routes.add(
        "PATCH",
        "/api/v1/topics/{}/configs",
        c ->
            ApiResponse.ok(
                topics.alterConfigs(
                    c.param(0), c.request().body(TopicService.ConfigChange.class))));
    routes.add(
        "POST",
        "/api/v1/topics/{}/partitions",
        c ->
            ApiResponse.ok(
                topics.addPartitions(
                    c.param(0), c.request().body(TopicService.PartitionCount.class))));
    routes.add(
        "GET",
        "/api/v1/topics/{}/partitions/{}/segments",
        c -> ApiResponse.ok(topics.segments(c.param(0), c.intParam(1))));

    routes.add(
        "GET",
        "/api/v1/topics/{}/messages",
        c -> {
          ApiRequest r = c.request();
          return ApiResponse.ok(
              messages.browse(
                  c.param(0),
                  r.longParam("partition").map(Long::intValue).orElse(null),
                  r.longParam("offset").orElse(null),
                  r.longParam("timestamp").orElse(null),
                  r.longParam("limit").map(Long::intValue).orElse(null),
                  MessageFormat.parse(r.param("format").orElse(null))));
        });
    routes.add(
        "POST",
        "/api/v1/topics/{}/messages",
        c ->
            ApiResponse.ok(
                messages.produce(c.param(0), c.request().body(MessageService.Produce.class))));

    routes.add("GET", "/api/v1/groups", c -> ApiResponse.ok(groups.list()));
    routes.add("GET", "/api/v1/groups/{}", c -> ApiResponse.ok(groups.detail(c.param(0))));
    routes.add(
        "GET", "/api/v1/groups/{}/lag-history", c -> ApiResponse.ok(groups.lagHistory(c.param(0))));
    routes.add(
        "POST",
        "/api/v1/groups/{}/reset-offsets",
        c ->
            ApiResponse.ok(
                groups.reset(c.param(0), c.request().body(GroupService.ResetRequest.class))));
    routes.add(
        "DELETE",
        "/api/v1/groups/{}",
        c -> {
          groups.delete(c.param(0));
          return ApiResponse.noContent();
        });
    return routes;
  }

  private static Map<String, Object> sessionDoc(Session session, boolean readOnly) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("user", session.user());
    doc.put("readOnly", readOnly);
    doc.put("csrfToken", session.csrfToken());
    return doc;
  }
}
