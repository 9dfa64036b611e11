// Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
//
// kafkajs 2.2.4 group consumer run by GroupClientsIT: joins GROUP, starts at the committed offsets
// or, for a new group, at the earliest ones (fromBeginning), reads COUNT records through
// consumer.run, printing "V <value>" for each, commits exactly the records it printed (autoCommit
// off, explicit commitOffsets), prints "COMMITTED <count>" and leaves the group.
//
// Usage: node group_consume.js BOOTSTRAP TOPIC GROUP COUNT
'use strict';
const { Kafka, logLevel } = require('kafkajs');

async function main() {
  const [bootstrap, topic, group, countArg] = process.argv.slice(2);
  const count = Number(countArg);
  const kafka = new Kafka({ clientId: `e2e-js-${group}`, brokers: [bootstrap], logLevel: logLevel.WARN });
  const consumer = kafka.consumer({ groupId: group });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });

  const next = new Map();
  let seen = 0;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`consumed ${seen} of ${count} in 60 s`)), 60000);
    consumer
      .run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          // Records after the COUNT-th are neither printed nor committed.
          if (seen >= count) return;
          seen++;
          next.set(partition, (BigInt(message.offset) + 1n).toString());
          console.log(`V ${message.value.toString()}`);
          if (seen >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  await consumer.commitOffsets([...next].map(([partition, offset]) => ({ topic, partition, offset })));
  console.log(`COMMITTED ${seen}`);
  await consumer.disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
