package org.shakenpki.pa;

import org.shakenpki.pkix.CertificateExtensions;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.trust.PathPurpose;
import org.shakenpki.trust.PathValidator;
import org.shakenpki.trust.UntrustedPath;
import org.shakenpki.trust.ValidatedPath;

import javax.security.auth.x500.X500Principal;
import java.math.BigInteger;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may put which certificate on the STI-PA CRL (ATIS-1000080 section 5.3.3 and 6.3.6; the indirect CRL of
 * RFC 5280 section 5.3.3 names an entry by issuer and serial number):
 * <ul>
 *   <li>ADMIN: any certificate, named by issuer and serial or sent with its chain;</li>
 *   <li>STI_CA: only certificates it sends that validate to the one trust-list root it is bound to;</li>
 *   <li>SP_API and SP_ADMIN (a provider's API user and its administrator in the portal): only certificates it
 *       sends that validate to a trust-list root and whose TNAuthList holds only SPCs of the caller's account; or
 *       delegate end-entity certificates (RFC 9060 section 4, TNAuthList of numbers and ranges) issued under a
 *       delegate CA of the path whose TNAuthList holds only the account's SPCs: the account delegated those
 *       numbers, so it may withdraw them (the path validation has checked that the end-entity lies within the
 *       delegate CA's scope);</li>
 *   <li>VERIFIER: none.</li>
 * </ul>
 * A sent certificate is identified by the path {@link PathValidator} validated
 * ({@link PathPurpose#REVOCATION_TARGET}: at a time it was valid): the issuer, serial and TNAuthList come from
 * its end-entity, the first certificate of the chain, never from a certificate a filter picked. Pure policy,
 * without the database, so that every rule is tested alone.
 */
final class RevocationAuthority {

    private RevocationAuthority() {
    }

    /** A revocation the caller may not make; the message says why (it becomes the 403 detail). */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        Refusal(String why) {
            super(why);
        }
    }

    /** The certificate to revoke, named as its CRL entry will name it. */
    record Target(X500Principal issuer, BigInteger serial) {
    }

    /** What the caller is: its role, its account's SPCs (SP_API, SP_ADMIN) and its bound root's fingerprint (STI_CA). */
    record Caller(UserRole role, Set<String> accountSpcs, String boundRoot) {
    }

    /** The checks that need no certificate: refuses before anything is parsed. */
    static void admit(Caller caller, boolean certificateSent) throws Refusal {
        switch (caller.role()) {
            case ADMIN -> {
                // any certificate, either way
            }
            case STI_CA -> {
                if (caller.boundRoot() == null) {
                    throw new Refusal("this STI-CA user is bound to no STI-CA root; an administrator binds it with"
                            + " caFingerprint");
                }
                if (!certificateSent) {
                    throw new Refusal("an STI-CA revokes by sending the certificate (and its chain), so that the STI-PA"
                            + " can check that it issued it");
                }
            }
            case SP_API, SP_ADMIN -> {
                if (!certificateSent) {
                    throw new Refusal("a service provider revokes by sending the certificate and its chain");
                }
            }
            case VERIFIER -> throw new Refusal("a verifier may not revoke certificates");
        }
    }

    /**
     * The trust anchors a caller's certificate must validate to: the bound root for an STI-CA, the whole trust
     * list for the others.
     */
    static List<TrustAnchor> anchorsFor(Caller caller, List<org.shakenpki.pa.TrustAnchor> trustList) throws Refusal {
        List<org.shakenpki.pa.TrustAnchor> usable = caller.role() == UserRole.STI_CA
                ? trustList.stream().filter(a -> a.fingerprint().equals(caller.boundRoot())).toList()
                : trustList;
        if (usable.isEmpty()) {
            throw new Refusal(caller.role() == UserRole.STI_CA
                    ? "the STI-CA root this user is bound to (" + caller.boundRoot() + ") is not on the trust list"
                    : "the trust list is empty, so no certificate can be shown to be an STI-CA's");
        }
        return usable.stream().map(a -> new TrustAnchor(a.certificate(), null)).toList();
    }

    /**
     * Validates the sent chain (the certificate first, then its intermediate) and checks the caller's right to its
     * end-entity.
     *
     * @return the validated end-entity's issuer and serial
     */
    static Target authorise(Caller caller, List<X509Certificate> chain, Collection<TrustAnchor> anchors, Instant now)
            throws Refusal {
        ValidatedPath path;
        try {
            path = PathValidator.validate(chain, anchors, now, PathPurpose.REVOCATION_TARGET);
        } catch (UntrustedPath e) {
            throw new Refusal("the certificate chain does not validate to "
                    + (caller.role() == UserRole.STI_CA ? "this user's STI-CA root" : "an STI-CA on the trust list")
                    + " (" + e.reason() + "): " + e.getMessage());
        }
        if (caller.role() == UserRole.SP_API || caller.role() == UserRole.SP_ADMIN) {
            requireOwn(caller, path);
        }
        X509Certificate target = path.endEntity();
        return new Target(target.getIssuerX500Principal(), target.getSerialNumber());
    }

    private static void requireOwn(Caller caller, ValidatedPath path) throws Refusal {
        Optional<TNAuthList> list = path.tnAuthList();
        if (list.isEmpty()) {
            throw new Refusal("the certificate has no SPC in a TNAuthList, so it cannot be shown to be this account's");
        }
        if (list.get().spcs().isEmpty()) {
            requireOwnDelegate(caller, path);
            return;
        }
        if (list.get().spcs().size() != list.get().entries().size()) {
            throw new Refusal("the certificate's TNAuthList holds telephone numbers or ranges; the STI-PA knows which"
                    + " SPCs an account holds, not which numbers");
        }
        if (!caller.accountSpcs().containsAll(list.get().spcs())) {
            throw new Refusal("the certificate's SPCs " + list.get().spcs() + " do not all belong to this account");
        }
    }

    /** A delegate end-entity: the first CA above it with a TNAuthList is its delegate CA, which must be the account's. */
    private static void requireOwnDelegate(Caller caller, ValidatedPath path) throws Refusal {
        for (X509Certificate issuer : path.path().subList(1, path.path().size())) {
            Optional<TNAuthList> scope = CertificateExtensions.tnAuthList(issuer);
            if (scope.isEmpty()) {
                continue;
            }
            List<String> spcs = scope.get().spcs();
            if (spcs.isEmpty() || spcs.size() != scope.get().entries().size() || !caller.accountSpcs().containsAll(spcs)) {
                throw new Refusal("the delegate certificate was issued under a delegate CA whose TNAuthList "
                        + scope.get() + " is not this account's SPCs");
            }
            return;
        }
        throw new Refusal("the certificate's TNAuthList holds only telephone numbers or ranges and no delegate CA of"
                + " this account is above it");
    }
}
