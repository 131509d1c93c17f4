package org.shakenpki.web.pa;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.shakenpki.pa.PaDownloads;
import org.shakenpki.pa.Views;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;

/**
 * Public STI-PA downloads, at the deployed STI-PA's paths: {@code /download/v1/crl} (the DER CRL,
 * {@code application/pkix-crl}, RFC 5280 section 4.2.1.13) and {@code /download/v1/certificate/<name>}
 * (the STI-PA root {@code sti-pa-root.crt}, and the signer certificates named by JWT {@code x5u} as
 * {@code certificateId_<serial>.crt}, each followed by the root, as PEM).
 */
@Path("/download/v1")
@RequestScoped
public class DownloadResource {
    static final String PKIX_CRL = "application/pkix-crl";
    static final String PEM_CHAIN = "application/pem-certificate-chain";

    @Inject
    PaDownloads downloads;

    @GET
    @Path("crl")
    public Response crl() {
        Views.Crl crl = downloads.crl().orElseThrow(
                () -> new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "no CRL has been issued yet"));
        // Caches may keep it until nextUpdate, but no longer than an hour: revocations must spread quickly.
        long untilNext = Math.max(0, Duration.between(OffsetDateTime.now(), crl.nextUpdate()).toSeconds());
        CacheControl cache = new CacheControl();
        cache.setMaxAge((int) Math.min(untilNext, 3600));
        return Response.ok(crl.der(), PKIX_CRL)
                .cacheControl(cache)
                .lastModified(Date.from(crl.thisUpdate().toInstant()))
                .header("Expires", Date.from(crl.nextUpdate().toInstant()))
                .build();
    }

    @GET
    @Path("certificate/{name}")
    public Response certificate(@PathParam("name") String name) {
        String pem = downloads.certificatePem(name).orElseThrow(
                () -> new ProblemException(ProblemType.NOT_FOUND, "no STI-PA certificate named " + name));
        CacheControl cache = new CacheControl();
        cache.setMaxAge(86_400);
        return Response.ok(pem, PEM_CHAIN).cacheControl(cache).build();
    }
}
