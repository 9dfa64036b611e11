/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EtcdConfigTest {

  @Test
  void shouldReportEveryProblemAtOnce() {
    assertThatThrownBy(
            () ->
                new EtcdConfig(
                    List.of("not a url", "ftp://h:1"),
                    Optional.of("root"),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(Path.of("cert.pem")),
                    Optional.empty(),
                    Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'not a url'")
        .hasMessageContaining("'ftp://h:1'")
        .hasMessageContaining("username and password")
        .hasMessageContaining("certFile and keyFile")
        .hasMessageContaining("requestTimeout");
  }

  @Test
  void shouldRejectAConfigWithoutEndpoints() {
    assertThatThrownBy(() -> EtcdConfig.of(List.of()))
        .hasMessageContaining("at least one endpoint");
  }

  @Test
  void shouldGiveBareEndpointsTheSchemeThatTlsImplies() {
    // Given
    EtcdConfig plain = EtcdConfig.of(List.of("etcd-0:2379", "http://etcd-1:2379"));
    EtcdConfig tls =
        new EtcdConfig(
            List.of("etcd-0:2379"),
            Optional.empty(),
            Optional.empty(),
            Optional.of(Path.of("ca.pem")),
            Optional.empty(),
            Optional.empty(),
            EtcdConfig.DEFAULT_REQUEST_TIMEOUT);
    // Then
    assertThat(plain.tls()).isFalse();
    assertThat(plain.endpointUris())
        .containsExactly(URI.create("http://etcd-0:2379"), URI.create("http://etcd-1:2379"));
    assertThat(tls.tls()).isTrue();
    assertThat(tls.endpointUris()).containsExactly(URI.create("https://etcd-0:2379"));
  }

  @Test
  void shouldNeverShowThePasswordInToString() {
    // When
    String shown =
        EtcdConfig.of(List.of("127.0.0.1:2379")).withCredentials("kafscale", "s3cret").toString();
    // Then
    assertThat(shown).contains("kafscale").doesNotContain("s3cret");
  }
}
