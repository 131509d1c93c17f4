# shellcheck shell=bash
# Part of ./shaken-pki (sourced): a private PostgreSQL cluster (trust authentication on 127.0.0.1, user and
# database shakenpki), for the tests (test.sh) and the local cluster (cluster.sh).

# The newest installed PostgreSQL server's bin directory (Debian: /usr/lib/postgresql/VERSION/bin), or nothing.
pg_bin() {
  local dirs=(/usr/lib/postgresql/*/bin)
  [[ -d "${dirs[0]}" ]] && printf '%s\n' "${dirs[@]}" | sort -V | tail -n 1
  return 0
}

# pg_start DIR PORT: creates the cluster under DIR on first use, starts it, and sets PG_CTL and PG_CREATEDB.
pg_start() {
  local dir="$1" port="$2" bin as=()
  bin="$(pg_bin)"
  [[ -x "$bin/initdb" ]] || die "PostgreSQL server binaries not found under /usr/lib/postgresql"
  mkdir -p "$dir"
  if [[ "$(id -u)" -eq 0 ]]; then chown postgres "$dir"; as=(runuser -u postgres --); fi
  PG_CTL=("${as[@]}" "$bin/pg_ctl" -D "$dir/data")
  PG_CREATEDB=("${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U shakenpki)
  if [[ ! -f "$dir/data/PG_VERSION" ]]; then
    "${as[@]}" "$bin/initdb" -D "$dir/data" --auth=trust -U shakenpki >/dev/null
  fi
  if ! "${PG_CTL[@]}" status >/dev/null 2>&1; then
    "${PG_CTL[@]}" -l "$dir/server.log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
  fi
  "${as[@]}" "$bin/psql" -h 127.0.0.1 -p "$port" -U shakenpki -d postgres -tAc "select 1 from pg_database where datname = 'shakenpki'" \
    | grep -q 1 || "${PG_CREATEDB[@]}" shakenpki
}

# pg_stop DIR
pg_stop() {
  local bin as=()
  bin="$(pg_bin)"
  [[ "$(id -u)" -eq 0 ]] && as=(runuser -u postgres --)
  "${as[@]}" "$bin/pg_ctl" -D "$1/data" -m fast stop >/dev/null 2>&1 || true
}
