package org.shakenpki.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name of this node in a cluster, for the audit log and the logs: which node did the work. It is the
 * system property {@code shakenpki.node-name} (the launcher sets {@code node-1}, {@code node-2}, ...), or else
 * {@code <pid>@<host>}, which is unique on a network as long as the host names are.
 */
public final class NodeName {
    private static final String NAME = resolve();

    private NodeName() {
    }

    public static String current() {
        return NAME;
    }

    private static String resolve() {
        String configured = System.getProperty("shakenpki.node-name", "").strip();
        if (!configured.isEmpty()) {
            return configured;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return ProcessHandle.current().pid() + "@" + host;
    }
}
