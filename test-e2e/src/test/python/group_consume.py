# Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
"""kafka-python 2.0.2 group consumer run by GroupClientsIT.

Usage: group_consume.py BOOTSTRAP TOPIC GROUP COUNT
Joins GROUP (JoinGroup/SyncGroup/Heartbeat v0-v2 era protocol), starts at the committed offsets or,
for a new group, at the earliest ones; reads COUNT records, printing "V <value>" for each; commits
exactly the records it printed; prints "COMMITTED <count>" and leaves the group.
Exits non-zero if COUNT records do not arrive within 60 s.
"""
import sys

from kafka import KafkaConsumer


def main():
    bootstrap, topic, group, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=group,
        client_id="e2e-python-" + group,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        consumer_timeout_ms=60000,
    )
    seen = 0
    # The iterator advances the consumer's position one record at a time, so commit() below
    # commits exactly the records printed, even if more were fetched.
    for message in consumer:
        print("V %s" % message.value.decode("utf-8"), flush=True)
        seen += 1
        if seen >= count:
            break
    if seen < count:
        print("FAIL consumed %d of %d" % (seen, count), flush=True)
        consumer.close(autocommit=False)
        return 1
    consumer.commit()
    print("COMMITTED %d" % seen, flush=True)
    consumer.close(autocommit=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
