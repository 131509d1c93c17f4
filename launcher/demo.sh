# shellcheck shell=bash
# shellcheck disable=SC2016 # the single-quoted $names are jq's
# Part of ./shaken-pki (sourced): the demo, the seed's whole flow against the running server, one step per line
# (./shaken-pki demo). It keeps the secrets it is given in the data directory, mode 0600: the SP-KMS's STI-PA
# password (kms/sti-pa.password), its External Account Binding key at the STI-CA (kms/acme-eab.kid, kms/acme-eab.hmac-key)
# and its STI-AS API key (as/demo.api-key).

DEMO_SPC="${SHAKEN_PKI_DEMO_SPC:-1234}"
DEMO_ACCOUNT=local-sp
DEMO_USER=local-sp-kms
DEMO_SUBSCRIBER=demo-telecom
DEMO_KEY_FILE_NAME=demo.api-key # in $DATA/as

step() { printf '\n[%s] %s\n' "$1" "$2"; }
fact() { printf '      %s\n' "$*"; }

demo_json() { jq -r "$1" <<< "$2"; }

# Polls the SP-KMS until the credential is ACTIVE with a serial other than $1; prints its JSON.
demo_await_certificate() {
  local previous="$1" credential state deadline=$((SECONDS + 120))
  while (( SECONDS < deadline )); do
    credential="$(kms_call GET "/$DEMO_SPC")"
    state="$(demo_json .state "$credential")"
    if [[ "$state" == ACTIVE && "$(demo_json .serialNumber "$credential")" != "$previous" ]]; then
      echo "$credential"; return 0
    fi
    if [[ "$state" == FAILED ]]; then
      die "the SP-KMS could not get a certificate: $(demo_json .lastError "$credential")"
    fi
    sleep 1
  done
  die "no certificate after 120 s: $(demo_json .lastError "$credential")"
}

# Stops and starts the server (one node or the cluster) so that it reads the EAB options again (eab_options).
demo_restart() {
  local nodes=1
  [[ -f "$DATA/cluster.nodes" ]] && nodes="$(cat "$DATA/cluster.nodes")"
  cmd_stop >/dev/null
  if (( nodes > 1 )); then cmd_start --nodes "$nodes" >/dev/null; else cmd_start >/dev/null; fi
}

# The STI-CA's subscriber record of the demo provider and its EAB key, made on the first run; the key id and the
# HMAC key (shown once by the STI-CA) are kept for the SP-KMS, mode 0600, and the server restarted to use them.
demo_subscriber() {
  if [[ "$(ca_call GET "/$DEMO_SUBSCRIBER" | jq -r '.id // empty')" != "$DEMO_SUBSCRIBER" ]]; then
    cmd_ca subscriber-create "$DEMO_SUBSCRIBER" --name "Demo Telecom, Inc." --o "Demo Telecom, Inc." --c US --st NJ \
      --l Bridgewater --spc "$DEMO_SPC" --contact mailto:noc@demo-telecom.example >/dev/null
  fi
  fact "$(ca_call GET "/$DEMO_SUBSCRIBER" | jq -c '{id, subject, spcs, state}')"
  if [[ ! -s "$EAB_KID_FILE" || ! -s "$EAB_HMAC_KEY_FILE" ]]; then
    local created kid hmac
    created="$(cmd_ca eab-create "$DEMO_SUBSCRIBER")"
    kid="$(demo_json '.kid // empty' "$created")"
    hmac="$(demo_json '.hmacKey // empty' "$created")"
    [[ -n "$kid" && -n "$hmac" ]] || die "the STI-CA did not issue an EAB key: $created"
    mkdir -p "$DATA/kms"
    (umask 077; printf '%s\n' "$hmac" > "$EAB_HMAC_KEY_FILE"; printf '%s\n' "$kid" > "$EAB_KID_FILE")
  fi
  fact "EAB key id $(<"$EAB_KID_FILE"); its HMAC key in $EAB_HMAC_KEY_FILE, read by the SP-KMS"
  if [[ "$(demo_directory_eab)" != true ]]; then
    fact "restarting with shakenpki.kms.acme-eab-kid, shakenpki.kms.acme-eab-hmac-key-file and shakenpki.ca.external-account-required=true ..."
    demo_restart
  fi
  fact "ACME directory meta.externalAccountRequired: $(demo_directory_eab)"
}

demo_directory_eab() {
  curl -sS --cacert "$DATA/tls/server.pem" "https://localhost:$HTTPS_PORT/acme/directory" | jq -r .meta.externalAccountRequired
}

