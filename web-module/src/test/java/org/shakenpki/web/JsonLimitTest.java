package org.shakenpki.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which bodies the JSON limits apply to: every media type the JSON-P reader parses, and ACME's. */
class JsonLimitTest {

    @Test
    void jsonAndEveryPlusJsonSubtypeIsChecked() {
        for (String subtype : new String[] {"json", "jose+json", "problem+JSON", "JSON"}) {
            assertTrue(JsonLimit.isJson(subtype), subtype);
        }
    }

    @Test
    void otherBodiesAreLeftAlone() {
        for (String subtype : new String[] {null, "", "plain", "octet-stream", "pkix-cert", "jose", "*", "json-seq", "jsonx"}) {
            assertFalse(JsonLimit.isJson(subtype), String.valueOf(subtype));
        }
    }
}
