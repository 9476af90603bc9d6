#!/usr/bin/env bash
# Crash safety: kill -9 the service in the middle of sending a digest to N readers (default 100,000),
# start it again, and count what smtp-sink received per address: none may be missing, and duplicates
# may not exceed the messages that were in flight (concurrency x batch size). Prints RESULT lines.
#
# Usage: bench/crash.sh [readers=100000] [kill-after-sent=30000]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
N=${1:-100000}
KILL_AT=${2:-30000}
C=4
RECORD_EVERY=50 # successes are recorded at least this often per worker (DeliveryEngine.RECORD_EVERY)
PORT=18081
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
ENGINE=(NEWSLETTER_SEND_CONCURRENCY=$C NEWSLETTER_SEND_LEASE=15s)

need_tools
build
fresh_database
start_sink "$WORK/sink"
start_app $PORT "$WORK/app1.log" "${ENGINE[@]}"
seed_readers "$N" $PORT
ID=$(new_digest "Crash digest" $PORT)
api -X POST localhost:$PORT/api/admin/digests/$ID/send >/dev/null
while [ "$(PSQL "select count(*) from deliveries where digest_id = $ID and status = 'sent'")" -lt "$KILL_AT" ]; do sleep 0.2; done
kill -9 $APP
wait $APP 2>/dev/null || true
AT_KILL=$(PSQL "select status || '=' || count(*) from deliveries where digest_id = $ID group by status order by 1" | tr '\n' ' ')
echo "RESULT killed_at: $AT_KILL"

start_app $PORT "$WORK/app2.log" "${ENGINE[@]}"
wait_sent "$ID" $PORT > "$WORK/final.json"
sleep 1
stop_sink
echo "RESULT readers=$N $(count_received "$WORK/sink" "$N") in_flight_bound=$((C * RECORD_EVERY)) final=$(jq -c '{status,sent,failed,pending}' "$WORK/final.json")"