# The ACME account the demo's EAB key bound, as the STI-CA's admin API shows it, or "none".
demo_bound_account() {
  ca_call GET "/$DEMO_SUBSCRIBER/eab" | jq -r --arg kid "$(<"$EAB_KID_FILE")" '[.[] | select(.kid == $kid) | .accountUrl // empty][0] // "none"'
}

# The demo's STI-AS API key, made on the first run (bound to the demo SPC, attestation up to A) and kept, mode 0600.
demo_api_key() {
  local file="$DATA/as/$DEMO_KEY_FILE_NAME" created secret
  if [[ ! -s "$file" ]]; then
    created="$(cmd_as key-create demo --spc "$DEMO_SPC" --max-attest A)"
    secret="$(demo_json '.apiKey // empty' "$created")"
    [[ -n "$secret" ]] || die "the STI-AS did not create an API key: $created"
    mkdir -p "$DATA/as"
    (umask 077; printf '%s\n' "$secret" > "$file")
  fi
  cat "$file"
}

# A PASSporT for a call from 12155550121 to 12155550131, attestation A, signed with the demo's API key.
demo_sign() {
  local body credential
  body="$(json_body --argjson iat "$(date +%s)" \
    '{signingRequest: {attest: "A", dest: {tn: ["12155550131"]}, $iat, orig: {tn: "12155550121"}}}')" || return
  credential="$(curl_credential bearer "$DATA/as/$DEMO_KEY_FILE_NAME")" || return
  curl --config - -sS -H 'Content-Type: application/json' "http://$BIND:$HTTP_PORT/stir/v1/signing" -d "$body" <<< "$credential"
}

# demo_verify IDENTITY: the STI-VS's verdict on that Identity header for the same call.
demo_verify() {
  local body
  body="$(json_body --argjson time "$(date +%s)" --arg identity "$1" \
    '{verificationRequest: {from: {tn: "12155550121"}, to: {tn: ["12155550131"]}, $time, $identity}}')" || return
  curl -sS -H 'Content-Type: application/json' "http://$BIND:$HTTP_PORT/stir/v1/verification" -d "$body"
}

