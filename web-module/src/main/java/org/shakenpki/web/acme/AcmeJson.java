package org.shakenpki.web.acme;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import org.shakenpki.pkix.TkAuth;
import org.shakenpki.ca.Views;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.web.JsonBuilders;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * The JSON of the ACME objects (RFC 8555 section 7.1.2-7.1.5; RFC 9448 section 4 for the challenge; RFC 9773 section
 * 4.2 for renewal information).
 */
public final class AcmeJson {
    private AcmeJson() {
    }

    public static String account(Views.Account account, AcmeUrls urls) {
        JsonArrayBuilder contact = JsonBuilders.array();
        account.contact().forEach(contact::add);
        return JsonBuilders.object()
                .add("status", account.status())
                .add("contact", contact)
                .add("termsOfServiceAgreed", account.termsOfServiceAgreed())
                .add("orders", urls.account(account.id()) + "/orders")
                .build().toString();
    }

    public static String orders(List<String> ids, AcmeUrls urls) {
        JsonArrayBuilder orders = JsonBuilders.array();
        ids.forEach(id -> orders.add(urls.order(id)));
        return JsonBuilders.object().add("orders", orders).build().toString();
    }

    public static String order(Views.Order order, AcmeUrls urls) {
        JsonObjectBuilder json = JsonBuilders.object()
                .add("status", order.status())
                .add("expires", time(order.expires()))
                .add("identifiers", JsonBuilders.array().add(identifier(order.identifier())))
                .add("authorizations", JsonBuilders.array().add(urls.authorization(order.authorizationId())))
                .add("finalize", urls.order(order.id()) + "/finalize");
        if (order.notBefore() != null) {
            json.add("notBefore", time(order.notBefore()));
        }
        if (order.notAfter() != null) {
            json.add("notAfter", time(order.notAfter()));
        }
        if (order.certificateId() != null) {
            json.add("certificate", urls.certificate(order.certificateId()));
        }
        if (order.chainUrl() != null) {
            json.add("x5u", order.chainUrl());
        }
        if (order.error() != null) {
            json.add("error", problem(order.error()));
        }
        if (order.profile() != null) {
            json.add("profile", order.profile()); // draft-ietf-acme-profiles section 4
        }
        if (order.replaces() != null) {
            json.add("replaces", order.replaces()); // RFC 9773 section 5: reflected as the client sent it
        }
        return json.build().toString();
    }

    /** A RenewalInfo object (RFC 9773 section 4.2). */
    public static String renewalInfo(Views.RenewalInfo info) {
        JsonObjectBuilder json = JsonBuilders.object().add("suggestedWindow", JsonBuilders.object()
                .add("start", DateTimeFormatter.ISO_INSTANT.format(info.start()))
                .add("end", DateTimeFormatter.ISO_INSTANT.format(info.end())));
        if (info.explanationUrl() != null) {
            json.add("explanationURL", info.explanationUrl());
        }
        return json.build().toString();
    }

    public static String authorization(Views.Authorization authorization, AcmeUrls urls) {
        return JsonBuilders.object()
                .add("identifier", identifier(authorization.identifier()))
                .add("status", authorization.status())
                .add("expires", time(authorization.expires()))
                .add("challenges", JsonBuilders.array().add(challengeObject(authorization.challenge(), urls)))
                .build().toString();
    }

    public static String challenge(Views.Challenge challenge, AcmeUrls urls) {
        return challengeObject(challenge, urls).build().toString();
    }

    private static JsonObjectBuilder challengeObject(Views.Challenge challenge, AcmeUrls urls) {
        JsonObjectBuilder json = JsonBuilders.object()
                .add("type", TkAuth.CHALLENGE_TYPE)
                .add("tkauth-type", "atc")
                .add("url", urls.challenge(challenge.id()))
                .add("token", challenge.token())
                .add("status", challenge.status());
        if (challenge.validated() != null) {
            json.add("validated", time(challenge.validated()));
        }
        if (challenge.error() != null) {
            json.add("error", problem(challenge.error()));
        }
        return json;
    }

    private static JsonObjectBuilder identifier(String value) {
        return JsonBuilders.object().add("type", TkAuth.TNAUTHLIST).add("value", value);
    }

    private static JsonObjectBuilder problem(Views.Problem problem) {
        int status = Arrays.stream(ProblemType.values()).filter(t -> t.uri().equals(problem.type()))
                .findFirst().map(ProblemType::status).orElse(400);
        return JsonBuilders.object().add("type", problem.type()).add("detail", problem.detail()).add("status", status);
    }

    private static String time(OffsetDateTime time) {
        return DateTimeFormatter.ISO_INSTANT.format(time.toInstant());
    }
}
