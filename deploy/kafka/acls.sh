#!/bin/sh
# Production Kafka set-up (docker-compose.production.yml runs it once, as the broker's admin, before the
# services start): creates the streams and their dead-letter streams, then gives each service's principal
# exactly what it needs. Nothing else is allowed (allow.everyone.if.no.acl.found=false).
#
#   writes SERVICE STREAM     the service publishes its events to STREAM (its outbox relay); creates STREAM
#                             and STREAM.DLT
#   reads  SERVICE STREAM...  the service consumes STREAM in its consumer group (= its name) and writes
#                             what it cannot process to STREAM.DLT
#
# The lines below are the event catalogue's streams and the services' subscriptions; a test
# (ProductionDeploymentTest) checks them against the code, so a new subscription without its ACL fails.
set -eu

BOOTSTRAP=${KAFKA_BOOTSTRAP:-kafka:9092}
PARTITIONS=${KAFKA_PARTITIONS:-3}
BIN=${KAFKA_BIN:-/opt/kafka/bin}
ADMIN=/tmp/admin.properties
cat > "$ADMIN" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD:?set KAFKA_ADMIN_PASSWORD}";
PROPERTIES

stream() {
  "$BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN" --create --if-not-exists \
    --topic "$1" --partitions "$PARTITIONS" --replication-factor "${KAFKA_REPLICATION:-1}"
}

allow() {
  principal=$1; shift
  "$BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN" --add --allow-principal "User:$principal" "$@"
}

writes() {
  service=$1; name=$2
  stream "$name"; stream "$name.DLT"
  allow "$service" --operation Write --operation Describe --topic "$name"
}

reads() {
  service=$1; shift
  topics=""; dead=""
  for name in "$@"; do
    topics="$topics --topic $name"; dead="$dead --topic $name.DLT"
  done
  # shellcheck disable=SC2086 (one argument per word)
  allow "$service" --operation Read --operation Describe $topics --group "$service"
  # shellcheck disable=SC2086
  allow "$service" --operation Write --operation Describe $dead
  # the services' start-up checks that every stream exists (describe only; this script created them)
  allow "$service" --operation Describe --topic shangliang. --resource-pattern-type prefixed
}

writes topic-service shangliang.topics
writes meeting-service shangliang.meetings
writes vote-service shangliang.votes

reads topic-service shangliang.topics shangliang.meetings shangliang.votes
reads meeting-service shangliang.topics
reads vote-service shangliang.meetings
reads notification-service shangliang.topics shangliang.meetings shangliang.votes

echo "Kafka streams and ACLs are in place"
