#!/usr/bin/env bash
# The floor under any durable write on this machine, with no Switchboard in it: what a webhook that answers only after
# its call is committed (synchronous_commit=on) can never beat here. Prints one FLOOR line per measurement:
#   fsync   an 8 KiB write + fdatasync loop in --dir (put it on the database's filesystem), with 0, 1 and then 2
#           CPU-bound loops beside it: what a flush's wake-up costs when other work takes the cores
#   insert  pgbench against --url: each transaction one row inserted and committed, at 1 and 8 clients on idle cores,
#           and at 1 client with 2 CPU-bound loops beside it
# Latencies are per operation, from the write/transaction start to its completion, as medians and tails over all of them.
#
#   scripts/durable-floor.sh --url postgres://postgres@127.0.0.1:55432/postgres [--seconds 8] [--dir DIR] [--database NAME]
#
# Needs Node.js and PostgreSQL's pgbench and psql (PGBIN, /usr/lib/postgresql/*/bin or PATH). The role in --url must be
# allowed to create a database: the script creates NAME (default durable_floor) on that server and drops it at the end.
# Run it on a quiet machine.
set -euo pipefail

url="" seconds=8 dir="${TMPDIR:-/tmp}" database=durable_floor
while [[ $# -gt 0 ]]; do
    case $1 in
        --url) url=$2; shift 2 ;;
        --seconds) seconds=$2; shift 2 ;;
        --dir) dir=$2; shift 2 ;;
        --database) database=$2; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "durable-floor: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
[[ $url =~ ^postgres(ql)?://[^/]+(/[^/?]*)?(\?.*)?$ ]] || { echo "durable-floor: --url must be postgres://user@host:port/db (see --help)" >&2; exit 2; }
[[ $database =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || { echo "durable-floor: --database must be a plain lower-case identifier" >&2; exit 2; }
floor_url=$(sed -E "s#^(postgres(ql)?://[^/?]+)(/[^?]*)?#\\1/$database#" <<<"$url")   # the same server and role
[[ $seconds =~ ^[0-9]+$ && $seconds -ge 1 ]] || { echo "durable-floor: --seconds must be a whole number >= 1" >&2; exit 2; }

pgbin=${PGBIN:-$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/pgbench' | sort -V | tail -1)")}
pgbench=$pgbin/pgbench psql=$pgbin/psql
[[ -x $pgbench ]] || pgbench=$(command -v pgbench) || { echo "durable-floor: pgbench not found (set PGBIN)" >&2; exit 2; }
[[ -x $psql ]] || psql=$(command -v psql) || { echo "durable-floor: psql not found (set PGBIN)" >&2; exit 2; }
command -v node >/dev/null || { echo "durable-floor: node not found" >&2; exit 2; }

export PGOPTIONS="-c client_min_messages=warning"
work=$(mktemp -d "$dir/durable-floor.XXXXXX")
busy_pids=()
cleanup() {
    for pid in "${busy_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# Percentiles of the numbers (milliseconds) on standard input, as key=value pairs.
percentiles() {
    sort -n | awk '{ a[NR] = $1 } END {
        if (NR == 0) { print "n=0"; exit }
        printf "n=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f\n",
            NR, a[int(NR * .5) + 1], a[int(NR * .9) + 1], a[int(NR * .99) + 1], a[int(NR * .999) + 1], a[NR] }'
}

fsync_loop() {
    node - "$work/fsync.dat" "$seconds" <<'JS'
const fs = require("fs");
const [file, seconds] = process.argv.slice(2);
const fd = fs.openSync(file, "w", 0o600), block = Buffer.alloc(8192, "x"), lines = [];
const end = process.hrtime.bigint() + BigInt(Math.round(Number(seconds) * 1e9));
for (let i = 0; process.hrtime.bigint() < end; i++) {
    fs.writeSync(fd, block, 0, block.length, (i % 1024) * 8192);
    const start = process.hrtime.bigint();
    fs.fdatasyncSync(fd);
    lines.push((Number(process.hrtime.bigint() - start) / 1e6).toFixed(4));
}
fs.closeSync(fd);
process.stdout.write(lines.join("\n") + "\n");
JS
}

start_busy() {
    busy_pids=()
    for ((b = 0; b < $1; b++)); do
        (while :; do :; done) &
        busy_pids+=($!)
    done
}
stop_busy() {
    for pid in "${busy_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    busy_pids=()
}

for busy in 0 1 2; do
    start_busy "$busy"
    echo "FLOOR kind=fsync busy=$busy $(fsync_loop | percentiles)"
    stop_busy
done

"$psql" "$url" -qAt -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database" >/dev/null
trap '"$psql" "$url" -qAt -c "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true; cleanup' EXIT
"$psql" "$floor_url" -qAt -c "CREATE TABLE t (id bigserial PRIMARY KEY, k text UNIQUE, v text)" >/dev/null
echo "INSERT INTO t (k, v) VALUES (md5(random()::text), repeat('x', 1000));" >"$work/insert.sql"
settings=$("$psql" "$url" -qAt -c "SELECT 'synchronous_commit=' || current_setting('synchronous_commit') || ' fsync=' || current_setting('fsync')")
for run in "1 0" "8 0" "1 2"; do
    read -r clients busy <<<"$run"
    start_busy "$busy"
    rm -f "$work"/pgbench_log*
    (cd "$work" && "$pgbench" -n -c "$clients" -j 1 -T "$seconds" -f "$work/insert.sql" -l --log-prefix="$work/pgbench_log" \
        "$floor_url" >"$work/pgbench.out" 2>&1) || { cat "$work/pgbench.out" >&2; exit 1; }
    tps=$(awk '/^tps/ { printf "%.0f", $3 }' "$work/pgbench.out")
    stop_busy
    echo "FLOOR kind=insert clients=$clients busy=$busy tps=$tps $settings $(cat "$work"/pgbench_log* | awk '{ print $3 / 1000 }' | percentiles)"
done
