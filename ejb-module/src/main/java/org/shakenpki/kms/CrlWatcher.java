package org.shakenpki.kms;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.shakenpki.pkix.Pem;
import org.shakenpki.stipa.StiPaClient;
import org.shakenpki.stipa.StiPaClients;

import java.io.IOException;
import java.nio.file.Files;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The SP-KMS's watch on the STI-PA CRL (ATIS-1000080 section 5.3.3; issue "the SP-KMS watches the CRL"): on its
 * round, at most every {@code shakenpki.kms.crl-check-interval}, it fetches the indirect CRL
 * ({@code shakenpki.kms.sti-pa-crl-url}) and the CRL signer's certificate through the one {@link StiPaClient},
 * verifies them against {@code shakenpki.kms.sti-pa-trust-anchors} and, for each managed certificate the CRL
 * lists, marks it (the STI-AS stops signing with it) and makes its replacement with a fresh key due at once; the
 * same round's issuance attempts then obtain it. A CRL that cannot be had or verified changes nothing and is a
 * warning in the log and on {@code /health}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CrlWatcher {
    private static final Logger LOG = Logger.getLogger(CrlWatcher.class.getName());

    @EJB
    CredentialStore store;

    @Inject
    StiPaClients stiPa;

    @Inject
    KmsSettings settings;

    @Inject
    CrlWatchStatus status;

    /** Checks the CRL if this node's interval has passed at {@code now}; returns how many certificates it newly listed. */
    public int checkIfDue(OffsetDateTime now) {
        if (!status.due(now, settings.crlCheckInterval())) {
            return 0;
        }
        return check(now);
    }

    /** Checks the CRL now; returns how many managed certificates it newly listed. */
    public int check(OffsetDateTime now) {
        return act(CrlCheck.check(feed(), store.all(), now.toInstant()), now);
    }

    /** Marks what the verdict lists, or warns when the CRL was not verified; records the check for /health. */
    int act(CrlCheck.Verdict verdict, OffsetDateTime now) {
        if (verdict.unverifiable().isPresent()) {
            String warning = "the STI-PA CRL " + settings.crlUrl() + " was not checked: " + verdict.unverifiable().get();
            LOG.warning(warning);
            status.record(new CrlWatchStatus.Last(now, false, warning, 0));
            return 0;
        }
        int marked = 0;
        for (CrlCheck.Listing listing : verdict.listed()) {
            if (store.listedOnCrl(listing, now)) {
                LOG.warning(() -> "SPC " + listing.spc() + ": " + listing.detail());
                marked++;
            }
        }
        status.record(new CrlWatchStatus.Last(now, true, null, marked));
        return marked;
    }

    private CrlCheck.Feed feed() {
        return new CrlCheck.Feed() {
            @Override
            public byte[] crlDer() throws IOException {
                return client().crl(settings.crlUrl());
            }

            @Override
            public List<X509Certificate> signerChain() throws IOException {
                return client().certificates(settings.crlSignerUrl());
            }

            @Override
            public Set<TrustAnchor> stiPaAnchors() throws IOException {
                try {
                    return Pem.certificates(Files.readAllBytes(settings.stiPaTrustAnchors())).stream()
                            .map(c -> new TrustAnchor(c, null)).collect(Collectors.toUnmodifiableSet());
                } catch (IOException | IllegalArgumentException e) {
                    throw new IOException("no STI-PA trust anchor readable at " + settings.stiPaTrustAnchors());
                }
            }
        };
    }

    private StiPaClient client() throws IOException {
        try {
            return stiPa.client(settings.stiPa());
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
