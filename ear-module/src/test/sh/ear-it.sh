#!/usr/bin/env bash
# The EAR on Payara Server against PostgreSQL, end to end: creates a domain on its own port base, configures it
# the way docs/deployment.md tells operators to, deploys the EAR, waits until /health reports the HSM tokens and
# PostgreSQL, then has the SP-KMS obtain a certificate over the server's own APIs (STI-PA SPC token, ACME order
# at the STI-CA with tkauth-01), checks the published chain, and checks that the STI-AS signs with the new key.
# The domain is stopped whatever happens; target/ear-it keeps its logs.
#
# Run by the ear-it Maven profile of ear-module (which unpacks Payara Server) and, through it, by
# ./shaken-pki test. Environment:
#   PAYARA_HOME   the unpacked Payara Server (payara6/)
#   EAR           ear-module/target/shaken-pki.ear
#   WORK          scratch directory (domain, data directory, tokens, TLS key); emptied first
#   HSM_CONFIG    hsm-config/ (create-tokens.sh, create-tls-keystore.sh)
#   PORTBASE      Payara port base: admin PORTBASE+48, http +80, https +81
#   DB_URL, DB_USER, DB_PASSWORD   an empty PostgreSQL database (the STI-PA's first start writes the admin
#                 password this test logs in with; rows of an earlier run would keep the old one)
set -euo pipefail

