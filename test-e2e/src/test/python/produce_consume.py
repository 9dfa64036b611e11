# Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
"""kafka-python 2.0.2 client run by KafkaPythonIT: produce N messages, read them back without a group.

Usage: produce_consume.py BOOTSTRAP TOPIC COUNT COMPRESSION(none|gzip)
Prints one line per acknowledged message ("ACK offset key") and a final "OK count" line;
exits non-zero on any mismatch.
"""
import sys

from kafka import KafkaConsumer, KafkaProducer, TopicPartition


def main():
    bootstrap, topic, count, compression = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    producer = KafkaProducer(
        bootstrap_servers=bootstrap,
        acks="all",
        linger_ms=5,
        compression_type=None if compression == "none" else compression,
    )
    futures = [
        producer.send(topic, key=b"k%d" % i, value=b"py-%d" % i, partition=0) for i in range(count)
    ]
    producer.flush(60)
    for i, future in enumerate(futures):
        meta = future.get(timeout=60)
        print("ACK %d k%d" % (meta.offset, i))
    producer.close(10)

    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap,
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        consumer_timeout_ms=20000,
    )
    partition = TopicPartition(topic, 0)
    consumer.assign([partition])
    consumer.seek_to_beginning(partition)
    seen = []
    for message in consumer:
        seen.append(message)
        if len(seen) >= count:
            break
    consumer.close()

    if len(seen) != count:
        print("FAIL consumed %d of %d" % (len(seen), count))
        return 1
    for i, message in enumerate(seen):
        if message.offset != i or message.key != b"k%d" % i or message.value != b"py-%d" % i:
            print("FAIL at %d: offset=%d key=%r value=%r" % (i, message.offset, message.key, message.value))
            return 1
    print("OK %d" % count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
