/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.acl;

import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.security.acl.AclAuthorizer;
import io.kafscale.metadata.acl.AclBinding;
import io.kafscale.metadata.acl.AclBindingFilter;
import io.kafscale.metadata.acl.AclEntry;
import io.kafscale.metadata.acl.AclOperation;
import io.kafscale.metadata.acl.AclPatternType;
import io.kafscale.metadata.acl.AclPermission;
import io.kafscale.metadata.acl.AclResourceType;
import io.kafscale.metadata.acl.ResourcePattern;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.CreateAclsRequestData;
import org.apache.kafka.common.message.CreateAclsResponseData;
import org.apache.kafka.common.message.CreateAclsResponseData.AclCreationResult;
import org.apache.kafka.common.message.DeleteAclsRequestData;
import org.apache.kafka.common.message.DeleteAclsRequestData.DeleteAclsFilter;
import org.apache.kafka.common.message.DeleteAclsResponseData;
import org.apache.kafka.common.message.DeleteAclsResponseData.DeleteAclsFilterResult;
import org.apache.kafka.common.message.DeleteAclsResponseData.DeleteAclsMatchingAcl;
import org.apache.kafka.common.message.DescribeAclsRequestData;
import org.apache.kafka.common.message.DescribeAclsResponseData;
import org.apache.kafka.common.message.DescribeAclsResponseData.AclDescription;
import org.apache.kafka.common.message.DescribeAclsResponseData.DescribeAclsResource;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CreateAcls, DescribeAcls and DeleteAcls over the ACL registry, as Kafka answers them: without an
 * authorizer every result is SECURITY_DISABLED; the caller needs ALTER (create, delete) or DESCRIBE
 * (describe) on the CLUSTER, else CLUSTER_AUTHORIZATION_FAILED; an invalid binding or filter gets
 * INVALID_REQUEST in its own result. Thread-safe and non-blocking.
 */
public final class AclApis {
  private static final Logger LOG = LoggerFactory.getLogger(AclApis.class);

  /** What a client is told when the store fails; details go to the broker log. */
  static final String GENERIC_FAILURE = "The ACL change could not be stored; see the broker log";

  private static final String NO_AUTHORIZER = "No Authorizer is configured.";

  private final Optional<AclAuthorizer> authorizer;

  /** {@code authorizer} empty: authorization is disabled. */
  public AclApis(Optional<AclAuthorizer> authorizer) {
    this.authorizer = authorizer;
  }

  public CompletionStage<CreateAclsResponseData> create(
      RequestContext context, RequestFrame frame, CreateAclsRequestData request) {
    Errors denied = check(context, AclOperation.ALTER);
    if (denied != Errors.NONE) {
      List<AclCreationResult> results = new ArrayList<>();
      request.creations().forEach(c -> results.add(result(denied, message(denied))));
      return CompletableFuture.completedFuture(new CreateAclsResponseData().setResults(results));
    }
    List<CompletableFuture<AclCreationResult>> results = new ArrayList<>();
    for (CreateAclsRequestData.AclCreation c : request.creations()) {
      AclBinding binding = binding(c);
      Optional<String> problem = binding.problem();
      results.add(
          problem.isPresent()
              ? CompletableFuture.completedFuture(result(Errors.INVALID_REQUEST, problem.get()))
              : authorizer
                  .orElseThrow()
                  .registry()
                  .create(binding)
                  .handle(
                      (v, failure) ->
                          failure == null
                              ? result(Errors.NONE, null)
                              : result(
                                  Errors.UNKNOWN_SERVER_ERROR,
                                  storeFailure(context, "CreateAcls", failure))));
    }
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .thenApply(
            v ->
                new CreateAclsResponseData()
                    .setResults(results.stream().map(CompletableFuture::join).toList()));
  }

  public CompletionStage<DescribeAclsResponseData> describe(
      RequestContext context, RequestFrame frame, DescribeAclsRequestData request) {
    Errors denied = check(context, AclOperation.DESCRIBE);
    if (denied != Errors.NONE) {
      return CompletableFuture.completedFuture(
          new DescribeAclsResponseData()
              .setErrorCode(denied.code())
              .setErrorMessage(message(denied)));
    }
    AclBindingFilter filter =
        filter(
            request.resourceTypeFilter(),
            request.resourceNameFilter(),
            request.patternTypeFilter(),
            request.principalFilter(),
            request.hostFilter(),
            request.operation(),
            request.permissionType());
    if (filter.problem().isPresent()) {
      return CompletableFuture.completedFuture(
          new DescribeAclsResponseData()
              .setErrorCode(Errors.INVALID_REQUEST.code())
              .setErrorMessage(filter.problem().get()));
    }
    return authorizer
        .orElseThrow()
        .registry()
        .list()
        .thenApply(all -> describeResponse(all.stream().filter(filter::matches).toList()));
  }

  public CompletionStage<DeleteAclsResponseData> delete(
      RequestContext context, RequestFrame frame, DeleteAclsRequestData request) {
    Errors denied = check(context, AclOperation.ALTER);
    List<CompletableFuture<DeleteAclsFilterResult>> results = new ArrayList<>();
    for (DeleteAclsFilter f : request.filters()) {
      results.add(
          CompletableFuture.completedFuture(null).thenCompose(v -> deleteOne(context, denied, f)));
    }
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .thenApply(
            v ->
                new DeleteAclsResponseData()
                    .setFilterResults(results.stream().map(CompletableFuture::join).toList()));
  }

