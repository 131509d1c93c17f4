package org.shakenpki.metrics;

import java.util.List;

/**
 * Every application metric: its MicroProfile Metrics name, kind, tags and description. The names are already in
 * Prometheus form (lower case, underscores, prefix {@code shakenpki_}); the exported series add the usual suffixes
 * ({@link #exportedNames()}): {@code _total} for counters, {@code _seconds} with {@code _count}, {@code _sum},
 * {@code _max} and {@code _bucket} for timers, nothing for gauges (whose unit, where there is one, is already the
 * last word of the name).
 *
 * <p>Tag values come from closed sets (enum constants, problem types, fetch failure reasons, token names, SPCs of
 * this SP-KMS), so the number of series stays bounded whatever the requests carry.
 */
public enum Meter {
    AS_SIGNATURES(Kind.COUNTER, "shakenpki_as_signatures",
            "STI-AS signing requests of authenticated API keys, by PASSporT type, attestation and result", "ppt", "attestation", "result"),
    VS_VERIFICATIONS(Kind.COUNTER, "shakenpki_vs_verifications",
            "STI-VS verifications by verstat and failure reason (none when it passed)", "verstat", "reason"),
    VS_VERIFICATION_DURATION(Kind.TIMER, "shakenpki_vs_verification_duration",
            "Time of one STI-VS verification, x5u fetch and STI-PA feeds included"),
    VS_CHAIN_VALIDATIONS(Kind.COUNTER, "shakenpki_vs_chain_validations",
            "Full RFC 5280 path validations of x5u chains by the STI-VS: the verdict cache (stir.ValidatedChains) did not hold the chain"),
    X5U_CACHE(Kind.COUNTER, "shakenpki_x5u_cache_lookups",
            "STI-VS x5u certificate chain lookups by result: hit (served from the cache) or miss (fetched)", "result"),
    X5U_FETCH_DURATION(Kind.TIMER, "shakenpki_x5u_fetch_duration",
            "Time of one x5u fetch (cache misses), failed fetches included"),
    X5U_FETCH_FAILURES(Kind.COUNTER, "shakenpki_x5u_fetch_failures",
            "x5u fetches that failed, by reason (timeout, http_status, bad_content, ...)", "reason"),
    FETCH_FAILURES(Kind.COUNTER, "shakenpki_fetch_failures",
            "Outbound fetches of every role (x5u, STI-PA API, CRL, webhook) that failed, by reason", "reason"),
    ACME_ORDERS(Kind.COUNTER, "shakenpki_acme_orders", "ACME orders created by the STI-CA"),
    ACME_AUTHORIZATIONS(Kind.COUNTER, "shakenpki_acme_authorizations",
            "tkauth-01 challenge responses judged by the STI-CA, by result (valid, invalid)", "result"),
    ACME_TKAUTH_FAILURES(Kind.COUNTER, "shakenpki_acme_tkauth_failures",
            "tkauth-01 responses refused, by the RFC 8555 problem type (unauthorized, incorrectResponse, ...)", "reason"),
    CA_ISSUANCES(Kind.COUNTER, "shakenpki_ca_issuances", "Certificates issued by the STI-CA"),
    CA_ISSUANCE_DURATION(Kind.TIMER, "shakenpki_ca_issuance_duration",
            "Time to build, lint, sign (HSM) and store one certificate at finalize"),
    REVOCATIONS(Kind.COUNTER, "shakenpki_revocations",
            "Revocation requests carried out, by authority (sti-pa CRL, sti-ca ACME revokeCert) and result (revoked, already)",
            "authority", "result"),
    PA_SPC_TOKENS(Kind.COUNTER, "shakenpki_pa_spc_tokens", "SPC token requests at the STI-PA, by result (issued, refused)", "result"),
    PA_LOGINS(Kind.COUNTER, "shakenpki_pa_logins",
            "STI-PA password checks (API login and HTTP Basic), by result (success, failure, throttled)", "result"),
    HSM_SIGN_DURATION(Kind.TIMER, "shakenpki_hsm_sign_duration", "Time of one signature on a PKCS#11 token, by token (pa, ca, kms)", "token"),
    AUDIT_SEAL_FAILURES(Kind.COUNTER, "shakenpki_audit_seal_failures", "Audit-chain sealing runs that failed (retried at the next run)"),

    PA_CRL_NUMBER(Kind.GAUGE, "shakenpki_pa_crl_number", "Number of the STI-PA's latest CRL (RFC 5280 section 5.2.3)"),
    PA_CRL_AGE(Kind.GAUGE, "shakenpki_pa_crl_age_seconds", "Seconds since the latest CRL's thisUpdate"),
    PA_CRL_NEXT_UPDATE(Kind.GAUGE, "shakenpki_pa_crl_next_update_seconds",
            "Seconds until the latest CRL's nextUpdate (negative once it passed)"),
    PA_CRL_VALIDITY(Kind.GAUGE, "shakenpki_pa_crl_validity_seconds", "Seconds from the latest CRL's thisUpdate to its nextUpdate"),
    KMS_CREDENTIALS(Kind.GAUGE, "shakenpki_kms_credentials", "SP-KMS credentials by state (pending, active, renewing, failed, revoked)", "state"),
    KMS_CREDENTIALS_FAILING(Kind.GAUGE, "shakenpki_kms_credentials_failing",
            "SP-KMS credentials whose last issuance or renewal attempt failed (they carry a last error)"),
    KMS_CREDENTIAL_EXPIRY(Kind.GAUGE, "shakenpki_kms_credential_expiry_days",
            "Days until the certificate of an active or renewing SP-KMS credential expires, by SPC", "spc"),
    HSM_TOKEN_ONLINE(Kind.GAUGE, "shakenpki_hsm_token_online", "1 when the PKCS#11 token answers (logged in, keys listed), else 0", "token"),
    AUDIT_SEAL_LAG(Kind.GAUGE, "shakenpki_audit_seal_lag_seconds",
            "Age of the oldest audit record not yet sealed into the hash chain (0 when all are sealed)"),
    METRICS_SNAPSHOT_AGE(Kind.GAUGE, "shakenpki_metrics_snapshot_age_seconds",
            "Age of the snapshot the database gauges above report (refreshed every 15 s while scraped)");

    /** How a metric is kept. */
    public enum Kind { COUNTER, TIMER, GAUGE }

    private final Kind kind;
    private final String name;
    private final String description;
    private final List<String> tags;

    Meter(Kind kind, String name, String description, String... tags) {
        this.kind = kind;
        this.name = name;
        this.description = description;
        this.tags = List.of(tags);
    }

    public Kind kind() {
        return kind;
    }

    /** The MicroProfile Metrics name. */
    public String metricName() {
        return name;
    }

    public String description() {
        return description;
    }

    /** The tag names, in the order {@link Metrics} passes their values. */
    public List<String> tags() {
        return tags;
    }

    /** The names of the Prometheus series this metric is exported as (MicroProfile Metrics 5.1, OpenMetrics text). */
    public List<String> exportedNames() {
        switch (kind) {
            case COUNTER:
                return List.of(name + "_total");
            case TIMER:
                String base = name + "_seconds";
                return List.of(base, base + "_count", base + "_sum", base + "_max", base + "_mean", base + "_bucket");
            default:
                return List.of(name);
        }
    }

    /** The Prometheus unit of the exported value, for the README table. */
    public String unit() {
        if (kind == Kind.TIMER || name.endsWith("_seconds")) {
            return "seconds";
        }
        return name.endsWith("_days") ? "days" : "1";
    }
}
