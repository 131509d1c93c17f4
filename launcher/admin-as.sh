# shellcheck shell=bash
# shellcheck disable=SC2016 # the single-quoted $names are jq's
# Part of ./shaken-pki (sourced): STI-AS API keys (./shaken-pki as ...), over the admin API with the bearer token
# the STI-AS wrote at first start (data/as/admin.token).

# as_call METHOD PATH [json_body arguments]: PATH below /stir/v1/admin/api-keys ("" or "/ID...").
as_call() {
  local method="$1" path="$2"; shift 2
  admin_call bearer "$DATA/as/admin.token" "STI-AS admin token" "$method" "http://$BIND:$HTTP_PORT/stir/v1/admin/api-keys$path" "$@"
}

# key-create NAME --spc SPC[,SPC] --max-attest A|B|C: the server answers with the key, its secret "apiKey" shown this once.
as_key_create() {
  local name="${1:?NAME}" spcs="" max="" spc_list=(); shift
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --spc) spcs="${2:?SPC[,SPC]}"; shift 2 ;;
      --max-attest) max="${2:?A|B|C}"; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  [[ -n "$spcs" && -n "$max" ]] || die "as key-create NAME --spc SPC[,SPC] --max-attest A|B|C"
  IFS=, read -ra spc_list <<< "$spcs"
  as_call POST "" --arg name "$name" --arg maxAttest "$max" '{$name, spcs: $ARGS.positional, $maxAttest}' --args "${spc_list[@]}"
}

cmd_as() {
  local command="${1:-help}"; shift || true
  case "$command" in
    key-create) as_key_create "$@" ;;
    key-list) as_call GET "" ;;
    key-revoke) as_call POST "/${1:?ID}/revoke" ;;
    *) cat <<'USAGE'
./shaken-pki as key-create NAME --spc SPC[,SPC] --max-attest A|B|C   prints the key; its "apiKey" is shown this once
./shaken-pki as key-list                                             the keys (never their secrets)
./shaken-pki as key-revoke ID                                        signing with it is refused from now on
Sign with: curl -H "Authorization: Bearer <apiKey>" -H 'Content-Type: application/json' http://127.0.0.1:8080/stir/v1/signing -d '{"signingRequest":...}'
USAGE
      ;;
  esac
}
