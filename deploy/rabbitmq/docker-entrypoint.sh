#!/usr/bin/env bash
# Entrypoint of the `rabbitmq` container in docker-compose.yml (mounted read-only with the rest of
# deploy/rabbitmq at /etc/spotjob/rabbitmq). Before the broker starts it renders SpotJob's
# definitions (vhost, users with salted password hashes, permissions, exchanges, queues, bindings,
# the dead-letter policy) from permissions.tsv, topology.tsv, the *_AMQP_PASSWORD environment
# variables and REJECTED_RETENTION_DAYS, with the same
# renderer as deploy/local-stack.sh. The broker loads the file at boot (load_definitions in
# rabbitmq.conf, mounted as /etc/rabbitmq/conf.d/20-spotjob.conf), on every start: the environment
# stays the source of truth for the passwords. It copies the TLS certificate and key of the compose
# secrets rabbitmq_tls_cert, rabbitmq_tls_key and tls_ca for the `rabbitmq` user (the listener on 5671
# reads them; a bind-mounted secret keeps its owner and mode on the host). Then it hands over to the
# image's own entrypoint.
set -Eeuo pipefail

HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
readonly DEFINITIONS=/etc/rabbitmq/spotjob-definitions.json # = load_definitions in rabbitmq.conf
readonly TLS_DIR=/etc/rabbitmq/tls                             # = ssl_options.* in rabbitmq.conf

if [[ ${1:-} == rabbitmq-server ]]; then
  while IFS= read -r name; do
    if [[ ${!name} == [Cc][Hh][Aa][Nn][Gg][Ee]-[Mm][Ee]* ]]; then
      echo "spotjob: $name is still the change-me placeholder of .env.example; set a real password in .env" >&2
      exit 1
    fi
  done < <(compgen -e | grep '_AMQP_PASSWORD$' || true)
  (
    umask 077
    bash "$HERE/render-definitions.sh" >"$DEFINITIONS.tmp"
  ) || { echo "spotjob: rendering $DEFINITIONS failed" >&2; exit 1; }
  if [[ $(id -u) == 0 ]]; then chown rabbitmq:rabbitmq "$DEFINITIONS.tmp"; fi
  mv -f "$DEFINITIONS.tmp" "$DEFINITIONS"
  echo "spotjob: rendered $DEFINITIONS from $HERE/permissions.tsv and $HERE/topology.tsv" >&2
  for secret in tls_ca rabbitmq_tls_cert rabbitmq_tls_key; do
    [[ -r /run/secrets/$secret ]] || { echo "spotjob: secret $secret is missing (see .env.example, TLS)" >&2; exit 1; }
  done
  owner=(); if [[ $(id -u) == 0 ]]; then owner=(-o rabbitmq -g rabbitmq); fi
  install -d "${owner[@]}" -m 0700 "$TLS_DIR"
  install "${owner[@]}" -m 0644 /run/secrets/tls_ca "$TLS_DIR/ca.pem"
  install "${owner[@]}" -m 0644 /run/secrets/rabbitmq_tls_cert "$TLS_DIR/server.pem"
  install "${owner[@]}" -m 0600 /run/secrets/rabbitmq_tls_key "$TLS_DIR/server.key"
  # The Erlang cookie every node of a cluster (and rabbitmqctl in each) must share.
  if [[ -r /run/secrets/rabbitmq_erlang_cookie ]]; then
    install "${owner[@]}" -m 0400 /run/secrets/rabbitmq_erlang_cookie /var/lib/rabbitmq/.erlang.cookie
  fi
  # Profile "cluster": the first node forms the cluster; each other node joins it (peer discovery
  # by name, cluster_formation.classic_config) and, once it runs, takes a member of every quorum
  # queue (queues declared before it joined have members only on the nodes there then). The first
  # node lists no peers: at its first start the others do not exist yet, and later it rejoins its
  # cluster from its own data.
  if [[ -n ${RABBITMQ_CLUSTER_NODES:-} ]]; then
    IFS=, read -r -a cluster_nodes <<<"$RABBITMQ_CLUSTER_NODES"
    if [[ $(hostname) != "${cluster_nodes[0]}" ]]; then
      printf '%s\n' "cluster_formation.peer_discovery_backend = classic_config" \
        "cluster_formation.classic_config.nodes.1 = rabbit@${cluster_nodes[0]}" >/etc/rabbitmq/conf.d/30-spotjob-cluster.conf
      echo "spotjob: joining the cluster of rabbit@${cluster_nodes[0]} (nodes ${cluster_nodes[*]})" >&2
      (
        for _ in $(seq 1 120); do rabbitmq-diagnostics -q check_running >/dev/null 2>&1 && break; sleep 5; done
        rabbitmq-queues grow "rabbit@$(hostname)" all --vhost-pattern '^spotjob$' --queue-pattern '.*' >&2 ||
          echo "spotjob: rabbitmq-queues grow failed; run it by hand (docs/operations.md)" >&2
      ) &
    else
      echo "spotjob: first node of the cluster ${cluster_nodes[*]}" >&2
    fi
  fi
fi

# The broker needs only the hashes: keep the plain passwords out of its environment.
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep '_AMQP_PASSWORD$' || true)

exec docker-entrypoint.sh "$@"
