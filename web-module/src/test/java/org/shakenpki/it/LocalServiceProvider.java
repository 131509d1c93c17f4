package org.shakenpki.it;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.shakenpki.it.StiPaClient.check;

/**
 * The service provider the ITs' SP-KMS works for: its STI-PA account {@value #ACCOUNT} and the SP_API user
 * {@value #USER} the SP-KMS logs in as, with the password file and webhook secret the IT server's settings name
 * (arquillian.xml). Made once per data directory by whichever IT needs it first.
 */
final class LocalServiceProvider {
    static final String ACCOUNT = "local-sp";
    static final String USER = "local-sp-kms";
    private static final String PASSWORD = "kms-password-for-tests";

    private LocalServiceProvider() {
    }

    /** Makes the account, the user and their files if the STI-PA has no such account yet; true when it made them. */
    static boolean ensure(StiPaClient pa) throws Exception {
        Path kms = Path.of(System.getProperty("it.data.dir")).resolve("kms");
        Files.createDirectories(kms);
        Files.writeString(kms.resolve("notify.secret"), "webhook-secret-for-tests\n");
        if (pa.admin("GET", "api/v1/admin/accounts/" + ACCOUNT, null).statusCode() != 404) {
            return false;
        }
        check(pa.admin("POST", "api/v1/admin/accounts", "{\"accountId\":\"" + ACCOUNT + "\",\"name\":\"Local SP\",\"spcs\":[]}"), 201);
        check(pa.admin("POST", "api/v1/admin/users", "{\"userId\":\"" + USER + "\",\"role\":\"SP_API\",\"accountId\":\""
                + ACCOUNT + "\",\"password\":\"" + PASSWORD + "\"}"), 201);
        Files.writeString(kms.resolve("sti-pa.password"), PASSWORD + "\n");
        return true;
    }
}
