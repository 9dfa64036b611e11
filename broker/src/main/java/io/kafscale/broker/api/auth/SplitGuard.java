/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.auth;

import io.kafscale.broker.api.RequestHandler;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.Message;

/**
 * Authorizes a request naming several resources (topics, groups, config resources) one by one, as
 * Kafka's handlers do: the resources the principal may touch go to the handler, the others get the
 * authorization error in their own result, and both parts are merged into one response. When all
 * are allowed the request passes untouched; when none is, the handler is not called. The error part
 * comes from the request's own error response, so its shape is always right for the version. With
 * {@link #inRequestOrder} a merged response lists its results in the order the request named them.
 * Immutable; thread-safe.
 *
 * @param <Q> request body type
 * @param <R> response body type
 */
final class SplitGuard<Q extends ApiMessage, R extends ApiMessage> implements Guard {
  private final Function<Q, List<String>> keys;
  private final BiFunction<Access, String, Errors> check;
  private final BiFunction<Q, Predicate<String>, Q> keep;
  private final BiConsumer<R, R> mergeInto;
  private final BiFunction<Q, Errors, R> errorResponse;
  private final BiConsumer<R, List<String>> order;

  /**
   * @param keys the resource keys the request names (null entries: unresolved, always forwarded)
   * @param check NONE when allowed, else the error of that resource
   * @param keep a copy of the request naming only the keys the predicate accepts
   * @param mergeInto adds the second response's results to the first
   */
  SplitGuard(
      Function<Q, List<String>> keys,
      BiFunction<Access, String, Errors> check,
      BiFunction<Q, Predicate<String>, Q> keep,
      BiConsumer<R, R> mergeInto) {
    this(keys, check, keep, mergeInto, null);
  }

  /**
   * As above, with {@code errorResponse} building the denied part's answer (null: the request's own
   * error response).
   */
  SplitGuard(
      Function<Q, List<String>> keys,
      BiFunction<Access, String, Errors> check,
      BiFunction<Q, Predicate<String>, Q> keep,
      BiConsumer<R, R> mergeInto,
      BiFunction<Q, Errors, R> errorResponse) {
    this(keys, check, keep, mergeInto, errorResponse, (r, requestOrder) -> {});
  }

  private SplitGuard(
      Function<Q, List<String>> keys,
      BiFunction<Access, String, Errors> check,
      BiFunction<Q, Predicate<String>, Q> keep,
      BiConsumer<R, R> mergeInto,
      BiFunction<Q, Errors, R> errorResponse,
      BiConsumer<R, List<String>> order) {
    this.keys = keys;
    this.check = check;
    this.keep = keep;
    this.mergeInto = mergeInto;
    this.errorResponse = errorResponse;
    this.order = order;
  }

  /**
   * This guard, putting a merged response's {@code results} back in request order by their {@code
   * key} (results whose key the request did not name go last, in their merged order).
   */
  <E> SplitGuard<Q, R> inRequestOrder(
      Function<R, ? extends Collection<E>> results, Function<E, String> key) {
    return new SplitGuard<>(
        keys,
        check,
        keep,
        mergeInto,
        errorResponse,
        (response, requestOrder) -> sort(results.apply(response), key, requestOrder));
  }

  @Override
  @SuppressWarnings("unchecked")
  public CompletionStage<ApiMessage> handle(
      Access access, RequestFrame frame, RequestHandler next) {
    Q request = (Q) frame.body();
    List<String> requested = keys.apply(request);
    Map<String, Errors> denied = new HashMap<>();
    for (String key : requested) {
      if (key != null && !denied.containsKey(key)) {
        Errors error = check.apply(access, key);
        if (error != Errors.NONE) {
          denied.put(key, error);
        }
      }
    }
    if (denied.isEmpty()) {
      return access.forward(next, frame, request);
    }
    Set<String> deniedKeys = denied.keySet();
    Q allowedPart = keep.apply(request, k -> k == null || !deniedKeys.contains(k));
    boolean anyAllowed = !keys.apply(allowedPart).isEmpty();
    CompletionStage<ApiMessage> served =
        anyAllowed
            ? access.forward(next, frame, allowedPart)
            : CompletableFuture.completedFuture(null);
    return served.thenApply(
        response -> {
          R merged = (R) response;
          for (Errors error : Set.copyOf(denied.values())) {
            Q deniedPart = keep.apply(request, k -> k != null && denied.get(k) == error);
            R errors =
                errorResponse != null
                    ? errorResponse.apply(deniedPart, error)
                    : (R) Access.error(frame, deniedPart, error);
            if (merged == null) {
              merged = errors;
            } else {
              mergeInto.accept(merged, errors);
            }
          }
          order.accept(merged, requested);
          return merged;
        });
  }

  /** Stable sort of {@code results} by the position of their key in {@code requestOrder}. */
  static <E> void sort(Collection<E> results, Function<E, String> key, List<String> requestOrder) {
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < requestOrder.size(); i++) {
      if (requestOrder.get(i) != null) {
        position.putIfAbsent(requestOrder.get(i), i);
      }
    }
    Comparator<E> byRequest =
        Comparator.comparingInt(
            e -> {
              String k = key.apply(e);
              return k == null ? Integer.MAX_VALUE : position.getOrDefault(k, Integer.MAX_VALUE);
            });
    if (results instanceof List<E> list) {
      list.sort(byRequest);
      return;
    }
    // Kafka's keyed result collections are not lists and their elements carry their links: refill
    // them with copies in the new order.
    List<E> sorted = new ArrayList<>(results);
    sorted.sort(byRequest);
    results.clear();
    for (E e : sorted) {
      results.add(copy(e));
    }
  }

  @SuppressWarnings("unchecked")
  private static <E> E copy(E element) {
    return element instanceof Message m ? (E) m.duplicate() : element;
  }
}
