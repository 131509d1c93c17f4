package org.shakenpki.it;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A SHAKEN signer outside this project's code: openssl makes its key and an ATIS-1000080 end-entity certificate
 * under the synthetic STI-CA intermediate, and signs PASSporTs with {@code openssl dgst -sha256 -sign}; the DER
 * ECDSA signature is turned into the JOSE R||S form (RFC 7518 section 3.4).
 */
final class ForeignSigner {
    private final Path dir;
    private final String keyFile;
    final String x5u;
    final String leafPem;

    private ForeignSigner(Path dir, String keyFile, String x5u, String leafPem) {
        this.dir = dir;
        this.keyFile = keyFile;
        this.x5u = x5u;
        this.leafPem = leafPem;
    }

    /**
     * A fresh key and certificate "SHAKEN &lt;spc&gt;" whose CRL distribution point is the server's STI-PA CRL and
     * whose cRLIssuer is {@code crlIssuer}; its chain is written where {@link ItChains} serves it.
     */
    static ForeignSigner create(String httpsBase, String spc, X509Certificate crlIssuer) throws Exception {
        Path dir = Files.createTempDirectory("foreign-signer");
        copy("vectors/ca-intermediate.pem", dir.resolve("ca.pem"));
        copy("vectors/ca-intermediate.key", dir.resolve("ca.key"));
        String spcHex = HexFormat.ofDelimiter(":").formatHex(spc.getBytes(StandardCharsets.US_ASCII));
        String tnAuthList = "30:" + hex(spc.length() + 4) + ":A0:" + hex(spc.length() + 2) + ":16:" + hex(spc.length()) + ":" + spcHex;
        Files.writeString(dir.resolve("ext.cnf"), String.join("\n",
                "[shaken]",
                "basicConstraints=critical,CA:FALSE",
                "keyUsage=critical,digitalSignature",
                "subjectKeyIdentifier=hash",
                "authorityKeyIdentifier=keyid:always",
                "certificatePolicies=2.16.840.1.114569.1.1.4",
                "crlDistributionPoints=crldp",
                "1.3.6.1.5.5.7.1.26=DER:" + tnAuthList.toUpperCase(),
                "[crldp]",
                "fullname=URI:" + httpsBase + "/download/v1/crl",
                "CRLissuer=dirName:crl_issuer",
                "[crl_issuer]",
                dirNameSection(crlIssuer), ""));
        byte[] serial = new byte[16];
        new SecureRandom().nextBytes(serial);
        serial[0] = (byte) (0x40 | (serial[0] & 0x3f));
        run(dir, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "leaf.key");
        run(dir, "openssl", "req", "-new", "-key", "leaf.key", "-subj", "/C=US/O=Foreign Telecom/CN=SHAKEN " + spc, "-out", "leaf.csr");
        run(dir, "openssl", "x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-set_serial", "0x" + HexFormat.of().formatHex(serial), "-days", "30", "-sha256",
                "-extfile", "ext.cnf", "-extensions", "shaken", "-out", "leaf.pem");
        String leafPem = Files.readString(dir.resolve("leaf.pem"));
        String name = "foreign-" + HexFormat.of().formatHex(serial, 0, 6) + ".pem";
        Path served = Path.of(System.getProperty("it.data.dir", "target/it-data"), "it-cr");
        Files.createDirectories(served);
        Files.writeString(served.resolve(name), leafPem + Files.readString(dir.resolve("ca.pem")));
        return new ForeignSigner(dir, "leaf.key", httpsBase + "/it-cr/" + name, leafPem);
    }

