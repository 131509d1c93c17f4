#!/usr/bin/env bash
# Creates the local TLS key and certificate of the embedded server (and of test servers):
#
#   create-tls-keystore.sh DIR
#
# DIR/keystore.p12 (alias shaken-tls, EC P-256, subjectAltName localhost and 127.0.0.1), its random
# password in DIR/keystore.pass, and the certificate in DIR/server.pem for clients to trust.
# Idempotent: an existing keystore is kept. Production servers use a certificate from a public or
# corporate CA instead (see docs/deployment notes in README.md).
set -euo pipefail
dir="${1:?usage: create-tls-keystore.sh DIR}"
alias=shaken-tls
mkdir -p "$dir"
keystore="$dir/keystore.p12" password_file="$dir/keystore.pass"
[[ -f "$keystore" ]] && exit 0
# TLS_KEYSTORE_PASSWORD lets a test build choose the password; otherwise it is random.
(umask 077; printf '%s' "${TLS_KEYSTORE_PASSWORD:-$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')}" > "$password_file")
keytool -genkeypair -alias "$alias" -keyalg EC -groupname secp256r1 -validity 825 \
  -dname "CN=localhost, O=shaken-pki local" -ext "SAN=dns:localhost,ip:127.0.0.1" \
  -keystore "$keystore" -storetype PKCS12 -storepass:file "$password_file" >/dev/null 2>&1
keytool -exportcert -rfc -alias "$alias" -keystore "$keystore" -storepass:file "$password_file" \
  > "$dir/server.pem" 2>/dev/null
chmod 600 "$keystore"
echo "created a TLS certificate for localhost and 127.0.0.1: $dir/server.pem"
