/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.broker.api.cluster;

import io.kafscale.broker.api.ApiHandler;
import io.kafscale.broker.api.RequestContext;
import io.kafscale.broker.cluster.ClusterView;
import io.kafscale.metadata.model.BrokerRecord;
import io.kafscale.protocol.frame.RequestFrame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData.DescribeClusterBroker;
import org.apache.kafka.common.protocol.Errors;

/**
 * DescribeCluster: this broker, the cluster id, and this broker as controller. Only the broker
 * endpoint type (1) exists here; asking for controllers (v1+) gets UNSUPPORTED_ENDPOINT_TYPE, as
 * from an Apache Kafka broker. Thread-safe.
 */
public final class DescribeClusterHandler implements ApiHandler<DescribeClusterRequestData> {
  private static final byte BROKER_ENDPOINTS = 1;

  private final ClusterView cluster;
  private final String clusterId;

  public DescribeClusterHandler(ClusterView cluster, String clusterId) {
    this.cluster = cluster;
    this.clusterId = clusterId;
  }

  @Override
  public CompletionStage<DescribeClusterResponseData> handle(
      RequestContext context, RequestFrame frame, DescribeClusterRequestData request) {
    DescribeClusterResponseData response =
        new DescribeClusterResponseData().setThrottleTimeMs(0).setClusterId(clusterId);
    if (frame.apiVersion() >= 1) {
      response.setEndpointType(request.endpointType());
      if (request.endpointType() != BROKER_ENDPOINTS) {
        return CompletableFuture.completedFuture(
            response
                .setErrorCode(Errors.UNSUPPORTED_ENDPOINT_TYPE.code())
                .setErrorMessage("Only broker endpoints are served"));
      }
    }
    response.setErrorCode(Errors.NONE.code()).setControllerId(cluster.controllerId());
    for (BrokerRecord b : cluster.brokers()) {
      var endpoint = b.endpoint(context.listenerName());
      response
          .brokers()
          .add(
              new DescribeClusterBroker()
                  .setBrokerId(b.brokerId())
                  .setHost(endpoint.host())
                  .setPort(endpoint.port())
                  .setRack(b.rack().orElse(null)));
    }
    return CompletableFuture.completedFuture(response);
  }
}
