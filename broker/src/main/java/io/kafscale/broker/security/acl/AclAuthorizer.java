/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.acl;

import io.kafscale.metadata.acl.AclBinding;
import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclResourceType;
import io.kafscale.metadata.registry.AclRegistry;
import io.kafscale.metadata.store.MetadataStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The broker's {@link Authorizer}: {@link AclRules} over the bindings an {@link AclCache} keeps
 * current from the metadata store, swapped atomically on every change. Also gives the ACL APIs
 * their registry. Thread-safe; owns (closes) the cache.
 */
public final class AclAuthorizer implements Authorizer, AutoCloseable {
  /** Safety net behind the watch: how often the whole ACL prefix is re-read. */
  public static final Duration RESYNC_INTERVAL = Duration.ofSeconds(30);

  private final AuthorizerConfig config;
  private final AclRegistry registry;
  private final AclCache cache;
  private volatile AclRules rules;

  public AclAuthorizer(AuthorizerConfig config, AclRegistry registry, MetadataStore store) {
    this.config = config;
    this.registry = registry;
    this.rules = new AclRules(List.of(), config);
    this.cache = new AclCache(store, registry.prefix(), RESYNC_INTERVAL, this::update);
  }

  /** Loads the ACLs and follows their changes; completes once they are loaded. */
  public CompletableFuture<Void> start() {
    return cache.start();
  }

  private void update(List<AclBinding> bindings) {
    rules = new AclRules(bindings, config);
  }

  public AuthorizerConfig config() {
    return config;
  }

  public AclRegistry registry() {
    return registry;
  }

  @Override
  public boolean authorize(
      KafkaPrincipal principal,
      String host,
      AclOperation operation,
      AclResourceType type,
      String name) {
    return rules.authorize(principal, host, operation, type, name);
  }

  @Override
  public boolean authorizeAny(
      KafkaPrincipal principal, String host, AclOperation operation, AclResourceType type) {
    return rules.authorizeAny(principal, host, operation, type);
  }

  @Override
  public void close() {
    cache.close();
  }
}
