// Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
//
// kafkajs 2.2.4 client run by KafkaJsIT: creates a topic, produces COUNT messages in batches of
// BATCH (acks=-1, every other batch gzip), then reads the partition's offsets through the admin
// API. kafkajs can only consume through a consumer group, so KafkaJsIT reads the messages back
// with the Java client instead.
//
// Usage: node produce.js BOOTSTRAP TOPIC COUNT BATCH
// Prints "ACK <baseOffset> <batchSize>" per batch and "OFFSETS <low> <high>" at the end.
'use strict';
const { Kafka, CompressionTypes, logLevel } = require('kafkajs');

async function main() {
  const [bootstrap, topic, countArg, batchArg] = process.argv.slice(2);
  const count = Number(countArg);
  const batch = Number(batchArg);
  const kafka = new Kafka({ clientId: 'kafscale-e2e-js', brokers: [bootstrap], logLevel: logLevel.WARN });

  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });

  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  for (let start = 0, n = 0; start < count; start += batch, n++) {
    const messages = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      messages.push({ key: `k${i}`, value: `js-${i}`, partition: 0, headers: { idx: String(i) } });
    }
    const result = await producer.send({
      topic,
      acks: -1,
      compression: n % 2 === 0 ? CompressionTypes.None : CompressionTypes.GZIP,
      messages,
    });
    for (const r of result) {
      if (r.errorCode !== 0) throw new Error(`produce error ${r.errorCode}`);
      console.log(`ACK ${r.baseOffset} ${messages.length}`);
    }
  }
  await producer.disconnect();

  const offsets = await admin.fetchTopicOffsets(topic);
  console.log(`OFFSETS ${offsets[0].low} ${offsets[0].high}`);
  await admin.disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
