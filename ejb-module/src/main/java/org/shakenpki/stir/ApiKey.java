package org.shakenpki.stir;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An STI-AS API key as stored: its name, the SHA-256 of its secret (never the secret), the SPCs whose
 * credentials it may sign with and the strongest attestation it may assert (RFC 8588 section 4). A revoked key
 * stays, so that the audit log's references to it keep meaning something.
 */
@Entity
@Table(name = "sti_as_api_key")
public class ApiKey {
    @Id
    @SequenceGenerator(name = "sti_as_api_key_seq", sequenceName = "sti_as_api_key_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sti_as_api_key_seq")
    private long id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "secret_sha256", nullable = false, unique = true, updatable = false, length = 64)
    private String secretSha256;

    /** Comma-separated: SPCs are letters and digits only (checked at creation). */
    @Column(nullable = false, updatable = false, length = 1000)
    private String spcs;

    @Column(name = "max_attest", nullable = false, updatable = false, length = 1)
    private String maxAttest;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(nullable = false)
    private boolean revoked;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    protected ApiKey() {
        // for JPA
    }

    ApiKey(String name, String secretSha256, Set<String> spcs, Attestation maxAttest, OffsetDateTime createdAt) {
        this.name = name;
        this.secretSha256 = secretSha256;
        this.spcs = String.join(",", spcs);
        this.maxAttest = maxAttest.name();
        this.createdAt = createdAt;
    }

    void revoke(OffsetDateTime at) {
        revoked = true;
        revokedAt = at;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    String secretSha256() {
        return secretSha256;
    }

    /** The SPCs, sorted. */
    public SortedSet<String> spcs() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(Arrays.asList(spcs.split(","))));
    }

    public Attestation maxAttest() {
        return Attestation.of(maxAttest);
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public boolean revoked() {
        return revoked;
    }

    public OffsetDateTime revokedAt() {
        return revokedAt;
    }

    /** What the STI-AS needs of this key to decide a signing request. */
    public ApiKeyGrant grant() {
        return new ApiKeyGrant(id, name, spcs(), maxAttest(), revoked);
    }
}
