/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.scram;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.security.scram.ScramKeys;
import io.kafscale.broker.security.scram.ScramMechanism;
import io.kafscale.metadata.keys.KeyLayout;
import io.kafscale.metadata.model.ScramCredentialRecord;
import io.kafscale.metadata.registry.store.StoreScramCredentialRegistry;
import io.kafscale.metadata.store.ManualClock;
import io.kafscale.metadata.store.memory.InMemoryMetadataStore;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.message.AlterUserScramCredentialsRequestData;
import org.apache.kafka.common.message.AlterUserScramCredentialsRequestData.ScramCredentialDeletion;
import org.apache.kafka.common.message.AlterUserScramCredentialsRequestData.ScramCredentialUpsertion;
import org.apache.kafka.common.message.AlterUserScramCredentialsResponseData;
import org.apache.kafka.common.message.AlterUserScramCredentialsResponseData.AlterUserScramCredentialsResult;
import org.apache.kafka.common.message.DescribeUserScramCredentialsRequestData;
import org.apache.kafka.common.message.DescribeUserScramCredentialsRequestData.UserName;
import org.apache.kafka.common.message.DescribeUserScramCredentialsResponseData;
import org.apache.kafka.common.message.DescribeUserScramCredentialsResponseData.DescribeUserScramCredentialsResult;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** AlterUserScramCredentials and DescribeUserScramCredentials over the in-memory store. */
class ScramHandlersTest {
  private static final byte SHA256 = ScramMechanism.SCRAM_SHA_256.type();
  private static final byte SHA512 = ScramMechanism.SCRAM_SHA_512.type();
  private static final RequestContext CONTEXT = new RequestContext(1, null, "test");

  private final InMemoryMetadataStore store = new InMemoryMetadataStore(new ManualClock());
  private final StoreScramCredentialRegistry registry =
      new StoreScramCredentialRegistry(store, KeyLayout.defaults());
  private final AlterUserScramCredentialsHandler alter =
      new AlterUserScramCredentialsHandler(registry);
  private final DescribeUserScramCredentialsHandler describe =
      new DescribeUserScramCredentialsHandler(registry);

  @AfterEach
  void close() {
    store.close();
  }

  static ScramCredentialUpsertion upsert(String user, byte mechanism, int iterations) {
    return new ScramCredentialUpsertion()
        .setName(user)
        .setMechanism(mechanism)
        .setIterations(iterations)
        .setSalt((user + "-salt").getBytes(StandardCharsets.UTF_8))
        .setSaltedPassword((user + "-salted").getBytes(StandardCharsets.UTF_8));
  }

  static ScramCredentialDeletion delete(String user, byte mechanism) {
    return new ScramCredentialDeletion().setName(user).setMechanism(mechanism);
  }

  private Map<String, AlterUserScramCredentialsResult> alter(
      List<ScramCredentialUpsertion> upserts, List<ScramCredentialDeletion> deletions)
      throws Exception {
    AlterUserScramCredentialsResponseData response =
        alter
            .handle(
                CONTEXT,
                null,
                new AlterUserScramCredentialsRequestData()
                    .setUpsertions(upserts)
                    .setDeletions(deletions))
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
    return response.results().stream()
        .collect(Collectors.toMap(AlterUserScramCredentialsResult::user, r -> r));
  }

  private DescribeUserScramCredentialsResponseData describe(List<String> users) throws Exception {
    return describe
        .handle(
            CONTEXT,
            null,
            new DescribeUserScramCredentialsRequestData()
                .setUsers(
                    users == null
                        ? null
                        : users.stream().map(u -> new UserName().setName(u)).toList()))
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
  }

  private List<ScramCredentialRecord> stored() throws Exception {
    return registry.list().get(5, TimeUnit.SECONDS);
  }

