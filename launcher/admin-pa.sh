# shellcheck shell=bash
# shellcheck disable=SC2016 # the single-quoted $names are jq's
# Part of ./shaken-pki (sourced): STI-PA administration (./shaken-pki pa ...), over the admin API with HTTP Basic
# as admin and the password the STI-PA wrote at first start (data/sti-pa/admin.password).

# pa_call METHOD PATH [json_body arguments]
pa_call() {
  local method="$1" path="$2"; shift 2
  admin_call basic "$DATA/sti-pa/admin.password" "admin password" "$method" "http://$BIND:$HTTP_PORT/$path" "$@"
}

# pa_patch_active COMMAND PATH: {"active": false} for a *-deactivate COMMAND, else {"active": true}.
pa_patch_active() {
  local active=true
  [[ "$1" == *-deactivate ]] && active=false
  pa_call PATCH "$2" --argjson active "$active" '{$active}'
}

# A PEM file's text without carriage returns.
pem_text() {
  [[ -r "$1" ]] || die "cannot read $1"
  tr -d '\r' < "$1"
}

# account-create ACCOUNT NAME [--ca-allowed] [SPC ...]
pa_account_create() {
  local id="${1:?accountId}" name="${2:?name}" ca=false spcs=() arg
  shift 2
  for arg in "$@"; do if [[ "$arg" == --ca-allowed ]]; then ca=true; else spcs+=("$arg"); fi; done
  pa_call POST api/v1/admin/accounts --arg accountId "$id" --arg name "$name" --argjson caAllowed "$ca" \
    '{$accountId, $name, $caAllowed, spcs: $ARGS.positional}' --args "${spcs[@]}"
}

# user-create USER ROLE [ACCOUNT | ROOT-SHA256]: the third argument is the account of an SP_API or SP_ADMIN user, or the
# trust-list root (sha256) an STI_CA user is bound to. The server answers with the generated password.
pa_user_create() {
  local user="${1:?userId}" role="${2:?SP_API|SP_ADMIN|ADMIN|STI_CA|VERIFIER}"
  local account=(--argjson accountId null) ca=(--argjson caFingerprint null)
  if [[ "$role" == STI_CA ]]; then ca=(--arg caFingerprint "${3:?root sha256 fingerprint}")
  elif [[ -n "${3:-}" ]]; then account=(--arg accountId "$3"); fi
  pa_call POST api/v1/admin/users --arg userId "$user" --arg role "$role" "${account[@]}" "${ca[@]}" \
    '{$userId, $role, $accountId, $caFingerprint}'
}

# ca-add ROOT.pem
pa_ca_add() {
  local certificate
  certificate="$(pem_text "${1:?root.pem}")" || return
  pa_call POST api/v1/admin/trust-anchors --arg certificate "$certificate" '{$certificate}'
}

# revoke CERT.pem [REASON]
pa_revoke() {
  local certificate
  certificate="$(pem_text "${1:?certificate.pem}")" || return
  pa_call POST api/v1/revocations --arg certificate "$certificate" --arg reason "${2:-unspecified}" '{$certificate, $reason}'
}

cmd_pa() {
  local command="${1:-help}"; shift || true
  case "$command" in
    accounts) pa_call GET api/v1/admin/accounts ;;
    account-show) pa_call GET "api/v1/admin/accounts/${1:?accountId}" ;;
    account-create) pa_account_create "$@" ;;
    account-activate|account-deactivate) pa_patch_active "$command" "api/v1/admin/accounts/${1:?accountId}" ;;
    account-ca-allow|account-ca-deny)
      local allowed=true
      [[ "$command" == account-ca-deny ]] && allowed=false
      pa_call PATCH "api/v1/admin/accounts/${1:?accountId}" --argjson caAllowed "$allowed" '{$caAllowed}' ;;
    spc-add) pa_call POST "api/v1/admin/accounts/${1:?accountId}/spcs" --arg spc "${2:?SPC}" '{$spc}' ;;
    spc-activate|spc-deactivate) pa_patch_active "$command" "api/v1/admin/accounts/${1:?accountId}/spcs/${2:?SPC}" ;;
    user-create) pa_user_create "$@" ;;
    user-activate|user-deactivate) pa_patch_active "$command" "api/v1/admin/users/${1:?userId}" ;;
    ca-list) pa_call GET api/v1/admin/trust-anchors ;;
    ca-add) pa_ca_add "$@" ;;
    ca-remove) pa_call DELETE "api/v1/admin/trust-anchors/${1:?sha256 fingerprint}" ;;
    revoke) pa_revoke "$@" ;;
    revocations) pa_call GET api/v1/admin/revocations ;;
    crl) curl -sS "http://$BIND:$HTTP_PORT/download/v1/crl" | openssl crl -inform DER -noout -text ;;
    audit-verify) pa_call GET api/v1/admin/audit/chain ;;
    keys) pa_call GET api/v1/admin/keys ;;
    key-stage|key-activate) pa_call POST "api/v1/admin/keys/${1:?token-signer|crl-signer}/${command#key-}" ;;
    *) cat <<'USAGE'
./shaken-pki pa accounts                                   list service-provider accounts
./shaken-pki pa account-show ACCOUNT
./shaken-pki pa account-create ACCOUNT NAME [--ca-allowed] [SPC ...]
./shaken-pki pa account-activate|account-deactivate ACCOUNT
./shaken-pki pa account-ca-allow|account-ca-deny ACCOUNT   whether it gets ca:true tokens (delegate CA certificates)
./shaken-pki pa spc-add ACCOUNT SPC
./shaken-pki pa spc-activate|spc-deactivate ACCOUNT SPC
./shaken-pki pa user-create USER SP_API|SP_ADMIN|ADMIN|VERIFIER [ACCOUNT]   prints the generated password
./shaken-pki pa user-create USER STI_CA ROOT-SHA256         an STI-CA's revocation user, bound to its root
./shaken-pki pa user-activate|user-deactivate USER
./shaken-pki pa ca-list | ca-add ROOT.pem | ca-remove SHA256-HEX    the STI-CA trust list
./shaken-pki pa revoke CERT.pem [REASON]                   put a certificate on the STI-PA CRL
./shaken-pki pa revocations | crl                          what the CRL lists
./shaken-pki pa audit-verify                               seal pending audit records, verify the hash chain
./shaken-pki pa keys                                       the SPC-token and CRL signers: in use, staged, retired
./shaken-pki pa key-stage token-signer|crl-signer          rollover step 1: a new key and certificate, published
./shaken-pki pa key-activate token-signer|crl-signer       rollover step 2: the staged key signs from now on
USAGE
      ;;
  esac
}
