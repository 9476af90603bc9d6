#!/usr/bin/env bash
# Memory while sending one digest to N readers (default 1,000,000): RSS and heap sampled every 5 s, the
# old generation after each sample (what stays live) to show the heap does not grow with the list; and
# the time the send request takes, which is the one-statement write of the N-row ledger.
#
# Usage: bench/memory.sh [readers=1000000] [concurrency=4]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
N=${1:-1000000}
C=${2:-4}
PORT=18081
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
export JAVA_OPTS=${JAVA_OPTS:-"-Xmx128m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -Xss512k"}

need_tools
build
fresh_database
start_sink
start_app $PORT "$WORK/app.log" NEWSLETTER_SEND_CONCURRENCY=$C
echo "== seeding $N readers"
seed_readers "$N" $PORT
ID=$(new_digest "Memory digest" $PORT)
echo "RESULT jvm_options=\"$JAVA_OPTS\" rss_before_mb=$(( $(ps -o rss= -p $APP) / 1024 ))"
LEDGER=$(api -o /dev/null -w '%{time_total}' -X POST localhost:$PORT/api/admin/digests/$ID/send)
echo "RESULT ledger_rows=$(PSQL "select count(*) from deliveries where digest_id = $ID") ledger_write_seconds=$LEDGER"

MAX_RSS=0
printf '%8s %8s %8s %10s %10s\n' sent rss_mb heap_mb old_gen_mb elapsed_s > "$WORK/samples"
START=$(date +%s)
while [ "$(PSQL "select status from digests where id = $ID")" = sending ]; do
  RSS=$(( $(ps -o rss= -p $APP) / 1024 ))
  [ "$RSS" -gt "$MAX_RSS" ] && MAX_RSS=$RSS
  read -r S0U S1U EU OU < <(jstat -gc $APP | awk 'NR==2 {print $3, $4, $6, $8}')
  SENT=$(PSQL "select count(*) from deliveries where digest_id = $ID and status = 'sent'")
  printf '%8s %8s %8.0f %10.0f %10s\n' "$SENT" "$RSS" "$(awk "BEGIN {print ($S0U + $S1U + $EU + $OU) / 1024}")" \
    "$(awk "BEGIN {print $OU / 1024}")" "$(( $(date +%s) - START ))" >> "$WORK/samples"
  sleep 5
done
cat "$WORK/samples"
SECONDS_TAKEN=$(digest_seconds "$ID")
echo "RESULT sent=$(PSQL "select count(*) from deliveries where digest_id = $ID and status = 'sent'") seconds=$SECONDS_TAKEN rate=$(awk "BEGIN {printf \"%.0f\", $N / $SECONDS_TAKEN}") max_rss_mb=$MAX_RSS"
