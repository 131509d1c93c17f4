package org.shakenpki.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.shakenpki.config.Role;
import org.shakenpki.config.Roles;
import org.shakenpki.sks.SecureKeyStore;
import org.shakenpki.sks.TokenStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The gauges over state kept in the database and on the HSM (ATIS-1000080 section 6.3.3 CRL freshness, the
 * SP-KMS credentials' expiry, the audit chain of {@code audit.AuditSealer}, the PKCS#11 tokens). A scrape reads
 * only the last {@link StateSnapshot}; a 15-second timer takes a new one (four small queries and a token status)
 * only when the gauges were read since the last one, so an unscraped server never queries for metrics and a
 * scraped one queries at most four times a minute whatever the scrape rate. The gauges are registered for the
 * roles this deployment runs (CRL: STI-PA; credentials: SP-KMS).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class StateGauges {
    private static final Logger LOG = Logger.getLogger(StateGauges.class.getName());
    private static final String[] STATES = {"PENDING", "ACTIVE", "RENEWING", "FAILED", "REVOKED"};

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    Roles roles;

    @Inject
    SecureKeyStore keyStore;

    @Inject
    Clock clock;

    private volatile StateSnapshot snapshot = StateSnapshot.EMPTY;
    private volatile boolean read = true;
    private final Set<String> expiryGauges = new HashSet<>();
    private final Set<String> tokenGauges = new HashSet<>();

    @PostConstruct
    void register() {
        if (roles.enabled(Role.PA)) {
            gauge(Meter.PA_CRL_NUMBER, s -> s.crlNumber());
            gauge(Meter.PA_CRL_AGE, s -> seconds(s.crlThisUpdate(), s.takenAt()));
            gauge(Meter.PA_CRL_NEXT_UPDATE, s -> seconds(s.takenAt(), s.crlNextUpdate()));
            gauge(Meter.PA_CRL_VALIDITY, s -> seconds(s.crlThisUpdate(), s.crlNextUpdate()));
        }
        if (roles.enabled(Role.KMS)) {
            for (String state : STATES) {
                gauge(Meter.KMS_CREDENTIALS, s -> s.takenAt() == null ? null : s.credentialsByState().getOrDefault(state, 0L),
                        state.toLowerCase(Locale.ROOT));
            }
            gauge(Meter.KMS_CREDENTIALS_FAILING, s -> s.takenAt() == null ? null : s.credentialsFailing());
        }
        gauge(Meter.AUDIT_SEAL_LAG, s -> s.takenAt() == null ? null
                : s.oldestUnsealed() == null ? 0L : Math.max(0, seconds(s.oldestUnsealed(), s.takenAt())));
        gauge(Meter.METRICS_SNAPSHOT_AGE, s -> seconds(s.takenAt(), clock.instant()));
    }

    /** Takes a new snapshot when the gauges were read since the last one. */
    @Schedule(hour = "*", minute = "*", second = "*/15", persistent = false, info = "metrics-snapshot")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void refreshIfRead() {
        if (!read) {
            return;
        }
        read = false;
        try {
            StateSnapshot taken = take();
            // the gauges first, then the snapshot they read: a scrape that sees the new snapshot sees its gauges
            registerDynamic(taken);
            snapshot = taken;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "reading the state for the metrics failed; the gauges keep the previous values", e);
        }
    }

    private StateSnapshot take() {
        Instant now = clock.instant();
        Long crlNumber = null;
        Instant thisUpdate = null;
        Instant nextUpdate = null;
        if (roles.enabled(Role.PA)) {
            List<Object[]> crl = em.createQuery("select c.crlNumber, c.thisUpdate, c.nextUpdate from PublishedCrl c "
                    + "order by c.crlNumber desc", Object[].class).setMaxResults(1).getResultList();
            if (!crl.isEmpty()) {
                crlNumber = ((Number) crl.get(0)[0]).longValue();
                thisUpdate = ((OffsetDateTime) crl.get(0)[1]).toInstant();
                nextUpdate = ((OffsetDateTime) crl.get(0)[2]).toInstant();
            }
        }
        Map<String, Long> byState = new LinkedHashMap<>();
        long failing = 0;
        Map<String, Instant> expiry = new TreeMap<>();
        if (roles.enabled(Role.KMS)) {
            for (Object[] row : em.createQuery("select c.state, count(c) from ManagedCredential c group by c.state", Object[].class)
                    .getResultList()) {
                byState.put(String.valueOf(row[0]), ((Number) row[1]).longValue());
            }
            failing = em.createQuery("select count(c) from ManagedCredential c where c.lastError is not null "
                    + "and c.state <> org.shakenpki.kms.CredentialState.REVOKED", Long.class).getSingleResult();
            for (Object[] row : em.createQuery("select c.spc, c.notAfter from ManagedCredential c where c.notAfter is not null "
                    + "and c.state in (org.shakenpki.kms.CredentialState.ACTIVE, org.shakenpki.kms.CredentialState.RENEWING)",
                    Object[].class).getResultList()) {
                Instant notAfter = ((OffsetDateTime) row[1]).toInstant();
                expiry.merge((String) row[0], notAfter, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        OffsetDateTime oldest = em.createQuery("select min(r.occurredAt) from AuditRecord r where r.chainSeq is null",
                OffsetDateTime.class).getSingleResult();
        Map<String, Boolean> online = new TreeMap<>();
        for (TokenStatus token : keyStore.status()) {
            online.put(token.role(), token.online());
        }
        return new StateSnapshot(now, crlNumber, thisUpdate, nextUpdate, byState, failing, expiry,
                oldest == null ? null : oldest.toInstant(), online);
    }

    /**
     * Gauges whose tag values are known only from the state: one per SPC with a certificate, one per token. A gauge
     * the registry refuses is logged and tried again with the next snapshot; it does not keep the others out.
     */
    private void registerDynamic(StateSnapshot taken) {
        for (String spc : taken.expiryBySpc().keySet()) {
            if (!expiryGauges.contains(spc) && registered(Meter.KMS_CREDENTIAL_EXPIRY, s -> {
                Instant notAfter = s.expiryBySpc().get(spc);
                return notAfter == null ? null : Duration.between(s.takenAt(), notAfter).toSeconds() / 86400.0;
            }, spc)) {
                expiryGauges.add(spc);
            }
        }
        for (String gone : new HashSet<>(expiryGauges)) {
            if (!taken.expiryBySpc().containsKey(gone)) {
                registry.remove(new MetricID(Meter.KMS_CREDENTIAL_EXPIRY.metricName(), new Tag("spc", gone)));
                expiryGauges.remove(gone);
            }
        }
        for (String token : taken.tokensOnline().keySet()) {
            if (!tokenGauges.contains(token) && registered(Meter.HSM_TOKEN_ONLINE, s -> {
                Boolean up = s.tokensOnline().get(token);
                return up == null ? null : up ? 1 : 0;
            }, token)) {
                tokenGauges.add(token);
            }
        }
    }

    private boolean registered(Meter meter, Function<StateSnapshot, Number> value, String tagValue) {
        try {
            gauge(meter, value, tagValue);
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the gauge " + meter.metricName() + " for " + tagValue + " was not registered", e);
            return false;
        }
    }

    /** A gauge over the current snapshot; a null value is exported as NaN (not known yet, or not applicable). */
    private void gauge(Meter meter, Function<StateSnapshot, Number> value, String... tagValues) {
        Metadata metadata = RegistryRecorder.metadata(meter, MetricUnits.NONE);
        Supplier<Double> reading = () -> {
            read = true;
            Number number = value.apply(snapshot);
            return number == null ? Double.NaN : number.doubleValue();
        };
        registry.gauge(metadata, reading, RegistryRecorder.tags(meter, tagValues));
    }

    private static Long seconds(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toSeconds();
    }
}
