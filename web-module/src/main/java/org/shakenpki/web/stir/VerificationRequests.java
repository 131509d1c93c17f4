package org.shakenpki.web.stir;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.stir.NumericDates;
import org.shakenpki.stir.TelephoneNumbers;
import org.shakenpki.stir.VerificationRequest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an ATIS-1000082-style {@code verificationRequest}; every refusal is a 400 naming the member by its
 * path. {@code time} is the NumericDate (seconds) the call was received, or an RFC 3339 date-time, within
 * {@link NumericDates} (1970 to 9999): a time no call can have, such as 1e17, is refused rather than carried into
 * date arithmetic. {@code to.tn} is an array, a single string is accepted as well.
 */
final class VerificationRequests {
    private VerificationRequests() {
    }

    static VerificationRequest parse(JsonObject body) {
        JsonObject request = object(body, "verificationRequest", "verificationRequest");
        JsonObject from = object(request, "from", "verificationRequest.from");
        String fromTn = tn(from.get("tn"), "verificationRequest.from.tn");
        JsonObject to = object(request, "to", "verificationRequest.to");
        List<String> toTns = new ArrayList<>();
        JsonValue tns = to.get("tn");
        if (tns instanceof JsonString) {
            toTns.add(tn(tns, "verificationRequest.to.tn"));
        } else if (tns != null && tns.getValueType() == JsonValue.ValueType.ARRAY && !tns.asJsonArray().isEmpty()) {
            for (int i = 0; i < tns.asJsonArray().size(); i++) {
                toTns.add(tn(tns.asJsonArray().get(i), "verificationRequest.to.tn[" + i + "]"));
            }
        } else {
            throw malformed("verificationRequest.to.tn must be a non-empty array of telephone numbers");
        }
        return new VerificationRequest(fromTn, toTns, time(request.get("time")), identities(request.get("identity")));
    }

    private static JsonObject object(JsonObject parent, String member, String path) {
        JsonValue value = parent.get(member);
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw malformed(path + " must be an object");
        }
        return value.asJsonObject();
    }

    private static String tn(JsonValue value, String path) {
        if (!(value instanceof JsonString text)) {
            throw malformed(path + " must be a telephone number string");
        }
        try {
            return TelephoneNumbers.canonical(text.getString());
        } catch (IllegalArgumentException e) {
            throw malformed(path + " is not a telephone number (1-15 digits with the country code)");
        }
    }

    private static Instant time(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        Instant time = null;
        if (value instanceof JsonNumber number && NumericDates.isWhole(number.bigDecimalValue())
                && NumericDates.inRange(number.bigDecimalValue())) {
            time = Instant.ofEpochSecond(number.bigDecimalValue().longValueExact());
        }
        if (value instanceof JsonString text) {
            String s = text.getString().strip();
            try {
                time = s.matches("[0-9]{1,12}") ? Instant.ofEpochSecond(Long.parseLong(s)) : OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeException e) {
                // refused below
            }
        }
        if (time == null || time.getEpochSecond() < NumericDates.EARLIEST || time.getEpochSecond() > NumericDates.LATEST) {
            throw malformed("verificationRequest.time must be a NumericDate (whole seconds) or an RFC 3339 date-time"
                    + " between 1970 and 9999");
        }
        return time;
    }

    /** One Identity header value as a string, or several (RFC 8224 section 4: a request may carry more than one). */
    private static List<String> identities(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (value instanceof JsonString text) {
            return List.of(text.getString());
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            List<String> values = new ArrayList<>();
            for (JsonValue element : value.asJsonArray()) {
                if (!(element instanceof JsonString text)) {
                    throw malformed("verificationRequest.identity must hold Identity header values as strings");
                }
                values.add(text.getString());
            }
            return values;
        }
        throw malformed("verificationRequest.identity must be the Identity header value as a string, or an array of them");
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(ProblemType.MALFORMED, detail);
    }
}
