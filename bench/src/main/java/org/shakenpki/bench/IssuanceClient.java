package org.shakenpki.bench;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.AcmeJsonResource;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.util.CSRBuilder;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * One ACME client (acme4j, RFC 8555), the same for the STI-CA and for its peer Pebble: one account (software
 * P-256 key) reused for every issuance; each issuance is a new order, the authorization's challenge, finalize
 * with a CSR for a new software key, and the download of the chain. What differs is the {@link Authority}:
 * at the STI-CA an SPC token from the STI-PA, a TNAuthList order and tkauth-01 (RFC 9447, RFC 9448), as an
 * SP-KMS does; at Pebble a DNS name and http-01 in Pebble's always-valid mode (no validation request is made).
 */
final class IssuanceClient {
    private static final ASN1ObjectIdentifier TN_AUTH_LIST = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.26");
    private static final int MAX_POLLS = 500;

    /** What one CA asks of an order: its identifier, how an authorization is answered, and the CSR. */
    interface Authority {
        Identifier identifier();

        /** Answers the authorization's challenge (called only for an authorization not yet valid). */
        void authorize(Authorization authorization) throws Exception;

        byte[] csr(KeyPair certificateKey) throws Exception;
    }

    private final Account account;
    private final Authority authority;

    private IssuanceClient(URI acmeDirectory, SSLContext tls, KeyPair accountKey, Authority authority) throws Exception {
        this.authority = authority;
        Session session = new Session(acmeDirectory, new BenchAcmeProvider(tls));
        this.account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey).create(session);
    }

    /** A client of the project's STI-CA: TNAuthList order for the SPC, tkauth-01 with a fresh SPC token. */
    static IssuanceClient stiCa(URI acmeDirectory, SSLContext tls, StiPa stiPa, String spc) throws Exception {
        KeyPair accountKey = p256();
        return new IssuanceClient(acmeDirectory, tls, accountKey, new TkAuth(stiPa, spc, spkiFingerprint(accountKey)));
    }

    /** A client of Pebble run with PEBBLE_VA_ALWAYS_VALID=1: a DNS name, http-01 triggered and never fetched. */
    static IssuanceClient pebble(URI acmeDirectory, SSLContext tls, String dnsName) throws Exception {
        return new IssuanceClient(acmeDirectory, tls, p256(), new AlwaysValidDns(dnsName));
    }

    /** One complete issuance; throws unless the chain's leaf carries the CSR's key. */
    void issue() throws Exception {
        Order order = account.newOrder().identifier(authority.identifier()).create();
        for (Authorization authorization : order.getAuthorizations()) {
            if (authorization.getStatus() != Status.VALID) {
                authority.authorize(authorization);
            }
        }
        await(order, order::getStatus, Status.READY);
        KeyPair certificateKey = p256();
        order.execute(authority.csr(certificateKey));
        await(order, order::getStatus, Status.VALID);
        List<X509Certificate> chain = order.getCertificate().getCertificateChain();
        if (chain.isEmpty() || !chain.get(0).getPublicKey().equals(certificateKey.getPublic())) {
            throw new IOException("the downloaded certificate does not carry the CSR's key");
        }
    }

    /** Polls a resource until it reaches the status; bounded, and fails on INVALID. */
    private static void await(AcmeJsonResource resource, Supplier<Status> status, Status wanted) throws Exception {
        for (int i = 0; i < MAX_POLLS; i++) {
            Status now = status.get();
            if (now == wanted) {
                return;
            }
            if (now == Status.INVALID) {
                throw new IOException(resource.getClass().getSimpleName() + " is INVALID: " + resource.getJSON());
            }
            Thread.sleep(5);
            resource.fetch();
        }
        throw new IOException(resource.getClass().getSimpleName() + " never became " + wanted);
    }

    /** The STI-CA's authority: an SPC token per order (RFC 9448 section 5.5) presented in tkauth-01. */
    private static final class TkAuth implements Authority {
        private final StiPa stiPa;
        private final String spc;
        private final String fingerprint;
        private final byte[] tnAuthList;
        private final String tkvalue;

        TkAuth(StiPa stiPa, String spc, String fingerprint) throws IOException {
            this.stiPa = stiPa;
            this.spc = spc;
            this.fingerprint = fingerprint;
            this.tnAuthList = tnAuthList(spc);
            this.tkvalue = Base64.getUrlEncoder().withoutPadding().encodeToString(tnAuthList);
        }

        @Override
        public Identifier identifier() {
            return new Identifier("TNAuthList", tkvalue);
        }

        @Override
        public void authorize(Authorization authorization) throws Exception {
            BenchTkAuthChallenge challenge = authorization.findChallenge(BenchTkAuthChallenge.class)
                    .orElseThrow(() -> new IOException("no tkauth-01 challenge offered"));
            challenge.setToken(stiPa.spcToken(tkvalue, fingerprint));
            challenge.trigger();
            await(challenge, challenge::getStatus, Status.VALID);
        }

        @Override
        public byte[] csr(KeyPair key) throws Exception {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(TN_AUTH_LIST, false, tnAuthList);
            return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=SHAKEN " + spc), key.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))
                    .getEncoded();
        }
    }

    /** Pebble's authority in always-valid mode: the http-01 challenge is triggered and Pebble marks it valid. */
    private record AlwaysValidDns(String dnsName) implements Authority {
        @Override
        public Identifier identifier() {
            return Identifier.dns(dnsName);
        }

        @Override
        public void authorize(Authorization authorization) throws Exception {
            Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class)
                    .orElseThrow(() -> new IOException("no http-01 challenge offered"));
            challenge.trigger();
            await(challenge, challenge::getStatus, Status.VALID);
        }

        @Override
        public byte[] csr(KeyPair key) throws Exception {
            CSRBuilder csr = new CSRBuilder();
            csr.addDomain(dnsName);
            csr.sign(key);
            return csr.getEncoded();
        }
    }

    /** TNAuthList (RFC 8226 section 9) holding one SPC: SEQUENCE { [0] EXPLICIT IA5String }. */
    static byte[] tnAuthList(String spc) throws IOException {
        return new DERSequence(new DERTaggedObject(true, 0, new DERIA5String(spc, true))).getEncoded();
    }

    /** The atc fingerprint form the deployed STI-PAs use: SHA-256 over the DER SubjectPublicKeyInfo. */
    static String spkiFingerprint(KeyPair key) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getPublic().getEncoded());
        return "SHA256 " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
