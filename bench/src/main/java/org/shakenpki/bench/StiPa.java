package org.shakenpki.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bench's service provider at the STI-PA: an account holding the bench SPC and an SP_API user (made once
 * per data directory through the admin API), then login and SPC tokens as an SP-KMS asks for them.
 */
final class StiPa {
    private final Http http;
    private final URI base;
    private final String accountId;
    private volatile String accessToken;

    StiPa(Http http, URI base, String accountId) {
        this.http = http;
        this.base = base;
        this.accountId = accountId;
    }

    /** Creates the account and user unless the data directory already has them; logs in. */
    void setUp(String spc, Path adminPasswordFile, Path userPasswordFile) throws Exception {
        String userId = accountId + "-api";
        if (!Files.exists(userPasswordFile)) {
            String basic = "Basic " + Base64.getEncoder().encodeToString(
                    ("admin:" + Files.readString(adminPasswordFile).strip()).getBytes(StandardCharsets.UTF_8));
            Map<String, Object> account = new LinkedHashMap<>();
            account.put("accountId", accountId);
            account.put("name", "Bench Telecom");
            account.put("caAllowed", false);
            account.put("spcs", List.of(spc));
            http.postExpect(base.resolve("/api/v1/admin/accounts"), Http.json(account), 201, "Authorization", basic);
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("userId", userId);
            user.put("role", "SP_API");
            user.put("accountId", accountId);
            user.put("password", password);
            http.postExpect(base.resolve("/api/v1/admin/users"), Http.json(user), 201, "Authorization", basic);
            Files.createDirectories(userPasswordFile.getParent());
            Files.writeString(userPasswordFile, password);
        }
        Map<String, Object> login = http.postExpect(base.resolve("/api/v1/auth/login"),
                Http.json(Map.of("userId", userId, "password", Files.readString(userPasswordFile).strip())), 200);
        accessToken = (String) login.get("accessToken");
    }

    /** A new SPC token (RFC 9448 section 5.5) for the TNAuthList and the ACME account key's fingerprint. */
    String spcToken(String tkvalue, String fingerprint) throws Exception {
        Map<String, Object> atc = new LinkedHashMap<>();
        atc.put("tktype", "TNAuthList");
        atc.put("tkvalue", tkvalue);
        atc.put("ca", false);
        atc.put("fingerprint", fingerprint);
        Map<String, Object> response = http.postExpect(base.resolve("/api/v1/account/" + accountId + "/token"),
                Http.json(Map.of("atc", atc)), 200, "Authorization", accessToken);
        return (String) response.get("token");
    }
}
