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
 * One ACME client of the STI-CA, as an SP-KMS is: one account (software P-256 key) reused for every issuance;
 * each issuance is a new SPC token from the STI-PA, a new order for the TNAuthList, the tkauth-01 challenge,
 * finalize with a CSR for a new software key, and the download of the chain.
 */
final class IssuanceClient {
    private static final ASN1ObjectIdentifier TN_AUTH_LIST = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.26");
    private static final int MAX_POLLS = 500;

    private final StiPa stiPa;
    private final Account account;
    private final String fingerprint;
    private final byte[] tnAuthList;
    private final String spc;

    IssuanceClient(URI acmeDirectory, SSLContext tls, StiPa stiPa, String spc) throws Exception {
        this.stiPa = stiPa;
        this.spc = spc;
        this.tnAuthList = tnAuthList(spc);
        KeyPair accountKey = p256();
        this.fingerprint = spkiFingerprint(accountKey);
        Session session = new Session(acmeDirectory, new BenchAcmeProvider(tls));
        this.account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey).create(session);
    }

    /** One complete issuance; throws unless the chain's leaf carries the CSR's key. */
    void issue() throws Exception {
        String tkvalue = Base64.getUrlEncoder().withoutPadding().encodeToString(tnAuthList);
        String token = stiPa.spcToken(tkvalue, fingerprint);
        Order order = account.newOrder().identifier(new Identifier("TNAuthList", tkvalue)).create();
        for (Authorization authorization : order.getAuthorizations()) {
            if (authorization.getStatus() != Status.VALID) {
                BenchTkAuthChallenge challenge = authorization.findChallenge(BenchTkAuthChallenge.class)
                        .orElseThrow(() -> new IOException("no tkauth-01 challenge offered"));
                challenge.setToken(token);
                challenge.trigger();
                await(challenge, challenge::getStatus, Status.VALID);
            }
        }
        await(order, order::getStatus, Status.READY);
        KeyPair certificateKey = p256();
        order.execute(csr(certificateKey));
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

    private byte[] csr(KeyPair key) throws Exception {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(TN_AUTH_LIST, false, tnAuthList);
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=SHAKEN " + spc), key.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))
                .getEncoded();
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
