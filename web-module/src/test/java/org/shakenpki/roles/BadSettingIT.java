package org.shakenpki.roles;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A wrong setting stops the deployment at start-up, before the database is migrated or a key is made, and the log
 * says in one line which setting, which value and what is allowed.
 */
class BadSettingIT {

    @Test
    void aWrongValueStopsTheDeploymentWithOneLineNamingIt() throws Exception {
        try (RoleServer server = new RoleServer("bad-setting", Integer.getInteger("it.roles.provider.http.port", 18095),
                Integer.getInteger("it.roles.provider.https.port", 18475), List.of("kms")).prepare()) {
            server.set("shakenpki.pa.enabled", "false").set("shakenpki.ca.enabled", "false").set("shakenpki.cr.enabled", "false")
                    .set("shakenpki.vs.allowed-ports", "443,eighty");
            String log = server.startExpectingFailure();
            String line = "shakenpki.vs.allowed-ports=443,eighty is not allowed: expected a comma-separated list of ports from 1 to 65535, e.g. 443,8443";
            assertTrue(log.lines().anyMatch(l -> l.contains("org.shakenpki.config.SettingsCheck") && l.endsWith("] " + line)),
                    "one log line names the setting:\n" + log.substring(Math.max(0, log.length() - 4000)));
            assertFalse(log.contains("database schema at version"), "the database was not migrated");
            assertFalse(log.contains("opened key store token"), "no token was opened");
            assertFalse(server.healthy());
        }
    }
}
