/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.admin;

import java.util.concurrent.CompletableFuture;

/**
 * One group of read-only JSON endpoints under {@code /api/v1} of the admin HTTP server. The handler
 * asks each installed API in turn whether it {@link #serves} a path and answers with the first that
 * does. Implementations are thread-safe and never block the caller.
 */
public interface JsonApi {

  /** Whether {@code path} (already stripped of its query) is one of this API's paths. */
  boolean serves(String path);

  /** Answers a GET of {@code path}; a failed future is answered with 500. */
  CompletableFuture<GroupsApi.JsonResponse> get(String path);

  /** {@code {"error": error}} with {@code status}. */
  static GroupsApi.JsonResponse error(int status, String error) {
    return new GroupsApi.JsonResponse(
        status, new JsonWriter().beginObject().field("error", error).endObject().toString());
  }
}
