# shellcheck shell=bash
# shellcheck disable=SC2016 # the single-quoted $names are jq's
# Part of ./shaken-pki (sourced): STI-CA subscribers, their External Account Binding keys and the hierarchy (./shaken-pki ca ...),
# over the admin API with the bearer token the STI-CA wrote at first start (data/ca/admin.token).

# ca_call METHOD PATH [json_body arguments]: PATH below /sti-ca/admin/v1/subscribers ("" or "/ID...").
ca_call() {
  local method="$1" path="$2"; shift 2
  admin_call bearer "$DATA/ca/admin.token" "STI-CA admin token" "$method" "http://$BIND:$HTTP_PORT/sti-ca/admin/v1/subscribers$path" "$@"
}

# subscriber-create ID --name LEGAL-NAME --o O [--c C] [--st ST] [--l L] [--ou OU] --spc SPC [--spc SPC ...]
# --contact CONTACT: the subject holds the attributes given, and only those.
ca_subscriber_create() {
  local id="${1:?ID}" name="" contact="" subject=() spcs=()
  shift
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --name) name="${2:?LEGAL-NAME}"; shift 2 ;;
      --contact) contact="${2:?CONTACT}"; shift 2 ;;
      --o) subject+=(--arg O "${2:?O}"); shift 2 ;;
      --c) subject+=(--arg C "${2:?C}"); shift 2 ;;
      --st) subject+=(--arg ST "${2:?ST}"); shift 2 ;;
      --l) subject+=(--arg L "${2:?L}"); shift 2 ;;
      --ou) subject+=(--arg OU "${2:?OU}"); shift 2 ;;
      --spc) spcs+=("${2:?SPC}"); shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  ca_call POST "" --arg id "$id" --arg legalName "$name" --arg contact "$contact" "${subject[@]}" \
    '{id: $id, legalName: $legalName, contact: $contact, spcs: $ARGS.positional,
      subject: ($ARGS.named | with_entries(select(.key | IN("O", "C", "ST", "L", "OU"))))}' --args "${spcs[@]}"
}

# ca_admin_call METHOD PATH: PATH below /sti-ca/admin/v1/.
ca_admin_call() {
  admin_call bearer "$DATA/ca/admin.token" "STI-CA admin token" "$1" "http://$BIND:$HTTP_PORT/sti-ca/admin/v1/$2"
}

# ari pull-forward (--serial HEX [--serial HEX ...] | --spc SPC | --all) [--by TIME] [--explanation URL]: pulls the
# ACME Renewal Information window (RFC 9773) of those certificates forward so that their subscribers replace them by
# TIME (default: at once).
ca_ari() {
  local command="${1:-help}"; shift || true
  [[ "$command" == pull-forward ]] || die "./shaken-pki ca ari pull-forward (--serial HEX ... | --spc SPC | --all) [--by TIME] [--explanation URL]"
  local fields=() serials=() all=false
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --serial) serials+=("${2:?HEX}"); shift 2 ;;
      --spc) fields+=(--arg spc "${2:?SPC}"); shift 2 ;;
      --all) all=true; shift ;;
      --by) fields+=(--arg by "${2:?RFC 3339 time}"); shift 2 ;;
      --explanation) fields+=(--arg explanationUrl "${2:?URL}"); shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  admin_call bearer "$DATA/ca/admin.token" "STI-CA admin token" POST \
    "http://$BIND:$HTTP_PORT/sti-ca/admin/v1/renewal-windows/pull-forward" "${fields[@]}" --argjson all "$all" \
    '($ARGS.named | if $all then . else del(.all) end) + (if ($ARGS.positional | length) > 0 then {serials: $ARGS.positional} else {} end)' \
    --args "${serials[@]}"
}

cmd_ca() {
  local command="${1:-help}"; shift || true
  case "$command" in
    subscriber-create) ca_subscriber_create "$@" ;;
    subscriber-list) ca_call GET "" ;;
    subscriber-show) ca_call GET "/${1:?ID}" ;;
    subscriber-suspend) ca_call POST "/${1:?ID}/suspend" ;;
    subscriber-activate) ca_call POST "/${1:?ID}/activate" ;;
    eab-create) ca_call POST "/${1:?SUBSCRIBER}/eab" ;;
    eab-list) ca_call GET "/${1:?SUBSCRIBER}/eab" ;;
    hierarchy) ca_admin_call GET hierarchy ;;
    intermediate-roll) ca_admin_call POST hierarchy/intermediate/roll ;;
    ari) ca_ari "$@" ;;
    *) cat <<'USAGE'
./shaken-pki ca subscriber-create ID --name LEGAL-NAME --o O [--c C] [--st ST] [--l L] [--ou OU] --spc SPC [--spc SPC ...] --contact CONTACT
./shaken-pki ca subscriber-list | subscriber-show ID
./shaken-pki ca subscriber-suspend ID | subscriber-activate ID
./shaken-pki ca eab-create SUBSCRIBER     an External Account Binding key id and HMAC key (RFC 8555 7.3.4), shown once:
                                          give them to the subscriber's ACME client (acme4j withKeyIdentifier, certbot
                                          --eab-kid=KID --eab-hmac-key=KEY, the SP-KMS's shakenpki.kms.acme-eab-*)
./shaken-pki ca eab-list SUBSCRIBER       its EAB keys (no HMAC keys) and the ACME account each one bound
./shaken-pki ca hierarchy                 the root, the intermediate in use and the retired intermediates
./shaken-pki ca intermediate-roll         a new intermediate key and certificate under the root issue from now on;
                                          certificates of the old intermediate keep verifying (docs/deployment.md)
./shaken-pki ca ari pull-forward (--serial HEX [--serial HEX ...] | --spc SPC | --all) [--by TIME] [--explanation URL]
                                          pull the ACME Renewal Information window (RFC 9773) of those certificates
                                          forward: their ACME clients (the SP-KMS) replace them by TIME, default at once
USAGE
      ;;
  esac
}
