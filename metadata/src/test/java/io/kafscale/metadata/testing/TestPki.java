/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.metadata.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority for TLS tests, made with the {@code openssl} CLI (override
 * with {@code -Dopenssl.binary=PATH}) into a directory the test owns: a CA, a server certificate
 * for IP 127.0.0.1 and a client certificate, all EC P-256, valid for one day, keys as unencrypted
 * PKCS#8 PEM (what both etcd and Netty read). Immutable once created.
 *
 * @param caFile the CA certificate (PEM)
 * @param serverCertFile server certificate with IP SAN 127.0.0.1, usable for server and client auth
 * @param serverKeyFile its private key
 * @param clientCertFile client certificate (CN {@code kafscale-test-client}), client auth only
 * @param clientKeyFile its private key
 */
public record TestPki(
    Path caFile, Path serverCertFile, Path serverKeyFile, Path clientCertFile, Path clientKeyFile) {

  /** Creates the CA and both certificates under {@code dir}. */
  public static TestPki create(Path dir) {
    Path caKey = dir.resolve("ca.key");
    Path ca = dir.resolve("ca.crt");
    openssl(
        dir,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        caKey.toString(),
        "-out",
        ca.toString(),
        "-days",
        "1",
        "-subj",
        "/CN=kafscale-test-ca",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
    Path server =
        leaf(dir, "server", "127.0.0.1", 1001, "serverAuth,clientAuth", "IP:127.0.0.1", ca, caKey);
    Path client = leaf(dir, "client", "kafscale-test-client", 1002, "clientAuth", null, ca, caKey);
    return new TestPki(ca, server, dir.resolve("server.key"), client, dir.resolve("client.key"));
  }

  /** The server side as {@link EtcdServer} takes it. */
  public EtcdServer.Tls serverTls() {
    return new EtcdServer.Tls(caFile, serverCertFile, serverKeyFile);
  }

  private static Path leaf(
      Path dir,
      String name,
      String commonName,
      int serial,
      String extendedKeyUsage,
      String subjectAltName,
      Path ca,
      Path caKey) {
    Path key = dir.resolve(name + ".key");
    Path csr = dir.resolve(name + ".csr");
    Path cert = dir.resolve(name + ".crt");
    Path ext = dir.resolve(name + ".ext");
    List<String> extensions =
        new ArrayList<>(
            List.of(
                "basicConstraints=critical,CA:FALSE",
                "keyUsage=critical,digitalSignature",
                "extendedKeyUsage=" + extendedKeyUsage));
    if (subjectAltName != null) {
      extensions.add("subjectAltName=" + subjectAltName);
    }
    try {
      Files.write(ext, extensions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    openssl(
        dir,
        "req",
        "-new",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        key.toString(),
        "-out",
        csr.toString(),
        "-subj",
        "/CN=" + commonName);
    openssl(
        dir,
        "x509",
        "-req",
        "-in",
        csr.toString(),
        "-CA",
        ca.toString(),
        "-CAkey",
        caKey.toString(),
        "-set_serial",
        Integer.toString(serial),
        "-days",
        "1",
        "-extfile",
        ext.toString(),
        "-out",
        cert.toString());
    return cert;
  }

  private static void openssl(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("openssl.binary", "openssl"));
    command.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("openssl " + args[0] + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot run openssl (needed to make test certificates): install the openssl package", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running openssl", e);
    }
  }
}
