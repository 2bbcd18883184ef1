#!/usr/bin/env bash
# Runs every test against a real PostgreSQL and RabbitMQ: installs what is missing, starts the
# local stack, builds, and runs the unit and integration tests, then the chaos run at N = 1,000 on
# the debug binaries just built (deploy/chaos.sh; it restarts the stack's PostgreSQL and RabbitMQ),
# then the Compose check (deploy/compose-check.sh: the image built from deploy/Dockerfile and
# docker-compose.yml run for real in a Docker engine, then removed).
# Arguments go to `swift test` (e.g. --filter); a run with arguments skips the chaos run and the
# Compose check. SPOTJOB_SKIP_COMPOSE_CHECK=1 skips the Compose check alone.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
bash deploy/local-stack.sh up
source <(bash deploy/local-stack.sh env)
if [[ -f docker-compose.yml ]]; then
  command -v docker-compose >/dev/null ||
    { apt-get update -q && apt-get install -y -q --no-install-recommends docker-compose; } >/dev/null
  echo "==> docker-compose config"
  docker-compose -f docker-compose.yml --env-file .env.example config --quiet
  echo "==> rabbitmq definitions"
  env $(grep -E '^[A-Z0-9_]+_AMQP_PASSWORD=' .env.example) bash deploy/rabbitmq/render-definitions.sh | python3 -m json.tool >/dev/null
fi
if [[ -x ../shared/tools/validate-oioubl ]]; then
  # BillingTests run the OIOUBL validator beside the clone; it needs xsltproc and xmllint.
  { command -v xsltproc && command -v xmllint; } >/dev/null ||
    { apt-get update -q && apt-get install -y -q --no-install-recommends xsltproc libxml2-utils; } >/dev/null
fi
# JobcenterNetworkTests put a jobcenter system in a network namespace of its own and capture its link.
command -v tcpdump ip iptables >/dev/null ||
  { apt-get update -q && apt-get install -y -q --no-install-recommends tcpdump iproute2 iptables; } >/dev/null
echo "==> swift build --build-tests"
swift build --build-tests
echo "==> swift test"
swift test --skip-build "$@"
if (($# == 0)); then
  echo "==> chaos run (deploy/chaos.sh --scale 1000)"
  bash deploy/chaos.sh --scale 1000 --no-build
  if [[ ${SPOTJOB_SKIP_COMPOSE_CHECK:-0} != 1 ]]; then
    echo "==> compose check (deploy/compose-check.sh)"
    bash deploy/compose-check.sh
  fi
fi
