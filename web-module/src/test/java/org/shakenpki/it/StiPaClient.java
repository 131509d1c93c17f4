package org.shakenpki.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/** The STI-PA API as a deployed SP-KMS client or an administrator's script would call it. */
public final class StiPaClient {
    private final URI base;

    public StiPaClient(URI base) {
        this.base = base;
    }

    /** HTTP Basic credentials of the administrator created at first start. */
    public static String adminBasic() throws IOException {
        Path file = Path.of(System.getProperty("it.data.dir", "target/it-data"), "sti-pa", "admin.password");
        String pair = "admin:" + Files.readString(file).strip();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> admin(String method, String path, String json) throws Exception {
        return Http.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", adminBasic())
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Creates an account with SPCs and an API user; returns the user's access token. */
    public String newAccountWithUser(String accountId, boolean caAllowed, String... spcs) throws Exception {
        String spcList = String.join("\",\"", spcs);
        var created = admin("POST", "api/v1/admin/accounts", "{\"accountId\":\"" + accountId + "\",\"name\":\"" + accountId
                + " Telecom\",\"caAllowed\":" + caAllowed + ",\"spcs\":[\"" + spcList + "\"]}");
        check(created, 201);
        check(admin("POST", "api/v1/admin/users", "{\"userId\":\"" + accountId + "-api\",\"role\":\"SP_API\",\"accountId\":\""
                + accountId + "\",\"password\":\"" + password(accountId) + "\"}"), 201);
        return login(accountId + "-api", password(accountId));
    }

    public static String password(String accountId) {
        return "secret-of-" + accountId;
    }

    public HttpResponse<String> loginResponse(String userId, String password) throws Exception {
        return Http.post(base.resolve("api/v1/auth/login"), "application/json",
                "{\"userId\":\"" + userId + "\",\"password\":\"" + password + "\"}");
    }

    public String login(String userId, String password) throws Exception {
        var response = check(loginResponse(userId, password), 200);
        return (String) Http.json(response).get("accessToken");
    }

    public HttpResponse<String> token(String accessToken, String accountId, String body) throws Exception {
        return Http.send(HttpRequest.newBuilder(base.resolve("api/v1/account/" + accountId + "/token"))
                .header("Authorization", accessToken)
                .header("Accept", "application/jose+json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public static String atc(String tkvalue, Boolean ca, String fingerprint) {
        return "{\"atc\":{\"tktype\":\"TNAuthList\",\"tkvalue\":\"" + tkvalue + "\""
                + (ca == null ? "" : ",\"ca\":" + ca) + ",\"fingerprint\":\"" + fingerprint + "\"}}";
    }

    public static final String FINGERPRINT =
            "SHA256 56:3E:CF:AE:83:CA:4D:15:B0:29:FF:1B:71:D3:BA:B9:19:81:F8:50:9B:DF:4A:D4:39:72:E2:B1:F0:B9:38:E3";

    public static HttpResponse<String> check(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + " but got " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    public static Map<String, Object> json(HttpResponse<String> response) throws Exception {
        return Http.json(response);
    }
}
