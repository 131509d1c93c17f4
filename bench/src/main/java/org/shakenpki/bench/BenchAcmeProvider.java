package org.shakenpki.bench;

import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.shredzone.acme4j.toolbox.JSON;

import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;

/** acme4j's generic provider with the server's TLS trust and the tkauth-01 challenge. */
final class BenchAcmeProvider extends GenericAcmeProvider {
    private final SSLContext tls;

    BenchAcmeProvider(SSLContext tls) {
        this.tls = tls;
    }

    @Override
    public HttpClient createHttpClient(NetworkSettings settings) {
        return HttpClient.newBuilder().connectTimeout(settings.getTimeout()).sslContext(tls).build();
    }

    @Override
    public Challenge createChallenge(Login login, JSON data) {
        if (BenchTkAuthChallenge.TYPE.equals(data.get("type").optional().map(JSON.Value::asString).orElse(""))) {
            return new BenchTkAuthChallenge(login, data);
        }
        return super.createChallenge(login, data);
    }
}