  @Test
  void shouldStoreTheKeysDerivedFromTheSaltedPasswordNeverThePasswordItself() throws Exception {
    // When
    var results =
        alter(List.of(upsert("alice", SHA256, 4096), upsert("alice", SHA512, 8192)), List.of());

    // Then
    assertThat(results.get("alice").errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(results).hasSize(1);
    ScramCredentialRecord expected =
        ScramKeys.credential(
            "alice",
            ScramMechanism.SCRAM_SHA_512,
            "alice-salt".getBytes(StandardCharsets.UTF_8),
            "alice-salted".getBytes(StandardCharsets.UTF_8),
            8192);
    ScramCredentialRecord sha512 =
        registry.get("alice", "SCRAM-SHA-512").get(5, TimeUnit.SECONDS).orElseThrow();
    assertThat(sha512.storedKey()).isEqualTo(expected.storedKey());
    assertThat(sha512.serverKey()).isEqualTo(expected.serverKey());
    assertThat(sha512.salt()).isEqualTo(expected.salt());
    assertThat(sha512.iterations()).isEqualTo(8192);
    assertThat(Arrays.equals(sha512.storedKey(), "alice-salted".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(stored()).hasSize(2);
  }

  @Test
  void shouldRefuseBadAlterationsUserByUserWithKafkasErrors() throws Exception {
    // When
    var results =
        alter(
            List.of(
                upsert("few", SHA256, 4095),
                upsert("many", SHA512, 16385),
                upsert("", SHA256, 4096),
                upsert("mech", (byte) 3, 4096),
                upsert("dup", SHA256, 4096),
                upsert("dup", SHA256, 5000),
                upsert("ok", SHA256, 16384)),
            List.of(delete("missing", SHA512)));

    // Then
    assertThat(results.get("few").errorCode()).isEqualTo(Errors.UNACCEPTABLE_CREDENTIAL.code());
    assertThat(results.get("few").errorMessage()).isEqualTo("Too few iterations");
    assertThat(results.get("many").errorCode()).isEqualTo(Errors.UNACCEPTABLE_CREDENTIAL.code());
    assertThat(results.get("many").errorMessage()).isEqualTo("Too many iterations");
    assertThat(results.get("").errorCode()).isEqualTo(Errors.UNACCEPTABLE_CREDENTIAL.code());
    assertThat(results.get("mech").errorCode()).isEqualTo(Errors.UNSUPPORTED_SASL_MECHANISM.code());
    assertThat(results.get("dup").errorCode()).isEqualTo(Errors.DUPLICATE_RESOURCE.code());
    assertThat(results.get("missing").errorCode()).isEqualTo(Errors.RESOURCE_NOT_FOUND.code());
    assertThat(results.get("ok").errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(stored()).extracting(ScramCredentialRecord::user).containsExactly("ok");
  }

  @Test
  void shouldApplyNoneOfAUsersAlterationsWhenOneDeletionIsMissing() throws Exception {
    // Given
    alter(List.of(upsert("bob", SHA256, 4096)), List.of());

    // When
    var results =
        alter(
            List.of(upsert("bob", SHA512, 4096)),
            List.of(delete("bob", SHA256), delete("bob", (byte) 2)));

    // Then: SHA-512 is both upserted and deleted: a duplicate
    assertThat(results.get("bob").errorCode()).isEqualTo(Errors.DUPLICATE_RESOURCE.code());

    // When
    results = alter(List.of(upsert("bob", SHA512, 4096)), List.of(delete("bob", SHA256)));
    var missing = alter(List.of(), List.of(delete("bob", SHA256)));

    // Then
    assertThat(results.get("bob").errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(missing.get("bob").errorCode()).isEqualTo(Errors.RESOURCE_NOT_FOUND.code());
    assertThat(stored())
        .extracting(ScramCredentialRecord::mechanism)
        .containsExactly("SCRAM-SHA-512");
  }

  @Test
  void shouldDescribeEveryUserWhenUsersIsNullOrEmpty() throws Exception {
    // Given
    alter(
        List.of(
            upsert("alice", SHA512, 8192),
            upsert("alice", SHA256, 4096),
            upsert("bob", SHA256, 5000)),
        List.of());

    // When
    DescribeUserScramCredentialsResponseData all = describe(null);
    DescribeUserScramCredentialsResponseData empty = describe(List.of());

    // Then
    assertThat(all.errorCode()).isZero();
    assertThat(all.results())
        .extracting(DescribeUserScramCredentialsResult::user)
        .containsExactly("alice", "bob");
    DescribeUserScramCredentialsResult alice = all.results().get(0);
    assertThat(alice.credentialInfos())
        .extracting(i -> i.mechanism() + ":" + i.iterations())
        .containsExactly(SHA256 + ":4096", SHA512 + ":8192");
    assertThat(empty).isEqualTo(all);
  }

  @Test
  void shouldAnswerMissingAndDuplicateUsersWithTheirOwnErrors() throws Exception {
    // Given
    alter(List.of(upsert("alice", SHA512, 8192)), List.of());

    // When
    DescribeUserScramCredentialsResponseData response =
        describe(List.of("alice", "nobody", "twice", "twice"));

    // Then
    Map<String, DescribeUserScramCredentialsResult> byUser =
        response.results().stream()
            .collect(Collectors.toMap(DescribeUserScramCredentialsResult::user, r -> r));
    assertThat(byUser.get("alice").errorCode()).isZero();
    assertThat(byUser.get("alice").credentialInfos()).hasSize(1);
    assertThat(byUser.get("nobody").errorCode()).isEqualTo(Errors.RESOURCE_NOT_FOUND.code());
    assertThat(byUser.get("nobody").errorMessage())
        .isEqualTo("Attempt to describe a user credential that does not exist: nobody");
    assertThat(byUser.get("twice").errorCode()).isEqualTo(Errors.DUPLICATE_RESOURCE.code());
    assertThat(response.results()).hasSize(3);
  }
}
