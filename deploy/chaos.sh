#!/usr/bin/env bash
# The chaos run (issue 14): the four services under kill -9, a RabbitMQ restart and a PostgreSQL
# restart, then checked for loss and duplicated effects. See docs/operations.md, "Chaos run".
#
#   bash deploy/chaos.sh [--scale N] [--release] [--no-build] [--seed S] [--pace SECONDS] [--timeout SECONDS] [--json]
#
# --scale N    sheets (default 1000); N/5 profiles, N/10 contracts and what follows from them
# --release    build and run release binaries (default: debug, as `swift build --build-tests` leaves them)
# --no-build   use the binaries already built (CI, after `swift build --build-tests`)
# The rest goes to spotjob-chaos. Loopback only: it starts (or reuses) the local stack of this
# checkout and RESTARTS its PostgreSQL and RabbitMQ; point it at a stack nobody else is using
# (SPOTJOB_PG_PORT / SPOTJOB_AMQP_PORT on the first `up`). Exits non-zero on any loss or duplicate.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
configuration=debug build=1 args=()
while (($#)); do
  case $1 in
    --release) configuration=release ;;
    --no-build) build=0 ;;
    -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$1") ;;
  esac
  shift
done

bash deploy/local-stack.sh up >/dev/null
source <(bash deploy/local-stack.sh env)
if ((build)); then
  for product in intake matching followup billing spotjob-chaos; do
    swift build -c "$configuration" --product "$product"
  done
fi
bin="$(swift build -c "$configuration" --show-bin-path)"
for executable in intake matching followup billing spotjob-chaos; do
  [[ -x $bin/$executable ]] || { echo "chaos: $bin/$executable is missing; build it (or drop --no-build)" >&2; exit 2; }
done
exec "$bin/spotjob-chaos" "${args[@]}"
