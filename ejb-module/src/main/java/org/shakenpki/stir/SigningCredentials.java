package org.shakenpki.stir;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The credential the STI-AS signs with: that of the configured SPC ({@code shakenpki.as.spc}; when unset, the one
 * usable credential), read from the {@link SigningCredentialSource} that {@code shakenpki.as.credentials} picks.
 * Cached, and replaced when the source announces a new certificate ({@link SigningCredentialChanged}, after it is
 * committed), so renewals take effect without a restart and no request waits for the source. A CDI bean rather
 * than a singleton EJB, so that reading the cache costs no container dispatch; the cache is a concurrent map.
 */
@ApplicationScoped
public class SigningCredentials {
    private static final Logger LOG = Logger.getLogger(SigningCredentials.class.getName());

    @Inject
    @Any
    Instance<SigningCredentialSource> sources;

    @Inject
    AsSettings settings;

    @Inject
    Clock clock;

    /** The adapter chosen by the setting, resolved on first use. */
    volatile SigningCredentialSource source;

    /** The credential of each SPC signed with so far; the key {@code ""} stands for "the configured one". */
    private final Map<String, SigningCredential> cache = new ConcurrentHashMap<>();

    /**
     * The credential to sign with now: that of {@code shakenpki.as.spc}, or the one usable credential.
     *
     * @throws ProblemException SERVICE_UNAVAILABLE when the source has no usable certificate yet
     */
    public SigningCredential current() {
        return valid("", settings.spc());
    }

    /** The credential of a given SPC, for a signing service that serves several. */
    public SigningCredential current(String spc) {
        return valid(spc, Optional.of(spc));
    }

    /**
     * The cached credential while its certificate is valid (RFC 5280 section 4.1.2.5): a PASSporT signed with an
     * expired certificate fails at every verifier, so one past its notAfter is read again from the source (a
     * renewal whose announcement was missed), and refused if the source has no valid one either.
     */
    private SigningCredential valid(String key, Optional<String> spc) {
        SigningCredential credential = cache.computeIfAbsent(key, k -> load(spc));
        Instant now = clock.instant();
        if (validAt(credential, now)) {
            return credential;
        }
        cache.remove(key, credential);
        return cache.computeIfAbsent(key, k -> load(spc));
    }

    private boolean validAt(SigningCredential credential, Instant now) {
        return !now.isBefore(credential.notBefore()) && !now.isAfter(credential.notAfter());
    }

    /** Drops what was cached for an SPC when the source has a new certificate for it (a renewal, a first one). */
    public void onChanged(@Observes SigningCredentialChanged changed) {
        cache.remove(changed.spc());
        cache.computeIfPresent("", (key, current) -> current.spc().equals(changed.spc()) ? null : current);
        LOG.info(() -> "STI-AS switches to key " + changed.keyAlias() + " for SPC " + changed.spc());
    }

    private SigningCredential load(Optional<String> spc) {
        List<SigningCredential> offered = source().usable().stream()
                .filter(c -> spc.map(wanted -> wanted.equals(c.spc())).orElse(true))
                .toList();
        Instant now = clock.instant();
        List<SigningCredential> usable = offered.stream().filter(c -> validAt(c, now)).toList();
        if (usable.size() != 1) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, usable.size() > 1
                    ? "several SPCs have certificates: set shakenpki.as.spc to the one to sign with"
                    : !offered.isEmpty()
                    ? "the SP-KMS's certificate" + spc.map(s -> " for SPC " + s).orElse("") + " is not valid now (until "
                            + offered.get(0).notAfter() + ")"
                    : "the SP-KMS has no certificate to sign with" + spc.map(s -> " for SPC " + s).orElse(""));
        }
        return usable.get(0);
    }

    private SigningCredentialSource source() {
        SigningCredentialSource chosen = source;
        if (chosen == null) {
            chosen = sources.select(new CredentialSourceKind.Literal(settings.credentialSource())).get();
            source = chosen;
        }
        return chosen;
    }
}
