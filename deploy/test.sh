#!/usr/bin/env bash
# Runs every test against a real PostgreSQL and RabbitMQ: installs what is missing, starts the
# local stack, builds, and runs the unit and integration tests.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
bash deploy/local-stack.sh up
source <(bash deploy/local-stack.sh env)
if [[ -f docker-compose.yml ]] && command -v docker-compose >/dev/null; then
  echo "==> docker-compose config"
  docker-compose -f docker-compose.yml config --quiet
fi
echo "==> swift build --build-tests"
swift build --build-tests
echo "==> swift test"
swift test --skip-build "$@"
