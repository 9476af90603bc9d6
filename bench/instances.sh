#!/usr/bin/env bash
# Three instances on one database share one digest to N readers (default 100,000); one is killed with
# kill -9 midway. Counts what smtp-sink received per address: none may be missing; duplicates may not
# exceed what the killed instance had in flight. Prints RESULT lines.
#
# Usage: bench/instances.sh [readers=100000] [kill-after-sent=30000]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
N=${1:-100000}
KILL_AT=${2:-30000}
C=4
RECORD_EVERY=50 # successes are recorded at least this often per worker (DeliveryEngine.RECORD_EVERY)
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
ENGINE=(NEWSLETTER_SEND_CONCURRENCY=$C NEWSLETTER_SEND_LEASE=15s)
export JAVA_OPTS="-Xmx192m"

need_tools
build
fresh_database
start_sink "$WORK/sink"
start_app 18081 "$WORK/app1.log" "${ENGINE[@]}"; A1=$APP
seed_readers "$N" 18081
start_app 18082 "$WORK/app2.log" "${ENGINE[@]}"; A2=$APP
start_app 18083 "$WORK/app3.log" "${ENGINE[@]}"; A3=$APP
ID=$(new_digest "Three instances" 18081)
api -X POST localhost:18081/api/admin/digests/$ID/send >/dev/null
while [ "$(PSQL "select count(*) from deliveries where digest_id = $ID and status = 'sent'")" -lt "$KILL_AT" ]; do sleep 0.2; done
echo "RESULT before_kill: $(PSQL "select leased_by || '=' || count(*) from deliveries where digest_id = $ID and status = 'sent' group by leased_by" | sed 's/:[0-9a-f]*=/=/' | tr '\n' ' ')"
kill -9 $A2
wait $A2 2>/dev/null || true
echo "RESULT killed instance 2 at: $(PSQL "select status || '=' || count(*) from deliveries where digest_id = $ID group by status order by 1" | tr '\n' ' ')"
wait_sent "$ID" 18081 > "$WORK/final.json"
sleep 1
echo "RESULT sent_by: $(PSQL "select split_part(leased_by, '@', 1) || '=' || count(*) from deliveries where digest_id = $ID group by split_part(leased_by, '@', 1) order by 1" | tr '\n' ' ')"
stop_sink
echo "RESULT readers=$N $(count_received "$WORK/sink" "$N") in_flight_bound=$((C * RECORD_EVERY)) final=$(jq -c '{status,sent,failed,pending}' "$WORK/final.json")"
