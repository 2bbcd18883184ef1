#!/usr/bin/env bash
# Entrypoint of the RabbitMQ stand-in image (see Dockerfile beside it): the parts of the official
# image's entrypoint that docker-compose.yml relies on.
set -Eeuo pipefail

if [[ ${1:-} == rabbitmq-server && $(id -u) == 0 ]]; then
  chown -R rabbitmq:rabbitmq /var/lib/rabbitmq
  exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups env HOME=/var/lib/rabbitmq "$BASH_SOURCE" "$@"
fi

exec "$@"
