# shellcheck shell=bash
# Part of ./shaken-pki (sourced): a local cluster, N Payara Micro nodes on one PostgreSQL behind HAProxy
# (start --nodes N, stop [--purge], status).
#
# Node i listens on HTTP_PORT+i and HTTPS_PORT+i; HAProxy balances HTTP_PORT and HTTPS_PORT across the healthy
# nodes connection by connection (TCP, no stickiness). The nodes form a Hazelcast data grid on loopback
# (CLUSTER_PORT, CLUSTER_PORT+1, ...) for the persistent EJB timers, and share the data directory's SoftHSM2
# tokens and TLS key. The database is SHAKEN_PKI_DB_URL (user SHAKEN_PKI_DB_USER, password in the environment
# as SHAKENPKI_DB_PASSWORD), or else a private PostgreSQL (local_pg_dir, postgres.sh) on LOCAL_PG_PORT.
CLUSTER_PORT="${SHAKEN_PKI_CLUSTER_PORT:-6900}"
CLUSTER_NAME="${SHAKEN_PKI_CLUSTER_NAME:-shaken-pki}"
LOCAL_PG_PORT="${SHAKEN_PKI_PG_PORT:-55433}"
BALANCER_PID_FILE="$DATA/haproxy.pid"

# Where the local cluster's PostgreSQL lives: in the data directory, or, when run as root (PostgreSQL then runs
# as the postgres user, who may not reach a data directory under /root), in the postgres user's home under the
# data directory's random id, so that a new data directory never meets an old database.
local_pg_dir() {
  if [[ "$(id -u)" -eq 0 ]]; then
    [[ -s "$DATA/cluster.id" ]] || (umask 077; openssl rand -hex 8 > "$DATA/cluster.id")
    echo "/var/lib/postgresql/shaken-pki-$(cat "$DATA/cluster.id")"
  else
    echo "$DATA/postgres"
  fi
}

node_pid_file() { echo "$DATA/node-$1.pid"; }
node_log_file() { echo "$DATA/logs/node-$1.log"; }
node_health_url() { echo "http://$BIND:$((HTTP_PORT + $1))/health"; }

start_cluster() {
  local nodes="$1" i started=$SECONDS members=() db_url="${SHAKEN_PKI_DB_URL:-}" db_user="${SHAKEN_PKI_DB_USER:-shakenpki}"
  [[ -f "$DATA/cluster.nodes" && "$(cat "$DATA/cluster.nodes")" != "$nodes" ]] \
    && die "this data directory holds a cluster of $(cat "$DATA/cluster.nodes") nodes"
  alive "$PID_FILE" && die "a single server runs on this data directory: ./shaken-pki stop first"
  require_runtime
  require_commands haproxy:haproxy
  build_if_needed
  prepare_data
  echo "$nodes" > "$DATA/cluster.nodes"
  if [[ -z "$db_url" ]]; then
    require_commands /usr/lib/postgresql:postgresql
    pg_start "$(local_pg_dir)" "$LOCAL_PG_PORT"
    db_url="jdbc:postgresql://127.0.0.1:$LOCAL_PG_PORT/shakenpki"
    say "PostgreSQL on 127.0.0.1:$LOCAL_PG_PORT ($(local_pg_dir))"
  fi
  for i in $(seq 1 "$nodes"); do members+=("127.0.0.1:$((CLUSTER_PORT + i - 1))"); done
  start_balancer "$nodes"
  # One node after another: the first creates the STI-PA and STI-CA keys alone, and SoftHSM2, whose token files
  # the nodes share here, is not read by one process while another writes it at start-up.
  for i in $(seq 1 "$nodes"); do
    if alive "$(node_pid_file "$i")"; then say "node-$i already running (pid $(cat "$(node_pid_file "$i")"))"; continue; fi
    say "starting node-$i on ports $((HTTP_PORT + i))/$((HTTPS_PORT + i)) (log: $(node_log_file "$i")) ..."
    launch_node "node-$i" "$((HTTP_PORT + i))" "$((HTTPS_PORT + i))" "$(node_pid_file "$i")" "$(node_log_file "$i")" \
      "$DATA/nodes/node-$i" -Dmp.config.profile=pg -Dshakenpki.db.url="$db_url" -Dshakenpki.db.user="$db_user" -- \
      --name "node-$i" --clustername "$CLUSTER_NAME" --clustermode "tcpip:$(IFS=,; echo "${members[*]}")" \
      --startport "$((CLUSTER_PORT + i - 1))" --interfaces 127.0.0.1 --hzpublicaddress 127.0.0.1 --nohostaware
    wait_healthy "$(cat "$(node_pid_file "$i")")" "$(node_log_file "$i")" "$(node_health_url "$i")"
    say "node-$i is up"
  done
  say "shaken-pki cluster of $nodes nodes is up after $((SECONDS - started)) s"
  say "  http:   http://$BIND:$HTTP_PORT/   (HAProxy; node i on port $HTTP_PORT+i)"
  say "  https:  https://localhost:$HTTPS_PORT/   (trust $DATA/tls/server.pem)"
  say "  stop with: ./shaken-pki stop"
}

