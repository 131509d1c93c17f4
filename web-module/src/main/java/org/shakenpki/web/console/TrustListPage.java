package org.shakenpki.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import org.shakenpki.pa.TrustListService;
import org.shakenpki.pa.Views;
import org.shakenpki.pkix.Pem;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * STI-PA administrator: the STI-CA trust list (ATIS-1000080 section 5.3.1) through {@link TrustListService}: add a
 * root by uploading its certificate (PEM or DER), remove one, and see the signed list as the STI-VS and STI-CAs get
 * it (the JWT and its payload).
 */
@Named
@RequestScoped
public class TrustListPage {
    private static final int MOST_BYTES = 64 * 1024;

    @Inject
    TrustListService trustList;

    @Inject
    Caller caller;

    private List<Views.Anchor> anchors;
    private String signed;
    private Part upload;

    /** Loads the page (a GET): a refusal by the EJB becomes the error page with its status. */
    public void load() {
        getAnchors();
    }

    public List<Views.Anchor> getAnchors() {
        if (anchors == null) {
            anchors = trustList.anchors(caller.principal());
        }
        return anchors;
    }

    /** The signed trust list (compact JWS). */
    public String getSigned() {
        if (signed == null) {
            signed = trustList.caList(caller.principal());
        }
        return signed;
    }

    /** The signed list's payload, decoded for reading (the signature is the STI-PA's own). */
    public String getSignedPayload() {
        String[] parts = getSigned().split("\\.");
        return parts.length < 2 ? "" : new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }

    public void add() {
        Messages.attempt(() -> {
            Views.Anchor added = trustList.add(caller.principal(), pem(read()));
            return "STI-CA root added: " + added.subject() + " (SHA-256 " + added.fingerprint() + ")";
        });
        anchors = null;
        signed = null;
    }

    public void remove(String fingerprint) {
        Messages.attempt(() -> {
            trustList.remove(caller.principal(), fingerprint);
            return "STI-CA root " + fingerprint + " removed from the trust list";
        });
        anchors = null;
        signed = null;
    }

    private byte[] read() {
        if (upload == null || upload.getSize() == 0) {
            throw new ProblemException(ProblemType.MALFORMED, "choose the STI-CA root's certificate file");
        }
        if (upload.getSize() > MOST_BYTES) {
            throw new ProblemException(ProblemType.MALFORMED, "a root certificate is at most " + MOST_BYTES + " bytes");
        }
        try (InputStream in = upload.getInputStream()) {
            return in.readNBytes(MOST_BYTES);
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED, "the upload could not be read");
        }
    }

    /** The upload as PEM: a DER file is accepted too (how many CAs hand out their roots). */
    private static String pem(byte[] file) {
        String text = new String(file, StandardCharsets.US_ASCII);
        if (text.contains("-----BEGIN")) {
            return text;
        }
        try {
            return Pem.encode(Pem.certificate(file));
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemType.MALFORMED, "the file is neither a PEM nor a DER certificate");
        }
    }

    public Part getUpload() {
        return upload;
    }

    public void setUpload(Part upload) {
        this.upload = upload;
    }
}
