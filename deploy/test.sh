#!/usr/bin/env bash
# Runs every test against a real PostgreSQL and RabbitMQ: installs what is missing, starts the
# local stack, builds, and runs the unit and integration tests.
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
  env $(grep -E '^[A-Z_]+_AMQP_PASSWORD=' .env.example) bash deploy/rabbitmq/render-definitions.sh | python3 -m json.tool >/dev/null
fi
if [[ -x ../shared/tools/validate-oioubl ]]; then
  # BillingTests run the OIOUBL validator beside the clone; it needs xsltproc and xmllint.
  { command -v xsltproc && command -v xmllint; } >/dev/null ||
    { apt-get update -q && apt-get install -y -q --no-install-recommends xsltproc libxml2-utils; } >/dev/null
fi
echo "==> swift build --build-tests"
swift build --build-tests
echo "==> swift test"
swift test --skip-build "$@"
