#!/usr/bin/env bash
# Runs SpotJob on this machine: the local stack (PostgreSQL + RabbitMQ on loopback), the services,
# and a demo (Spot et job sheets from the seeds' Horsens JobShop and Hedensted innovation fair).
#   bash deploy/run.sh          start everything and show the demo
#   bash deploy/run.sh stop     stop the services (the stack keeps running: deploy/local-stack.sh down)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
run_dir="$repo/.local/run"
services=(intake billing)
# Each service its own health/metrics port.
declare -A http_ports=([intake]=8081 [billing]=8083)
mkdir -p "$run_dir"

stop_services() {
  for service in "${services[@]}"; do
    if [[ -f "$run_dir/$service.pid" ]] && kill -0 "$(cat "$run_dir/$service.pid")" 2>/dev/null; then
      kill -TERM "$(cat "$run_dir/$service.pid")"
      echo "stopped $service"
    fi
    rm -f "$run_dir/$service.pid"
  done
}

if [[ "${1:-}" == "stop" ]]; then stop_services; exit 0; fi

bash deploy/local-stack.sh up >/dev/null
source <(bash deploy/local-stack.sh env)
echo "==> building"
for product in intake billing spotjob; do
  swift build -c release --product "$product" >"$run_dir/build.log" 2>&1 || { cat "$run_dir/build.log"; exit 1; }
done
bin="$(swift build -c release --show-bin-path)"

stop_services
for service in "${services[@]}"; do
  upper="$(echo "$service" | tr '[:lower:]' '[:upper:]')"
  db_var="${upper}_DATABASE_URL"; amqp_var="${upper}_AMQP_URL"
  DATABASE_URL="${!db_var}" AMQP_URL="${!amqp_var}" LOG_FORMAT=json MIGRATIONS_DIR="$repo/deploy/migrations" HTTP_HOST=127.0.0.1 \
    HTTP_PORT="${http_ports[$service]}" \
    BILLING_SUPPLIER_FILE="$repo/deploy/billing/supplier.json" BILLING_MILEAGE_RATES_FILE="$repo/deploy/billing/mileage-rates.csv" \
    setsid "$bin/$service" >"$run_dir/$service.log" 2>&1 &
  echo $! >"$run_dir/$service.pid"
  for _ in $(seq 1 100); do
    grep -q "consumer connected" "$run_dir/$service.log" && break
    kill -0 "$(cat "$run_dir/$service.pid")" 2>/dev/null || { cat "$run_dir/$service.log"; exit 1; }
    sleep 0.1
  done
  echo "==> $service running (pid $(cat "$run_dir/$service.pid"), log $run_dir/$service.log)"
done

echo "==> submitting demo sheets (deploy/demo) as a jobcenter system would"
"$bin/spotjob" sheet submit deploy/demo/sheets.json deploy/demo/sheets.csv
sleep 1
echo
echo "==> spotjob openings list"
"$bin/spotjob" openings list
echo
echo "==> spotjob sheets rejected"
"$bin/spotjob" sheets rejected --limit 1
echo
echo "==> spotjob dead-letters list --service intake"
"$bin/spotjob" dead-letters list --service intake --limit 3
echo
echo "==> billing: registering the Ishøj and Hedensted contracts as the seeds write them (deploy/demo/contract-*.json)"
export BILLING_SUPPLIER_FILE="$repo/deploy/billing/supplier.json"
"$bin/spotjob" contracts register deploy/demo/contract-ishoj.json deploy/demo/contract-hedensted.json
for meeting in 2019-05-01 2019-06-12 2019-08-20 2019-10-03; do
  "$bin/spotjob" meetings held --contract hedensted-taskforce-2019 --date "$meeting" >/dev/null
done
sleep 2
echo
echo "==> spotjob contracts show ishoj-taskforce-2022"
"$bin/spotjob" contracts show ishoj-taskforce-2022
echo
echo "==> spotjob invoices list"
"$bin/spotjob" invoices list
first_invoice="$("$bin/spotjob" invoices list --contract hedensted-taskforce-2019 --json | sed -n 's/.*"invoiceNumber" : \([0-9]*\).*/\1/p' | head -1)"
if [[ -n "$first_invoice" ]]; then
  echo
  echo "==> spotjob invoices credit $first_invoice --reason 'Demo: krediteret'"
  "$bin/spotjob" invoices credit "$first_invoice" --reason "Demo: krediteret"
  sleep 1
  "$bin/spotjob" invoices list --contract hedensted-taskforce-2019
fi
export_dir="$run_dir/oioubl"
rm -rf "$export_dir"
"$bin/spotjob" invoices export --dir "$export_dir"
if [[ -x "$repo/../shared/tools/validate-oioubl" ]]; then
  echo "==> validating the OIOUBL documents with ../shared/tools/validate-oioubl"
  "$repo/../shared/tools/validate-oioubl" "$export_dir"/*.xml | tail -3
fi

cat <<MSG

SpotJob is running. Try:
  source <(bash deploy/local-stack.sh env)
  $bin/spotjob openings list --municipality Horsens --json
  $bin/spotjob invoices show 1 --xml
Stop the services with: bash deploy/run.sh stop   (and the stack with: bash deploy/local-stack.sh down)
MSG
