/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * fabric8's mock API server in CRUD mode on 127.0.0.1 with the Kafscale CRDs installed from the
 * operator's CRD YAML, and a client to it. Closed by the test.
 */
public final class MockKubernetes implements AutoCloseable {
  private final KubernetesMockServer server;
  private final KubernetesClient client;

  public MockKubernetes() throws UnknownHostException {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    client = server.createClient();
    for (String crd :
        new String[] {
          "crds/kafscaleclusters.kafscale.io-v1.yml", "crds/kafscaletopics.kafscale.io-v1.yml"
        }) {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .resource(Serialization.unmarshal(Resources.text(crd), CustomResourceDefinition.class))
          .create();
    }
  }

  public KubernetesClient client() {
    return client;
  }

  /** Another client to the same server whose requests carry {@code userAgent}. */
  public KubernetesClient client(String userAgent) {
    return server.createClient(b -> b.editOrNewConfig().withUserAgent(userAgent).endConfig());
  }

  /** Every request the server received since the last call, oldest first. */
  public List<RecordedRequest> takeRequests() throws InterruptedException {
    List<RecordedRequest> out = new ArrayList<>();
    for (RecordedRequest r = server.takeRequest(1, TimeUnit.MILLISECONDS);
        r != null;
        r = server.takeRequest(1, TimeUnit.MILLISECONDS)) {
      out.add(r);
    }
    return out;
  }

  @Override
  public void close() {
    client.close();
    try {
      server.destroy();
    } catch (IllegalStateException e) {
      // "Unable to close MockWebServer": its close waits at most 10 s for connections the closed
      // clients are still tearing down, which a loaded CI machine can exceed. The server stops
      // anyway; a test's outcome never depends on this wait.
      if (!(e.getCause() instanceof java.util.concurrent.TimeoutException)) {
        throw e;
      }
    }
  }
}