# HAProxy in TCP mode: TLS passes through to the nodes, which share one certificate; /health decides, and only
# once it carries the application's checks (see app_healthy).
start_balancer() {
  local nodes="$1" i config="$DATA/haproxy.cfg" http_servers="" https_servers=""
  for i in $(seq 1 "$nodes"); do
    http_servers+="  server node-$i $BIND:$((HTTP_PORT + i)) check inter 1s fall 2 rise 1"$'\n'
    https_servers+="  server node-$i $BIND:$((HTTPS_PORT + i)) check port $((HTTP_PORT + i)) inter 1s fall 2 rise 1"$'\n'
  done
  cat > "$config" <<HAPROXY
defaults
  mode tcp
  option redispatch
  retries 2
  timeout connect 2s
  timeout client 120s
  timeout server 120s
backend http_nodes
  balance roundrobin
  option httpchk
  http-check send meth GET uri /health
  http-check expect status 200
  http-check expect string hsm-tokens
$http_servers
backend https_nodes
  balance roundrobin
  option httpchk
  http-check send meth GET uri /health
  http-check expect status 200
  http-check expect string hsm-tokens
$https_servers
frontend http
  bind $BIND:$HTTP_PORT
  default_backend http_nodes
frontend https
  bind $BIND:$HTTPS_PORT
  default_backend https_nodes
HAPROXY
  alive "$BALANCER_PID_FILE" && return 0
  haproxy -q -f "$config" -D -p "$BALANCER_PID_FILE" || die "HAProxy did not start (config: $config)"
  say "HAProxy on $BIND:$HTTP_PORT and $BIND:$HTTPS_PORT"
}

# stop_cluster [--purge]: stops the nodes, HAProxy and the private PostgreSQL; --purge also deletes that database.
stop_cluster() {
  local file
  for file in "$DATA"/node-*.pid; do
    [[ -e "$file" ]] && stop_pid_file "$file" "$(basename "$file" .pid)"
  done
  stop_pid_file "$BALANCER_PID_FILE" haproxy
  if [[ -f "$(local_pg_dir)/data/PG_VERSION" ]]; then
    pg_stop "$(local_pg_dir)"
    say "stopped PostgreSQL"
  fi
  if [[ "${1:-}" == --purge ]]; then
    rm -rf "$(local_pg_dir)"
    say "deleted the cluster's database ($(local_pg_dir))"
  fi
}

# Each node's /health and HAProxy; exit code 3 when no node runs.
cluster_status() {
  local i
  for i in $(seq 1 "$(cat "$DATA/cluster.nodes")"); do
    if alive "$(node_pid_file "$i")"; then
      say "node-$i running (pid $(cat "$(node_pid_file "$i")")): $(curl -s "$(node_health_url "$i")" | head -c 200)"
    else say "node-$i not running"; fi
  done
  if alive "$BALANCER_PID_FILE"; then say "haproxy running on $BIND:$HTTP_PORT and $BIND:$HTTPS_PORT"; else say "haproxy not running"; fi
  running_pid >/dev/null || return 3
  return 0
}
