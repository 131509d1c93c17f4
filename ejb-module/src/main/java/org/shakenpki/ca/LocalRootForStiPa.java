package org.shakenpki.ca;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.shakenpki.pa.LocalStiCaRoot;

import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This STI-CA's root for an STI-PA deployed beside it ({@link LocalStiCaRoot}): the STI-PA's port, implemented
 * here so that the STI-PA needs nothing of the STI-CA but the root certificate it publishes anyway.
 */
@ApplicationScoped
public class LocalRootForStiPa implements LocalStiCaRoot {
    private static final Logger LOG = Logger.getLogger(LocalRootForStiPa.class.getName());

    @Inject
    CaSettings settings;

    @EJB
    CaHierarchy hierarchy;

    @Override
    public Optional<X509Certificate> root() {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        try {
            return Optional.of(hierarchy.issuer().root());
        } catch (RuntimeException e) {
            // the ca token or the database is not ready: the root is unknown for now, not an error
            LOG.log(Level.FINE, "the STI-CA hierarchy is not available", e);
            return Optional.empty();
        }
    }
}
