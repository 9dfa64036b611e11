/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.etcd;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kafscale.metadata.etcd.EtcdConfig;
import io.kafscale.operator.crd.KafscaleCluster;
import io.kafscale.operator.crd.KafscaleClusterSpec;
import io.kafscale.operator.model.ClusterDefaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Turns a cluster's etcd spec into the {@link EtcdConfig} the operator connects with, reading the
 * auth and TLS Secrets the brokers also use (TLS material goes to owner-only files in a private
 * directory, since the etcd client reads files). Reports a missing Secret or key instead of
 * failing.
 */
public final class EtcdConfigResolver {
  /** The configuration, or the reason none could be built. */
  public record Resolution(Optional<EtcdConfig> config, String problem) {
    static Resolution of(EtcdConfig c) {
      return new Resolution(Optional.of(c), null);
    }

    static Resolution failed(String problem) {
      return new Resolution(Optional.empty(), problem);
    }
  }

  private final Path tlsRoot;

  public EtcdConfigResolver(Path tlsRoot) {
    this.tlsRoot = tlsRoot;
  }

  public Resolution resolve(KubernetesClient client, KafscaleCluster c) {
    EtcdConfig config = EtcdConfig.of(Arrays.asList(ClusterDefaults.etcdEndpoints(c).split(",")));
    if (ClusterDefaults.managedEtcd(c)) {
      return Resolution.of(config);
    }
    KafscaleClusterSpec.Etcd etcd = ClusterDefaults.spec(c).etcd;
    String ns = ClusterDefaults.namespace(c);
    if (etcd.authSecretRef != null) {
      Secret s = secret(client, ns, etcd.authSecretRef.name);
      Optional<String> user = key(s, "username");
      Optional<String> pass = key(s, "password");
      if (s == null || user.isEmpty() || pass.isEmpty()) {
        return Resolution.failed(
            missing("etcd auth", etcd.authSecretRef.name, ns, s, "username, password"));
      }
      config = config.withCredentials(user.get(), pass.get());
    }
    if (etcd.tlsSecretRef != null) {
      Secret s = secret(client, ns, etcd.tlsSecretRef.name);
      Optional<String> ca = key(s, "ca.crt");
      Optional<String> crt = key(s, "tls.crt");
      Optional<String> k = key(s, "tls.key");
      if (s == null || ca.isEmpty() || crt.isEmpty() || k.isEmpty()) {
        return Resolution.failed(
            missing("etcd TLS", etcd.tlsSecretRef.name, ns, s, "ca.crt, tls.crt, tls.key"));
      }
      Path dir = tlsRoot.resolve(ns + "_" + ClusterDefaults.name(c));
      config =
          new EtcdConfig(
              config.endpoints(),
              config.username(),
              config.password(),
              Optional.of(write(dir, "ca.crt", ca.get())),
              Optional.of(write(dir, "tls.crt", crt.get())),
              Optional.of(write(dir, "tls.key", k.get())),
              config.requestTimeout());
    }
    return Resolution.of(config);
  }

  private static String missing(String what, String name, String ns, Secret s, String keys) {
    return s == null
        ? what + " secret '" + name + "' not found in namespace '" + ns + "'"
        : what + " secret '" + name + "' lacks one of the keys " + keys;
  }

  static Secret secret(KubernetesClient client, String ns, String name) {
    return client.secrets().inNamespace(ns).withName(name).get();
  }

  /** A Secret's value by key from data (base64) or stringData. */
  public static Optional<String> key(Secret s, String key) {
    if (s == null) {
      return Optional.empty();
    }
    if (s.getData() != null && s.getData().get(key) != null) {
      return Optional.of(
          new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8));
    }
    return s.getStringData() == null
        ? Optional.empty()
        : Optional.ofNullable(s.getStringData().get(key));
  }

  private static Path write(Path dir, String name, String content) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(name);
      Files.writeString(file, content);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
