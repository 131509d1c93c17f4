# shellcheck shell=bash
# Part of ./shaken-pki (sourced): the test command, every suite in turn (cmd_test), and its throw-away PostgreSQL.

# The tests' PostgreSQL: a throw-away cluster, stopped and deleted on exit.
PG_PORT="${SHAKEN_PKI_TEST_PG_PORT:-55432}"
start_test_postgres() {
  PG_DIR="$(mktemp -d /tmp/shaken-pki-pg.XXXXXX)"
  pg_start "$PG_DIR" "$PG_PORT"
  trap 'stop_test_postgres' EXIT
  say "PostgreSQL for the tests on 127.0.0.1:$PG_PORT ($PG_DIR)"
}
stop_test_postgres() {
  [[ -n "${PG_DIR:-}" ]] && pg_stop "$PG_DIR"
  [[ -n "${PG_DIR:-}" ]] && rm -rf "$PG_DIR"
}

cmd_test() {
  require_runtime
  require_commands jq:jq /usr/lib/postgresql:postgresql haproxy:haproxy secsipidx:secsipidx \
    chromium:chromium chromedriver:chromium-driver
  cd "$ROOT"
  say "== a second PKCS#11 library for the HSM contract tests: tpm2-pkcs11 over the swtpm simulator"
  eval "$("$ROOT/hsm-config/second-pkcs11.sh" --fresh --while $$ "$ROOT/ejb-module/target/second-pkcs11")"
  export MAVEN_OPTS="${MAVEN_OPTS:-} -Dsks.second-pkcs11=required"
  say "== unit and integration tests (embedded default: H2, SoftHSM2, Payara Micro)"
  mvn -B verify
  say "== integration tests on PostgreSQL"
  start_test_postgres
  mvn -B verify -pl web-module -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.expected.db=PostgreSQL \
    -Dit.jvm.options="-Dmp.config.profile=pg -Dshakenpki.db.url=jdbc:postgresql://127.0.0.1:$PG_PORT/shakenpki -Dshakenpki.db.user=shakenpki"
  say "== two Payara Micro nodes on PostgreSQL behind HAProxy, started by 'start --nodes 2' (web-module, profile cluster-it)"
  mvn -B verify -pl web-module -am -Pcluster-it -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
  say "== the roles on two servers: STI-PA, STI-CA, STI-CR on one, SP-KMS, STI-AS, STI-VS on the other (web-module, profile roles-it)"
  mvn -B verify -pl web-module -am -Proles-it -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
  say "== the EAR on Payara Server with PostgreSQL (ear-module, profile ear-it: its own domain on port base 30000)"
  # Its own, empty database: the test reads the STI-PA's first-start passwords, which an earlier run's rows would outlive.
  "${PG_CREATEDB[@]}" shakenpki_ear
  mvn -B verify -pl ear-module -am -Pear-it -DskipTests \
    -Dear-it.db.url="jdbc:postgresql://127.0.0.1:$PG_PORT/shakenpki_ear" -Dear-it.db.user=shakenpki
  say "== the demo flow, end to end through the launcher"
  local demo_data; demo_data="$(mktemp -d /tmp/shaken-pki-demo.XXXXXX)"
  SHAKEN_PKI_DATA="$demo_data" SHAKEN_PKI_HTTP_PORT=18090 SHAKEN_PKI_HTTPS_PORT=18453 "$ROOT/shaken-pki" demo \
    || { SHAKEN_PKI_DATA="$demo_data" SHAKEN_PKI_HTTP_PORT=18090 "$ROOT/shaken-pki" stop; die "the demo failed"; }
  SHAKEN_PKI_DATA="$demo_data" SHAKEN_PKI_HTTP_PORT=18090 "$ROOT/shaken-pki" stop
  rm -rf "$demo_data"
}
