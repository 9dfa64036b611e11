/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.security.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test certificates made with the {@code openssl} command in a directory: a CA, a server
 * certificate for localhost/127.0.0.1 and a client certificate {@code O=Kafscale/CN=client}, each
 * key PKCS#8 PEM, plus {@code client-keystore.pem} (key + certificate) for kafka-clients' PEM
 * keystore.
 */
public record TestCertificates(Path dir) {

  public Path caCert() {
    return dir.resolve("ca.pem");
  }

  public Path serverCert() {
    return dir.resolve("server.pem");
  }

  public Path serverKey() {
    return dir.resolve("server.key");
  }

  public Path clientKeystore() {
    return dir.resolve("client-keystore.pem");
  }

  /** Creates the CA, server and client material in {@code dir}. */
  public static TestCertificates create(Path dir) {
    TestCertificates certs = new TestCertificates(dir);
    certs.run(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=kafscale-test-ca");
    certs.issueServer("server");
    certs.issue("client", "/O=Kafscale/CN=client", null);
    try {
      Files.writeString(
          certs.clientKeystore(),
          Files.readString(dir.resolve("client.key"))
              + Files.readString(dir.resolve("client.pem")));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return certs;
  }

  /** Issues a new server certificate/key pair over the old files (rotation). */
  public void rotateServer() {
    issueServer("server");
  }

  private void issueServer(String name) {
    try {
      Files.writeString(dir.resolve("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    issue(name, "/CN=localhost", "san.ext");
  }

  private void issue(String name, String subject, String extFile) {
    run(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        name + ".key",
        "-out",
        name + ".csr",
        "-subj",
        subject);
    List<String> sign =
        new ArrayList<>(
            List.of(
                "x509",
                "-req",
                "-in",
                name + ".csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                name + ".pem",
                "-days",
                "2"));
    if (extFile != null) {
      sign.addAll(List.of("-extfile", extFile));
    }
    run(sign.toArray(String[]::new));
  }

  private void run(String... args) {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    try {
      Process process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("openssl is needed (scripts/install-test-deps.sh)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