cmd_demo() {
  require_commands jq:jq
  running_pid >/dev/null || cmd_start
  local base="http://$BIND:$HTTP_PORT" https="https://localhost:$HTTPS_PORT" tls=(--cacert "$DATA/tls/server.pem")

  step 1/10 "STI-PA: approve the STI-CA (add its root to the trust list)"
  curl -sS "${tls[@]}" "$https/sti-ca/root.pem" > "$DATA/sti-ca-root.pem"
  fact "$(demo_json '.subject + "  sha256 " + .fingerprint' "$(cmd_pa ca-add "$DATA/sti-ca-root.pem")")"

  step 2/10 "STI-PA: service-provider account $DEMO_ACCOUNT holding SPC $DEMO_SPC"
  if [[ "$(pa_call GET "api/v1/admin/accounts/$DEMO_ACCOUNT" | jq -r .accountId)" != "$DEMO_ACCOUNT" ]]; then
    cmd_pa account-create "$DEMO_ACCOUNT" "Demo Telecom" "$DEMO_SPC" >/dev/null
  fi
  fact "$(cmd_pa account-show "$DEMO_ACCOUNT" | jq -c '{accountId, active, spcs}')"

  step 3/10 "STI-PA: API user $DEMO_USER for the SP-KMS"
  if [[ ! -s "$DATA/kms/sti-pa.password" ]]; then
    local created password
    created="$(cmd_pa user-create "$DEMO_USER" SP_API "$DEMO_ACCOUNT")"
    password="$(demo_json '.password // empty' "$created")"
    [[ -n "$password" ]] || die "the STI-PA did not create the API user: $created"
    mkdir -p "$DATA/kms"
    (umask 077; printf '%s\n' "$password" > "$DATA/kms/sti-pa.password")
  fi
  fact "password in $DATA/kms/sti-pa.password (read by the SP-KMS at each login)"

  step 4/10 "STI-CA: subscriber $DEMO_SUBSCRIBER, vetted (verified O, C, ST, L; SPC $DEMO_SPC), and an EAB key for the SP-KMS"
  demo_subscriber

  step 5/10 "SP-KMS: HSM key, SPC token, ACME account bound by EAB, order, tkauth-01, finalize, download"
  local previous="" credential
  if [[ "$(kms_call GET "/$DEMO_SPC" | jq -r .spc)" == "$DEMO_SPC" ]]; then
    previous="$(kms_call GET "/$DEMO_SPC" | jq -r '.serialNumber // ""')"
    kms_call POST "/$DEMO_SPC/renew" >/dev/null
  else
    cmd_kms create "$DEMO_SPC" >/dev/null
  fi
  credential="$(demo_await_certificate "$previous")"
  fact "key on the kms token:   $(demo_json .keyAlias "$credential")"
  fact "certificate serial:     $(demo_json .serialNumber "$credential") valid until $(demo_json .notAfter "$credential")"
  fact "$(demo_json '.certificateChain' "$credential" | openssl x509 -noout -issuer)"
  local bound subject
  bound="$(demo_bound_account)"
  [[ "$bound" != none ]] || die "the SP-KMS's ACME account is not bound to $DEMO_SUBSCRIBER (a data directory from before the demo used EAB? start with a fresh SHAKEN_PKI_DATA)"
  fact "ACME account bound to subscriber $DEMO_SUBSCRIBER: $bound"
  subject="$(demo_json '.certificateChain' "$credential" | openssl x509 -noout -subject -nameopt RFC2253)"
  [[ "$subject" == *'O=Demo Telecom\, Inc.'* ]] || die "the certificate does not name the verified subscriber: $subject"
  fact "verified $subject"

  step 6/10 "STI-CR: the chain is published; the SP-KMS notified the STI-AS"
  local x5u; x5u="$(demo_json .certificateUrl "$credential")"
  fact "$x5u"
  fact "$(curl -sS -o /dev/null -D - "${tls[@]}" "$x5u" | grep -iE '^(HTTP|content-type|cache-control)' | tr -d '\r' | tr '\n' ' ')"

  step 7/10 "STI-AS: sign a PASSporT with the HSM key (API key $DATA/as/$DEMO_KEY_FILE_NAME, SPC $DEMO_SPC, attestation up to A)"
  demo_api_key >/dev/null
  local identity; identity="$(demo_sign | jq -r .signingResponse.identity)"
  [[ "$identity" == *";info=<$x5u>;"* ]] || die "the STI-AS did not sign with the new certificate: $identity"
  fact "Identity: ${identity:0:60}...;info=<$x5u>;alg=ES256;ppt=shaken"

  step 8/10 "STI-VS: verify it"
  local verdict; verdict="$(demo_verify "$identity")"
  fact "$(jq -c .verificationResponse <<< "$verdict")"
  [[ "$(jq -r .verificationResponse.verstat <<< "$verdict")" == TN-Validation-Passed ]] || die "verification did not pass"

  step 9/10 "STI-PA: the service provider revokes the certificate; the CRL lists it"
  local chain_file="$DATA/demo-certificate.pem" serial
  demo_json .certificateChain "$credential" > "$chain_file"
  fact "$(cmd_pa revoke "$chain_file" keyCompromise | jq -c '{message, serialNumber, crlNumber}')"
  serial="$(openssl x509 -in "$chain_file" -noout -serial | cut -d= -f2)"
  curl -sS "$base/download/v1/crl" | openssl crl -inform DER -noout -text | grep -q "Serial Number: $serial" \
    || die "the CRL does not list $serial"
  fact "CRL $base/download/v1/crl lists serial $serial"

  # The PASSporT of step 7 again: signed with the revoked certificate. (A new one may already carry the SP-KMS's
  # replacement: it watches the CRL and replaces a listed certificate with a fresh key at its next check.)
  step 10/10 "STI-VS: the PASSporT signed with the revoked certificate now fails"
  sleep 6 # the embedded STI-VS rereads the local STI-PA CRL at most every 5 s (shakenpki.vs.crl-refresh)
  verdict="$(demo_verify "$identity")"
  fact "$(jq -c .verificationResponse <<< "$verdict")"
  [[ "$(jq -r .verificationResponse.verstat <<< "$verdict")" == TN-Validation-Failed ]] || die "verification did not fail"

  printf '\nDone. Look at:\n'
  fact "trust list (JWT):  $base/api/v1/ca-list (log in first), roots: ./shaken-pki pa ca-list"
  fact "CRL:               $base/download/v1/crl"
  fact "certificate chain: $x5u"
  fact "ACME directory:    $https/acme/directory"
  fact "health:            $HEALTH_URL      OpenAPI: http://$BIND:$HTTP_PORT/openapi"
  fact "run again: ./shaken-pki demo   stop: ./shaken-pki stop"
}
