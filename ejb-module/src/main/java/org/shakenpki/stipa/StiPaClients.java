package org.shakenpki.stipa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.shakenpki.net.Fetcher;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link StiPaClient}s of this node, one per role settings, so that each role keeps its logged-in session
 * across calls (and the STI-CA, the SP-KMS and the STI-VS of one deployment never share a session).
 */
@ApplicationScoped
public class StiPaClients {

    @Inject
    Fetcher fetcher;

    @Inject
    Clock clock;

    private final Map<StiPaSettings, StiPaClient> clients = new ConcurrentHashMap<>();

    /** The client for these settings (new settings, such as another password file, start a new session). */
    public StiPaClient client(StiPaSettings settings) {
        return clients.computeIfAbsent(settings, s -> new StiPaClient(fetcher, s, clock));
    }
}