  private CompletableFuture<DeleteAclsFilterResult> deleteOne(
      RequestContext context, Errors denied, DeleteAclsFilter f) {
    if (denied != Errors.NONE) {
      return CompletableFuture.completedFuture(
          new DeleteAclsFilterResult()
              .setErrorCode(denied.code())
              .setErrorMessage(message(denied)));
    }
    AclBindingFilter filter =
        filter(
            f.resourceTypeFilter(),
            f.resourceNameFilter(),
            f.patternTypeFilter(),
            f.principalFilter(),
            f.hostFilter(),
            f.operation(),
            f.permissionType());
    if (filter.problem().isPresent()) {
      return CompletableFuture.completedFuture(
          new DeleteAclsFilterResult()
              .setErrorCode(Errors.INVALID_REQUEST.code())
              .setErrorMessage(filter.problem().get()));
    }
    return authorizer
        .orElseThrow()
        .registry()
        .delete(filter)
        .handle(
            (deleted, failure) ->
                failure != null
                    ? new DeleteAclsFilterResult()
                        .setErrorCode(Errors.UNKNOWN_SERVER_ERROR.code())
                        .setErrorMessage(storeFailure(context, "DeleteAcls", failure))
                    : new DeleteAclsFilterResult()
                        .setMatchingAcls(deleted.stream().map(AclApis::matching).toList()));
  }

  /**
   * Logs why the metadata store refused an ACL change and returns what the client is told: a
   * generic message, since the failure may name store endpoints, keys or internal classes.
   */
  private static String storeFailure(RequestContext context, String api, Throwable failure) {
    LOG.warn(
        "ACL change failed clientId={} apiKey={} principal={} error={}",
        context.clientId(),
        api,
        context.principal(),
        String.valueOf(failure));
    return GENERIC_FAILURE;
  }

  /** NONE, SECURITY_DISABLED without an authorizer, or CLUSTER_AUTHORIZATION_FAILED. */
  private Errors check(RequestContext context, AclOperation operation) {
    if (authorizer.isEmpty()) {
      return Errors.SECURITY_DISABLED;
    }
    boolean allowed =
        authorizer
            .get()
            .authorize(
                context.principal(),
                context.host(),
                operation,
                AclResourceType.CLUSTER,
                AclResourceType.CLUSTER_NAME);
    return allowed ? Errors.NONE : Errors.CLUSTER_AUTHORIZATION_FAILED;
  }

  private static String message(Errors error) {
    return error == Errors.SECURITY_DISABLED ? NO_AUTHORIZER : error.message();
  }

  private static AclCreationResult result(Errors error, String message) {
    return new AclCreationResult().setErrorCode(error.code()).setErrorMessage(message);
  }

  static AclBinding binding(CreateAclsRequestData.AclCreation c) {
    return new AclBinding(
        new ResourcePattern(
            AclResourceType.fromCode(c.resourceType()),
            c.resourceName() == null ? "" : c.resourceName(),
            AclPatternType.fromCode(c.resourcePatternType())),
        new AclEntry(
            c.principal() == null ? "" : c.principal(),
            c.host() == null ? "" : c.host(),
            AclOperation.fromCode(c.operation()),
            AclPermission.fromCode(c.permissionType())));
  }

  static AclBindingFilter filter(
      byte type,
      String name,
      byte patternType,
      String principal,
      String host,
      byte operation,
      byte permission) {
    return new AclBindingFilter(
        AclResourceType.fromCode(type),
        name,
        AclPatternType.fromCode(patternType),
        principal,
        host,
        AclOperation.fromCode(operation),
        AclPermission.fromCode(permission));
  }

  private static DescribeAclsResponseData describeResponse(List<AclBinding> bindings) {
    Map<ResourcePattern, List<AclDescription>> byPattern = new LinkedHashMap<>();
    for (AclBinding b : bindings) {
      byPattern
          .computeIfAbsent(b.pattern(), p -> new ArrayList<>())
          .add(
              new AclDescription()
                  .setPrincipal(b.entry().principal())
                  .setHost(b.entry().host())
                  .setOperation(b.entry().operation().code())
                  .setPermissionType(b.entry().permission().code()));
    }
    List<DescribeAclsResource> resources = new ArrayList<>();
    byPattern.forEach(
        (p, acls) ->
            resources.add(
                new DescribeAclsResource()
                    .setResourceType(p.type().code())
                    .setResourceName(p.name())
                    .setPatternType(p.patternType().code())
                    .setAcls(acls)));
    return new DescribeAclsResponseData().setResources(resources);
  }

  private static DeleteAclsMatchingAcl matching(AclBinding b) {
    return new DeleteAclsMatchingAcl()
        .setResourceType(b.pattern().type().code())
        .setResourceName(b.pattern().name())
        .setPatternType(b.pattern().patternType().code())
        .setPrincipal(b.entry().principal())
        .setHost(b.entry().host())
        .setOperation(b.entry().operation().code())
        .setPermissionType(b.entry().permission().code());
  }
}
