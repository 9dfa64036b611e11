/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.security.acl.AclAuthorizer;
import io.kafscale.broker.security.acl.AuthorizerConfig;
import io.kafscale.broker.security.acl.KafkaPrincipal;
import io.kafscale.metadata.acl.AclBinding;
import io.kafscale.metadata.acl.AclBindingFilter;
import io.kafscale.metadata.registry.AclRegistry;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.CreateAclsRequestData;
import org.apache.kafka.common.message.CreateAclsResponseData;
import org.apache.kafka.common.message.DeleteAclsRequestData;
import org.apache.kafka.common.message.DeleteAclsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AclApisTest {
  private static final String INTERNAL = "etcd endpoint 10.1.2.3:2379 refused key /kafscale/acls/x";

  /** A registry whose writes fail with a message full of internal details. */
  private static final AclRegistry FAILING =
      new AclRegistry() {
        @Override
        public CompletableFuture<List<AclBinding>> list() {
          return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<Void> create(AclBinding binding) {
          return CompletableFuture.failedFuture(new IllegalStateException(INTERNAL));
        }

        @Override
        public CompletableFuture<List<AclBinding>> delete(AclBindingFilter filter) {
          return CompletableFuture.failedFuture(new IllegalStateException(INTERNAL));
        }

        @Override
        public String prefix() {
          return "/kafscale/acls/";
        }
      };

  private final InMemoryMetadataStore store = new InMemoryMetadataStore();
  private final AclAuthorizer authorizer =
      new AclAuthorizer(
          new AuthorizerConfig(true, Set.of(new KafkaPrincipal("User", "admin")), false),
          FAILING,
          store);
  private final AclApis apis = new AclApis(Optional.of(authorizer));
  private final RequestContext admin =
      new RequestContext(1, null, "test", new KafkaPrincipal("User", "admin"));

  @AfterEach
  void close() {
    authorizer.close();
    store.close();
  }

  @Test
  void shouldAnswerAFailedCreateWithAGenericMessage() {
    // Given
    CreateAclsRequestData request = new CreateAclsRequestData();
    request
        .creations()
        .add(
            new CreateAclsRequestData.AclCreation()
                .setResourceType((byte) 2)
                .setResourceName("orders")
                .setResourcePatternType((byte) 3)
                .setPrincipal("User:alice")
                .setHost("*")
                .setOperation((byte) 3)
                .setPermissionType((byte) 3));

    // When
    CreateAclsResponseData response =
        apis.create(admin, null, request).toCompletableFuture().join();

    // Then
    var result = response.results().get(0);
    assertThat(result.errorCode()).isEqualTo(Errors.UNKNOWN_SERVER_ERROR.code());
    assertThat(result.errorMessage()).isEqualTo(AclApis.GENERIC_FAILURE).doesNotContain("10.1.2.3");
  }

  @Test
  void shouldAnswerAFailedDeleteWithAGenericMessage() {
    // Given
    DeleteAclsRequestData request = new DeleteAclsRequestData();
    request
        .filters()
        .add(
            new DeleteAclsRequestData.DeleteAclsFilter()
                .setResourceTypeFilter((byte) 2)
                .setResourceNameFilter("orders")
                .setPatternTypeFilter((byte) 3)
                .setPrincipalFilter("User:alice")
                .setHostFilter("*")
                .setOperation((byte) 3)
                .setPermissionType((byte) 3));

    // When
    DeleteAclsResponseData response =
        apis.delete(admin, null, request).toCompletableFuture().join();

    // Then
    var result = response.filterResults().get(0);
    assertThat(result.errorCode()).isEqualTo(Errors.UNKNOWN_SERVER_ERROR.code());
    assertThat(result.errorMessage()).isEqualTo(AclApis.GENERIC_FAILURE);
  }
}