# One function, read whole before it runs: a checkout or edit during a run cannot change what runs.
main() {
  : "${PAYARA_HOME:?}" "${EAR:?}" "${WORK:?}" "${HSM_CONFIG:?}" "${PORTBASE:?}" "${DB_URL:?}" "${DB_USER:?}"
  DB_PASSWORD="${DB_PASSWORD:-}"
  DOMAIN=shakenpki
  ADMIN_PORT=$((PORTBASE + 48))
  HTTP_PORT=$((PORTBASE + 80))
  HTTPS_PORT=$((PORTBASE + 81))
  BASE="http://127.0.0.1:$HTTP_PORT"
  HTTPS="https://localhost:$HTTPS_PORT"
  DATA="$WORK/data"
  DOMAIN_DIR="$WORK/domains/$DOMAIN"
  LOG="$DOMAIN_DIR/logs/server.log"
  SPC=1234
  started=$SECONDS

  say() { printf '[ear-it %3ss] %s\n' "$((SECONDS - started))" "$*"; }
  fail() {
    printf '[ear-it] FAILED: %s\n' "$*" >&2
    [[ -f "$LOG" ]] && { echo "--- last lines of $LOG" >&2; tail -n 60 "$LOG" >&2; }
    exit 1
  }
  asadmin() { "$PAYARA_HOME/bin/asadmin" --port "$ADMIN_PORT" "$@"; }

  for command in jq curl openssl keytool softhsm2-util; do
    command -v "$command" >/dev/null || fail "$command is not installed"
  done
  [[ -f "$EAR" ]] || fail "no EAR at $EAR"

  # A domain left over from an interrupted run would hold the ports: stop it before starting afresh.
  stop_domain() {
    [[ -d "$DOMAIN_DIR" ]] || return 0
    "$PAYARA_HOME/bin/asadmin" stop-domain --domaindir "$WORK/domains" "$DOMAIN" >/dev/null 2>&1 || true
    local pid_file="$DOMAIN_DIR/config/pid"
    if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then kill -9 "$(cat "$pid_file")" || true; fi
  }
  stop_domain
  rm -rf "$WORK"
  trap 'say "stopping the domain"; stop_domain' EXIT
  mkdir -p "$WORK" "$DATA"

  say "SoftHSM2 tokens and the TLS key"
  "$HSM_CONFIG/create-tokens.sh" --fresh "$WORK/hsm" >/dev/null || fail "create-tokens.sh"
  "$HSM_CONFIG/create-tls-keystore.sh" "$WORK/tls" >/dev/null || fail "create-tls-keystore.sh"

  say "domain $DOMAIN on port base $PORTBASE (admin $ADMIN_PORT, http $HTTP_PORT, https $HTTPS_PORT)"
  "$PAYARA_HOME/bin/asadmin" create-domain --nopassword --portbase "$PORTBASE" --domaindir "$WORK/domains" "$DOMAIN" >/dev/null \
    || fail "create-domain (are the ports of port base $PORTBASE free?)"
  # The https listener serves the certificate named s1as: put the localhost certificate (which the application's
  # outbound clients trust through shakenpki.tls.trust-pem) under that name.
  keystore="$DOMAIN_DIR/config/keystore.p12"
  keytool -delete -alias s1as -keystore "$keystore" -storepass changeit >/dev/null
  keytool -importkeystore -srckeystore "$WORK/tls/keystore.p12" -srcstoretype PKCS12 -srcstorepass:file "$WORK/tls/keystore.pass" \
    -srcalias shaken-tls -destkeystore "$keystore" -deststoretype PKCS12 -deststorepass changeit -destalias s1as >/dev/null 2>&1 || fail "cannot import the TLS key"

  say "starting the domain (SOFTHSM2_CONF in its environment)"
  export SOFTHSM2_CONF="$WORK/hsm/softhsm2.conf"
  "$PAYARA_HOME/bin/asadmin" start-domain --domaindir "$WORK/domains" "$DOMAIN" >/dev/null || fail "start-domain"

  say "JVM options and listeners"
  # create-jvm-options separates options with ':'; colons inside a value are escaped.
  escape() { printf '%s' "${1//:/\\:}"; }
  options=(
    "--add-exports=jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED"
    "-Dmp.config.profile=pg"
    "-Dshakenpki.data-dir=$DATA"
    "-Dshakenpki.public-url=$(escape "$HTTPS")"
    "-Dshakenpki.tls.trust-pem=$WORK/tls/server.pem"
    # the SP-KMS of this one-server test orders without External Account Binding (EabChecks and KmsIT test EAB)
    "-Dshakenpki.ca.external-account-required=false"
    "-Dshakenpki.db.url=$(escape "$DB_URL")"
    "-Dshakenpki.db.user=$DB_USER"
    "-Dhazelcast.phone.home.enabled=false"
  )
  [[ -n "$DB_PASSWORD" ]] && options+=("-Dshakenpki.db.password=$(escape "$DB_PASSWORD")")
  while IFS= read -r line; do
    [[ "$line" == sks.* ]] && options+=("-D$(escape "$line")")
  done < "$WORK/hsm/hsm.properties"
  joined="$(IFS=:; echo "${options[*]}")"
  asadmin create-jvm-options -- "$joined" >/dev/null || fail "create-jvm-options"
  for listener in http-listener-1 http-listener-2; do
    asadmin set "configs.config.server-config.network-config.network-listeners.network-listener.$listener.address=127.0.0.1" >/dev/null
  done
  # Persistent EJB timers (SP-KMS renewals) in the data grid, as docs/deployment.md tells clusters to; the grid on
  # ports of this port base, not Payara's shared defaults.
  asadmin set configs.config.server-config.ejb-container.ejb-timer-service.ejb-timer-service=DataGrid >/dev/null
  asadmin set-hazelcast-configuration --dasport $((PORTBASE + 90)) --startport $((PORTBASE + 91)) \
    --clustername "shakenpki-ear-it-$PORTBASE" >/dev/null || fail "set-hazelcast-configuration"
  asadmin restart-domain --domaindir "$WORK/domains" "$DOMAIN" >/dev/null || fail "restart-domain"

  say "deploying $(basename "$EAR")"
  asadmin deploy --name shaken-pki "$EAR" >/dev/null || fail "deploy"

  say "waiting for /health"
  health=""
  for _ in $(seq 1 90); do
    health="$(curl -s "$BASE/health" || true)"
    [[ "$(jq -r '.status? // empty' <<< "$health" 2>/dev/null)" == UP ]] && break
    sleep 1
  done
  [[ "$(jq -r .status <<< "$health" 2>/dev/null)" == UP ]] || fail "not healthy: $health"
  check_health() { [[ "$(jq -r "$1" <<< "$health")" == "$2" ]] || fail "/health: $1 is not $2: $health"; }
  check_health '.checks[] | select(.name == "database") | .data.database | startswith("PostgreSQL ")' true
  for role in pa ca kms; do check_health ".checks[] | select(.name == \"hsm-tokens\") | .data.$role" online; done
  say "healthy: PostgreSQL and the tokens pa, ca, kms"

  admin_password="$(cat "$DATA/sti-pa/admin.password")" || fail "no STI-PA admin password"
  pa() { # METHOD PATH [BODY] EXPECTED-STATUS: prints the body
    local out status args=(-sS -w '\n%{http_code}' -X "$1" -u "admin:$admin_password" -H 'Accept: application/json')
    [[ -n "$3" ]] && args+=(-H 'Content-Type: application/json' --data-binary "$3")
    out="$(curl "${args[@]}" "$BASE/$2")"
    status="${out##*$'\n'}"
    [[ "$status" == "$4" ]] || fail "$1 /$2: HTTP $status (expected $4): ${out%$'\n'*}"
    printf '%s' "${out%$'\n'*}"
  }
  json() { jq -Rs . <<< "$1"; }
  b64url_decode() {
    local text="${1//-/+}"; text="${text//_//}"
    while (( ${#text} % 4 )); do text+="="; done
    base64 -d <<< "$text"
  }

  say "STI-PA: trust the STI-CA root; account local-sp with SPC $SPC; API user local-sp-kms"
  curl -sSf --cacert "$WORK/tls/server.pem" "$HTTPS/sti-ca/root.pem" > "$WORK/sti-ca-root.pem" || fail "no STI-CA root over https"
  pa POST api/v1/admin/trust-anchors "{\"certificate\":$(json "$(cat "$WORK/sti-ca-root.pem")")}" 201 >/dev/null
  pa POST api/v1/admin/accounts "{\"accountId\":\"local-sp\",\"name\":\"EAR test SP\",\"caAllowed\":false,\"spcs\":[\"$SPC\"]}" 201 >/dev/null
  user="$(pa POST api/v1/admin/users '{"userId":"local-sp-kms","role":"SP_API","accountId":"local-sp"}' 201)"
  mkdir -p "$DATA/kms"
  (umask 077; jq -r .password <<< "$user" > "$DATA/kms/sti-pa.password")

  say "SP-KMS: key on the kms token, SPC token, ACME order, tkauth-01, finalize"
  token="$(cat "$DATA/kms/admin.token")" || fail "no SP-KMS admin token"
  kms() { curl -sS -H "Authorization: Bearer $token" -H 'Accept: application/json' "$@"; }
  kms -X POST -H 'Content-Type: application/json' --data-binary "{\"spc\":\"$SPC\"}" "$BASE/kms/v1/credentials" >/dev/null
  credential=""
  for _ in $(seq 1 120); do
    credential="$(kms "$BASE/kms/v1/credentials/$SPC")"
    state="$(jq -r .state <<< "$credential")"
    [[ "$state" == ACTIVE || "$state" == FAILED ]] && break
    sleep 1
  done
  [[ "$(jq -r .state <<< "$credential")" == ACTIVE ]] || fail "no certificate: $credential"

  say "STI-CR: the published chain verifies against the STI-CA root and names SPC $SPC"
  url="$(jq -r .certificateUrl <<< "$credential")"
  [[ "$url" == "$HTTPS/"* ]] || fail "certificate URL $url is not under $HTTPS"
  curl -sSf --cacert "$WORK/tls/server.pem" "$url" > "$WORK/chain.pem" || fail "cannot fetch $url"
  awk -v dir="$WORK" '/BEGIN CERT/ { n++ } { print > (dir "/chain-" n ".pem") }' "$WORK/chain.pem"
  [[ -f "$WORK/chain-2.pem" ]] || fail "the chain at $url has no intermediate"
  openssl verify -x509_strict -CAfile "$WORK/sti-ca-root.pem" -untrusted "$WORK/chain-2.pem" "$WORK/chain-1.pem" >/dev/null \
    || fail "the chain does not verify"
  subject="$(openssl x509 -in "$WORK/chain-1.pem" -noout -subject)"
  [[ "$subject" == *"SHAKEN $SPC"* ]] || fail "unexpected subject: $subject"
  hex() { tr a-f A-F | sed 's/^0*//'; }
  [[ "$(openssl x509 -in "$WORK/chain-1.pem" -noout -serial | cut -d= -f2 | hex)" == "$(jq -r .serialNumber <<< "$credential" | hex)" ]] \
    || fail "the published certificate is not the credential's"

  say "STI-AS: an API key for SPC $SPC, then a PASSporT signed with the new HSM key, naming the published chain"
  local identity jws signature as_token api_key
  as_token="$(cat "$DATA/as/admin.token")" || fail "no STI-AS admin token"
  api_key="$(curl -sSf -H "Authorization: Bearer $as_token" -H 'Content-Type: application/json' "$BASE/stir/v1/admin/api-keys" \
    --data-binary "{\"name\":\"ear-it\",\"spcs\":[\"$SPC\"],\"maxAttest\":\"A\"}" | jq -r .apiKey)" || fail "no STI-AS API key"
  [[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' "$BASE/stir/v1/signing" -d '{}')" == 401 ]] \
    || fail "the STI-AS signs without an API key"
  identity="$(curl -sSf -H 'Content-Type: application/json' -H "Authorization: Bearer $api_key" "$BASE/stir/v1/signing" \
    -d "{\"signingRequest\":{\"attest\":\"A\",\"dest\":{\"tn\":[\"12155550131\"]},\"orig\":{\"tn\":\"12155550121\"}}}" \
    | jq -r .signingResponse.identity)" || fail "the STI-AS did not sign"
  [[ "$identity" == *";info=<$url>;alg=ES256;ppt=shaken" ]] || fail "the STI-AS does not name $url: $identity"
  jws="${identity%%;*}"
  # ES256 in JWS is R||S (RFC 7518 section 3.4); openssl verifies the DER SEQUENCE of the two INTEGERs.
  signature="$(b64url_decode "${jws##*.}" | od -An -v -tx1 | tr -d ' \n')"
  [[ ${#signature} -eq 128 ]] || fail "not a P-256 signature: ${jws##*.}"
  printf 'asn1=SEQUENCE:sig\n[sig]\nr=INTEGER:0x%s\ns=INTEGER:0x%s\n' "${signature:0:64}" "${signature:64:64}" > "$WORK/sig.cnf"
  openssl asn1parse -genconf "$WORK/sig.cnf" -out "$WORK/sig.der" -noout
  openssl x509 -in "$WORK/chain-1.pem" -noout -pubkey > "$WORK/leaf-key.pem"
  printf '%s' "${jws%.*}" | openssl dgst -sha256 -verify "$WORK/leaf-key.pem" -signature "$WORK/sig.der" >/dev/null \
    || fail "the PASSporT signature does not verify with the certificate's key"

  say "PASSED: $subject, serial $(jq -r .serialNumber <<< "$credential"), on Payara Server with PostgreSQL"
}

main "$@"; exit
