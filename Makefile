# Kafscale developer commands. Every target finds a JDK >= 21 itself.
SHELL := /bin/bash
JAVA_HOME := $(shell ./scripts/find-jdk.sh)
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)
MVN ?= mvn -B -ntp
KAFSCALE_DATA_DIR ?= ./data
export KAFSCALE_DATA_DIR

.PHONY: build test unit run bench bench-cluster fmt fmt-check docs clean deps

build: ## compile, unit-test-free package of every module (broker jar: broker/target/kafscale-broker.jar)
	$(MVN) -DskipTests install

deps: ## install what the tests need (kcat, kafka-python, kafkajs)
	./scripts/install-test-deps.sh

test: deps ## every test: unit, integration, end-to-end, client matrix
	$(MVN) spotless:check
	$(MVN) install

unit: ## unit tests only (no sockets to other processes)
	$(MVN) -DskipITs install

run: ## one broker on 127.0.0.1:9092 (admin/metrics on :9093) + console on http://127.0.0.1:8080 (admin / kafscale), data in $(KAFSCALE_DATA_DIR)
	@test -f console/target/kafscale-console.jar || $(MVN) -q -DskipTests install
	exec $(JAVA_HOME)/bin/java --enable-native-access=ALL-UNNAMED -cp console/target/kafscale-console.jar io.kafscale.console.LocalMain

bench: ## ProducerPerformance/ConsumerPerformance against the local-directory store, S3Mock and (as the reference) Apache Kafka 4.4
	@test -f broker/target/kafscale-broker.jar || $(MVN) -q -DskipTests install
	./scripts/bench.sh

bench-cluster: ## 3 brokers on one etcd + S3Mock: ProducerPerformance, etcd writes/s, failover time after kill -9
	@test -f broker/target/kafscale-broker.jar || $(MVN) -q -DskipTests install
	./scripts/bench-cluster.sh

docs: ## regenerate the generated pages: configuration, metrics, protocol support
	$(MVN) -q -DskipTests install
	$(JAVA_HOME)/bin/java -cp broker/target/kafscale-broker.jar io.kafscale.broker.config.ConfigDocs docs/configuration.md
	$(JAVA_HOME)/bin/java -cp broker/target/kafscale-broker.jar io.kafscale.broker.metrics.MetricsDocs docs/metrics.md
	$(JAVA_HOME)/bin/java -cp broker/target/kafscale-broker.jar io.kafscale.protocol.api.ProtocolSupportDoc docs/protocol-support.md
	$(JAVA_HOME)/bin/java -cp console/target/kafscale-console.jar io.kafscale.console.config.ConsoleConfigDocs docs/console-configuration.md

fmt: ## format sources (google-java-format) and add licence headers
	$(MVN) spotless:apply

fmt-check:
	$(MVN) spotless:check

clean:
	$(MVN) clean