    /**
     * An attacker who has only this signer's public chain: a self-signed certificate of their own with the same
     * SHAKEN extensions (so the same SPC) in front of the genuine leaf and intermediate, served at an x5u of
     * theirs, and PASSporTs signed with their key.
     */
    ForeignSigner selfSignedInFront() throws Exception {
        run(dir, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "attacker.key");
        run(dir, "openssl", "req", "-new", "-key", "attacker.key", "-subj", "/C=US/O=Attacker/CN=" + subjectCn(), "-out", "attacker.csr");
        run(dir, "openssl", "x509", "-req", "-in", "attacker.csr", "-signkey", "attacker.key", "-days", "30", "-sha256",
                "-extfile", "ext.cnf", "-extensions", "shaken", "-out", "attacker.pem");
        String attackerPem = Files.readString(dir.resolve("attacker.pem"));
        String name = "forged-" + dir.getFileName().toString().replaceAll("[^a-z0-9]", "") + ".pem";
        Path served = Path.of(System.getProperty("it.data.dir", "target/it-data"), "it-cr");
        Files.writeString(served.resolve(name), attackerPem + leafPem + Files.readString(dir.resolve("ca.pem")));
        return new ForeignSigner(dir, "attacker.key", x5u.substring(0, x5u.lastIndexOf('/') + 1) + name, attackerPem);
    }

    /** The same key and certificate, announcing another x5u in its PASSporTs (an attacker's URL). */
    ForeignSigner withX5u(String otherX5u) {
        return new ForeignSigner(dir, keyFile, otherX5u, leafPem);
    }

    private String subjectCn() {
        String subject = org.shakenpki.pkix.Pem.certificates(leafPem).get(0).getSubjectX500Principal().getName();
        return subject.replaceAll(".*CN=([^,]+).*", "$1");
    }

    /** The leaf's private key (PEM), for another signer to sign with this certificate. */
    Path keyFile() {
        return dir.resolve("leaf.key");
    }

    /** An Identity header value for a SHAKEN PASSporT with these claims, in lexicographic order. */
    String identity(String orig, String dest, long iat) throws Exception {
        String header = "{\"alg\":\"ES256\",\"ppt\":\"shaken\",\"typ\":\"passport\",\"x5u\":\"" + x5u + "\"}";
        String payload = "{\"attest\":\"A\",\"dest\":{\"tn\":[\"" + dest + "\"]},\"iat\":" + iat + ",\"orig\":{\"tn\":\""
                + orig + "\"},\"origid\":\"" + java.util.UUID.randomUUID() + "\"}";
        return signed(header, payload, "shaken");
    }

    /** An Identity header value for a div PASSporT (RFC 8946 section 3) with these claims, in lexicographic order. */
    String divIdentity(String orig, String div, String dest, long iat) throws Exception {
        String header = "{\"alg\":\"ES256\",\"ppt\":\"div\",\"typ\":\"passport\",\"x5u\":\"" + x5u + "\"}";
        String payload = "{\"dest\":{\"tn\":[\"" + dest + "\"]},\"div\":{\"tn\":\"" + div + "\"},\"iat\":" + iat
                + ",\"orig\":{\"tn\":\"" + orig + "\"}}";
        return signed(header, payload, "div");
    }

    private String signed(String header, String payload, String ppt) throws Exception {
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("input.txt"), signingInput, StandardCharsets.US_ASCII);
        run(dir, "openssl", "dgst", "-sha256", "-sign", keyFile, "-out", "signature.der", "input.txt");
        return signingInput + "." + b64(rawSignature(Files.readAllBytes(dir.resolve("signature.der"))))
                + ";info=<" + x5u + ">;alg=ES256;ppt=" + ppt;
    }

    private static byte[] rawSignature(byte[] der) {
        ASN1Sequence sequence = ASN1Sequence.getInstance(der);
        byte[] raw = new byte[64];
        for (int i = 0; i < 2; i++) {
            BigInteger value = ASN1Integer.getInstance(sequence.getObjectAt(i)).getPositiveValue();
            byte[] bytes = value.toByteArray();
            int length = Math.min(bytes.length, 32);
            System.arraycopy(bytes, bytes.length - length, raw, i * 32 + 32 - length, length);
        }
        return raw;
    }

    /** The DN as an openssl dirName section, in its ASN.1 order. */
    private static String dirNameSection(X509Certificate certificate) {
        List<String> lines = new ArrayList<>();
        for (RDN rdn : X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs()) {
            String type = BCStyle.INSTANCE.oidToDisplayName(rdn.getFirst().getType());
            lines.add(type + "=" + IETFUtils.valueToString(rdn.getFirst().getValue()));
        }
        return String.join("\n", lines);
    }

    private static String hex(int value) {
        return String.format("%02X", value);
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = ForeignSigner.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            Files.write(target, in.readAllBytes());
        }
    }

    private static void run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
