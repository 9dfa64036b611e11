/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
package io.kafscale.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;
import java.util.Map;

/**
 * Desired state of a {@link KafscaleCluster}. Field names and nesting follow the CRD schema exactly
 * (checked by CrdModelAgreementTest); unset fields are null and their defaults live in {@link
 * io.kafscale.operator.model.ClusterDefaults}, never here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafscaleClusterSpec {
  public Brokers brokers;
  public S3 s3;
  public Etcd etcd;
  public Config config;
  public Console console;
  public Security security;

  /** The broker Deployment. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Brokers {
    public Integer replicas;
    public String image;
    public String imagePullPolicy;
    public Integer port;
    public Integer adminPort;
    public String jvmOptions;
    public Integer shutdownTimeoutMs;
    public Integer leaseTtlMs;
    public Resources resources;
    public Autoscaling autoscaling;
    public Map<String, String> podAnnotations;
    public Map<String, String> podLabels;
    public Map<String, String> nodeSelector;
    public List<Toleration> tolerations;
    public TopologySpread topologySpread;
    public External external;
    public ServiceSpec service;
    public String serviceAccountName;
  }

  /** Container resource requests and limits (Kubernetes quantities). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Resources {
    public Map<String, IntOrString> requests;
    public Map<String, IntOrString> limits;
  }

  /** HorizontalPodAutoscaler settings; when enabled the HPA owns the replica count. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Autoscaling {
    public Boolean enabled;
    public Integer minReplicas;
    public Integer maxReplicas;
    public Integer targetCPUUtilizationPercentage;
    public Long targetProduceBytesPerSecondPerPod;
  }

  /** A pod toleration. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Toleration {
    public String key;
    public String operator;
    public String value;
    public String effect;
    public Long tolerationSeconds;
  }

  /** Spreading of broker pods across a topology domain (zones by default). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class TopologySpread {
    public Boolean enabled;
    public String topologyKey;
    public Integer maxSkew;
    public String whenUnsatisfiable;
  }

  /**
   * Access from outside the cluster through host ports and an external bootstrap Service. {@code
   * advertisedHost} is a per-pod template ({@code $(NODE_NAME)} / {@code $(HOST_IP)}).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class External {
    public Boolean enabled;
    public String serviceType;
    public String advertisedHost;
    public Integer advertisedPort;
    public Map<String, String> annotations;
    public List<String> loadBalancerSourceRanges;
  }

  /** Type and annotations of a Service. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ServiceSpec {
    public String type;
    public Map<String, String> annotations;
  }

  /** The object store. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class S3 {
    public String bucket;
    public String region;
    public String endpoint;
    public Boolean pathStyle;
    public String namespace;
    public String kmsKeyArn;
    public CredentialsSecretRef credentialsSecretRef;
  }

  /** Secret holding static S3 credentials, with the keys to read. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class CredentialsSecretRef {
    public String name;
    public String accessKeyIdKey;
    public String secretAccessKeyKey;
    public String sessionTokenKey;
  }

  /** A reference to a Secret by name. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SecretRef {
    public String name;

    public SecretRef() {}

    public SecretRef(String name) {
      this.name = name;
    }
  }

  /** External etcd endpoints or a managed etcd. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Etcd {
    public List<String> endpoints;
    public SecretRef tlsSecretRef;
    public SecretRef authSecretRef;
    public ManagedEtcd managed;
  }

  /** The etcd StatefulSet the operator runs when no external endpoints are given. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ManagedEtcd {
    public Integer replicas;
    public String image;
    public String storageSize;
    public String storageClassName;
    public Resources resources;
    public Snapshot snapshot;
  }

  /** Periodic etcd snapshots uploaded to S3 by a CronJob. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Snapshot {
    public Boolean enabled;
    public String schedule;
    public String bucket;
    public String prefix;
    public String image;
    public String serviceAccountName;
  }

  /** Broker settings (docs/configuration.md). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Config {
    public Integer segmentBytes;
    public Integer flushIntervalMs;
    public Long cacheBytes;
    public Boolean autoCreateTopics;
    public Integer autoCreatePartitions;
    public String logLevel;
  }

  /** The optional web console; {@code credentialsSecretRef} is required when enabled. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Console {
    public Boolean enabled;
    public Integer replicas;
    public String image;
    public Integer port;
    public Boolean readOnly;
    public ConsoleCredentialsSecretRef credentialsSecretRef;
    public ConsoleKafka kafka;
    public Resources resources;
    public ServiceSpec service;
    public Ingress ingress;
  }

  /**
   * How the console's Kafka clients log in: protocol, SASL mechanism, the listener to bootstrap
   * from and the Secret of the console's own principal.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ConsoleKafka {
    public String securityProtocol;
    public String saslMechanism;
    public String listener;
    public ConsoleCredentialsSecretRef credentialsSecretRef;
  }

  /** Secret holding the console user's login name and password, with the keys to read. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ConsoleCredentialsSecretRef {
    public String name;
    public String usernameKey;
    public String passwordKey;
  }

  /** Ingress of the console. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Ingress {
    public Boolean enabled;
    public String host;
    public String className;
    public Map<String, String> annotations;
  }

  /** Listeners, TLS, SASL, ACLs and connection limits of the brokers. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Security {
    public List<Listener> listeners;
    public String interBrokerListener;
    public Tls tls;
    public Sasl sasl;
    public Authorization authorization;
    public Limits limits;
  }

  /** A named Kafka listener; advertisedHost is a per-pod template like External's. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Listener {
    public String name;
    public Integer port;
    public String protocol;
    public String advertisedHost;
    public Integer advertisedPort;
    public Boolean hostPort;
    public ListenerService service;
  }

  /** The optional extra Service of one listener. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ListenerService {
    public String type;
    public Map<String, String> annotations;
    public List<String> loadBalancerSourceRanges;
  }

  /** The certificate Secret of the TLS listeners and the client-certificate policy. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Tls {
    public SecretRef secretRef;
    public String clientAuth;
    public Integer reloadIntervalMs;
  }

  /** SASL mechanisms, PLAIN users and session lifetime. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Sasl {
    public List<String> mechanisms;
    public PlainUsersSecretRef plainUsersSecretRef;
    public Long sessionLifetimeMs;
  }

  /** Secret holding the PLAIN users file under {@code key} (default users). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class PlainUsersSecretRef {
    public String name;
    public String key;
  }

  /** Kafka ACL enforcement. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Authorization {
    public Boolean enabled;
    public List<String> superUsers;
    public Boolean allowEveryoneIfNoAclFound;
  }

  /** Connection limits against abuse. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Limits {
    public Integer maxConnectionsPerIp;
    public Long idleTimeoutMs;
  }
}
