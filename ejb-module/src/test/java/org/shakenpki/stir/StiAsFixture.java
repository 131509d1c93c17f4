package org.shakenpki.stir;

import org.shakenpki.config.MovableClock;
import org.shakenpki.config.SettingReader;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.pkix.SoftwareSigner;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The STI-AS policy beans wired by hand over in-memory stand-ins: a key directory (counting its reads), an audit
 * log that keeps its records, a clock the test moves, and software signing credentials per SPC.
 */
final class StiAsFixture {
    static final String X5U_PREFIX = "https://cr.example/";

    /** An audit record as the fixture's log kept it. */
    record Audited(String actor, String action, String subject, Outcome outcome, String detail) {
    }

    final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T12:00:00Z"));
    final Map<String, ApiKeyGrant> keysByHash = new HashMap<>();
    final List<Audited> audited = new ArrayList<>();
    final KeyPair key;
    final Set<String> spcsWithCredentials;
    int directoryReads;

    final ApiKeyAuthentication authentication = new ApiKeyAuthentication();
    final SigningService signing = new SigningService();

    StiAsFixture(Set<String> spcsWithCredentials) throws Exception {
        this.spcsWithCredentials = spcsWithCredentials;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        key = generator.generateKeyPair();

        SigningRefusals refusals = new SigningRefusals();
        refusals.clock = clock;
        refusals.audit = new AuditLog() {
            @Override
            public void recordIndependently(String actor, String action, String subject, Outcome outcome, String detail) {
                audited.add(new Audited(actor, action, subject, outcome, detail));
            }
        };
        authentication.directory = new ApiKeyDirectory() {
            @Override
            public Optional<ApiKeyGrant> bySecretSha256(String sha256Hex) {
                directoryReads++;
                return Optional.ofNullable(keysByHash.get(sha256Hex));
            }
        };
        authentication.clock = clock;
        authentication.refusals = refusals;
        authentication.settings = AsSettings.from(SettingReader.of(Map.of("shakenpki.as.admin-token-file", "unused")));

        signing.signer = new PassportSigner();
        signing.credentials = new SigningCredentials() {
            @Override
            public SigningCredential current() {
                if (spcsWithCredentials.size() != 1) {
                    throw new org.shakenpki.problem.ProblemException(org.shakenpki.problem.ProblemType.SERVICE_UNAVAILABLE,
                            "several SPCs have certificates");
                }
                return current(spcsWithCredentials.iterator().next());
            }

            @Override
            public SigningCredential current(String spc) {
                if (!spcsWithCredentials.contains(spc)) {
                    throw new org.shakenpki.problem.ProblemException(org.shakenpki.problem.ProblemType.SERVICE_UNAVAILABLE,
                            "no certificate for SPC " + spc);
                }
                return new SigningCredential(spc, new SoftwareSigner(key), X5U_PREFIX + spc + ".pem", StiAsFixture.this.clock.instant().minusSeconds(3600), StiAsFixture.this.clock.instant().plusSeconds(86400));
            }
        };
        signing.refusals = refusals;
        signing.clock = clock;
        signing.settings = authentication.settings;
    }

    /** Registers a key; returns its secret. */
    String key(long id, Attestation max, boolean revoked, String... spcs) {
        String secret = ApiKeySecrets.newSecret();
        keysByHash.put(ApiKeySecrets.sha256Hex(secret), new ApiKeyGrant(id, "key " + id, Set.of(spcs), max, revoked));
        return secret;
    }

    long now() {
        return clock.instant().getEpochSecond();
    }
}
