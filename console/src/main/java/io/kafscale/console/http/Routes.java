/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.console.http;

import io.kafscale.console.auth.Session;
import io.kafscale.console.auth.Sessions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API's route table and its guards. A route is a method plus a path pattern whose {@code
 * {}} segments are parameters. Before a handler runs: a session is required (401), every non-GET
 * must carry the session's {@code X-CSRF-Token} (403 {@code CSRF}), and in read-only mode every
 * non-GET other than login/logout is refused (403 {@code READ_ONLY}). Exceptions become contract
 * error documents through the injected mapper. Immutable after construction; thread-safe.
 */
public final class Routes {
  private static final Logger LOG = LoggerFactory.getLogger(Routes.class);
  public static final String CSRF_HEADER = "x-csrf-token";

  /** One route's work; runs on a worker thread and may block up to the configured timeouts. */
  @FunctionalInterface
  public interface Handler {
    ApiResponse handle(Call call);
  }

  /** A matched request: the request, its path parameters in order, and the caller's session. */
  public record Call(ApiRequest request, List<String> params, Session session) {
    public String param(int index) {
      return params.get(index);
    }

    /** A path parameter that must be a non-negative integer. */
    public int intParam(int index) {
      try {
        int value = Integer.parseInt(params.get(index));
        if (value >= 0) {
          return value;
        }
      } catch (NumberFormatException e) {
        // below
      }
      throw ApiException.badRequest("'" + params.get(index) + "' is not a valid number");
    }
  }

  private record Route(
      String method, String[] pattern, boolean open, boolean allowedReadOnly, Handler handler) {
    boolean matches(List<String> segments) {
      if (segments.size() != pattern.length) {
        return false;
      }
      for (int i = 0; i < pattern.length; i++) {
        if (!pattern[i].equals("{}") && !pattern[i].equals(segments.get(i))) {
          return false;
        }
      }
      return true;
    }

    List<String> params(List<String> segments) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < pattern.length; i++) {
        if (pattern[i].equals("{}")) {
          out.add(segments.get(i));
        }
      }
      return List.copyOf(out);
    }
  }

  private final List<Route> routes = new ArrayList<>();
  private final Sessions sessions;
  private final boolean readOnly;
  private final Function<Throwable, ApiException> errors;

  public Routes(Sessions sessions, boolean readOnly, Function<Throwable, ApiException> errors) {
    this.sessions = sessions;
    this.readOnly = readOnly;
    this.errors = errors;
  }

  /** Adds a route that needs a session (and CSRF + write permission when not a GET). */
  public Routes add(String method, String pattern, Handler handler) {
    routes.add(new Route(method, split(pattern), false, false, handler));
    return this;
  }

  /** Adds a route open without a session (login). */
  public Routes addOpen(String method, String pattern, Handler handler) {
    routes.add(new Route(method, split(pattern), true, true, handler));
    return this;
  }

  /** Adds a session route allowed in read-only mode although it is not a GET (logout). */
  public Routes addReadOnlySafe(String method, String pattern, Handler handler) {
    routes.add(new Route(method, split(pattern), false, true, handler));
    return this;
  }

  /** Whether any route has this path (used to tell API paths from asset paths). */
  public boolean isApiPath(List<String> segments) {
    return segments.size() >= 2 && segments.get(0).equals("api") && segments.get(1).equals("v1");
  }

  /** The session a request carries, if it is live. */
  public Optional<Session> session(ApiRequest request) {
    return request.sessionId().flatMap(sessions::find);
  }

  /** Runs the guards and the matching handler; never throws. */
  public ApiResponse handle(ApiRequest request) {
    try {
      return dispatch(request);
    } catch (RuntimeException e) {
      ApiException mapped = e instanceof ApiException a ? a : errors.apply(e);
      if (mapped.status() >= 500) {
        LOG.warn(
            "Console request failed method={} path={} error={}",
            request.method(),
            String.join("/", request.segments()),
            mapped.getMessage());
        LOG.debug("Console request failure", e);
      }
      return ApiResponse.error(mapped);
    }
  }

  private ApiResponse dispatch(ApiRequest request) {
    List<String> segments = request.segments();
    List<Route> samePath = routes.stream().filter(r -> r.matches(segments)).toList();
    String method = request.method().equals("HEAD") ? "GET" : request.method();
    Optional<Route> route = samePath.stream().filter(r -> r.method.equals(method)).findFirst();
    boolean open = route.map(Route::open).orElse(false);
    Session session = null;
    if (!open) {
      session = session(request).orElseThrow(() -> ApiException.unauthenticated("log in first"));
    }
    if (route.isEmpty()) {
      if (samePath.isEmpty()) {
        throw ApiException.notFound("no such API path");
      }
      throw new ApiException(405, "METHOD_NOT_ALLOWED", "method not allowed here", null);
    }
    Route r = route.get();
    if (!open && !request.isGet()) {
      if (!Sessions.csrfMatches(session, request.header(CSRF_HEADER).orElse(null))) {
        throw new ApiException(403, "CSRF", "missing or wrong X-CSRF-Token header", null);
      }
      if (readOnly && !r.allowedReadOnly()) {
        throw new ApiException(403, "READ_ONLY", "the console is in read-only mode", null);
      }
    }
    return r.handler().handle(new Call(request, r.params(segments), session));
  }

  private static String[] split(String pattern) {
    return Arrays.stream(pattern.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
  }
}
