package org.shakenpki.ca;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.cert.X509Certificate;

/**
 * The STI-CA's own certificates as relying parties and the STI-PA's trust list get them (ATIS-1000080 sections
 * 6.3.4 and 6.4.1): a read-only view of {@link CaHierarchy} for the web tier, which signs nothing.
 */
@ApplicationScoped
public class CaCertificates {

    @EJB
    CaHierarchy hierarchy;

    /** The self-signed root. */
    public X509Certificate root() {
        return hierarchy.issuer().root();
    }

    /** The intermediate that issues the SHAKEN certificates. */
    public X509Certificate intermediate() {
        return hierarchy.issuer().intermediate();
    }
}
