package org.shakenpki.kms;

import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.shredzone.acme4j.toolbox.JSON;

import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;

/**
 * acme4j's generic RFC 8555 provider with two additions the SP-KMS needs: TLS trust that includes the
 * configured extra certificates ({@code shakenpki.tls.trust-pem}), and the tkauth-01 challenge with the
 * response key chosen for this STI-CA. No redirects are followed: an ACME server has no reason to redirect.
 */
final class KmsAcmeProvider extends GenericAcmeProvider {
    private final SSLContext tls;
    private final String responseKey;

    KmsAcmeProvider(SSLContext tls, String responseKey) {
        this.tls = tls;
        this.responseKey = responseKey;
    }

    @Override
    public HttpClient createHttpClient(NetworkSettings settings) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(settings.getTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(tls);
        if (settings.getProxySelector() != null) {
            builder.proxy(settings.getProxySelector());
        }
        return builder.build();
    }

    @Override
    public Challenge createChallenge(Login login, JSON data) {
        if (TkAuthChallenge.TYPE.equals(data.get("type").optional().map(JSON.Value::asString).orElse(""))) {
            return new TkAuthChallenge(login, data, responseKey);
        }
        return super.createChallenge(login, data);
    }
}
