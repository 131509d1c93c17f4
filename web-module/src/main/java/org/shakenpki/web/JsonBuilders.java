package org.shakenpki.web;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/**
 * JSON-P builders from one provider, looked up once. {@code JsonBuilders.object()} and its siblings look
 * the provider up on every call ({@code JsonProvider.provider()}: a ServiceLoader scan of the class path); on
 * Payara that scan cost more CPU than the rest of a signing request. Providers are thread-safe.
 */
public final class JsonBuilders {
    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonBuilders() {
    }

    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    /** A builder starting with the members of {@code from}. */
    public static JsonObjectBuilder object(JsonObject from) {
        return PROVIDER.createObjectBuilder(from);
    }

    public static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }
}
