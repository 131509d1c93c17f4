package org.shakenpki.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.shakenpki.config.Role;
import org.shakenpki.stir.ApiKeyAdministration;
import org.shakenpki.stir.ApiKeyInfo;

import java.util.Arrays;
import java.util.List;

/**
 * STI-AS operator: the API keys signing requests authenticate with, each bound to SPCs and a highest attestation
 * (RFC 8588 section 4); create (the secret is shown once) and revoke ({@link ApiKeyAdministration}, which checks the
 * STI-AS admin token of the session).
 */
@Named
@RequestScoped
public class ApiKeysPage {

    @Inject
    ApiKeyAdministration keys;

    @Inject
    RoleToken token;

    private List<ApiKeyInfo> list;
    private String name;
    private String spcs;
    private String maxAttest = "A";

    public void load() {
        getKeys();
    }

    public List<ApiKeyInfo> getKeys() {
        if (list == null) {
            list = keys.list(token.of(Role.AS));
        }
        return list;
    }

    public void create() {
        if (Messages.attempt(() -> {
            List<String> bound = spcs == null ? List.of()
                    : Arrays.stream(spcs.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
            ApiKeyAdministration.Created created = keys.create(token.of(Role.AS), name, bound, maxAttest);
            return "API key " + created.key().id() + " (" + created.key().name() + ") created; its secret (shown once): "
                    + created.secret();
        })) {
            name = null;
            spcs = null;
        }
        list = null;
    }

    public void revoke(long id) {
        Messages.attempt(() -> "API key " + id + " (" + keys.revoke(token.of(Role.AS), id).name() + ") revoked");
        list = null;
    }

    public String[] getAttestations() {
        return new String[] {"A", "B", "C"};
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSpcs() {
        return spcs;
    }

    public void setSpcs(String spcs) {
        this.spcs = spcs;
    }

    public String getMaxAttest() {
        return maxAttest;
    }

    public void setMaxAttest(String maxAttest) {
        this.maxAttest = maxAttest;
    }
}
