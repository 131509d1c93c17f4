package org.shakenpki.requestid;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which client ids are kept, the thread's scope, and the id on log records. */
class RequestIdTest {

    @Test
    void aShortTokenIsKeptAnythingElseIsReplaced() {
        assertEquals("lb-7f3a.01", RequestId.acceptOrCreate("lb-7f3a.01"));
        assertEquals("x".repeat(64), RequestId.acceptOrCreate("x".repeat(64)));
        for (String hostile : new String[] {null, "", "x".repeat(65), "two words", "a\r\nSet-Cookie: x=1", "a\"b",
            "<script>", "caf\u00e9", "a;b=c", "{\"json\":1}"}) {
            String id = RequestId.acceptOrCreate(hostile);
            assertTrue(id.matches("[0-9a-f]{32}"), hostile + " -> " + id);
        }
        assertNotEquals(RequestId.create(), RequestId.create());
    }

    @Test
    void theScopeEndsWithTheRequestAndRestoresAnOuterOne() {
        assertNull(RequestId.current());
        try (RequestId.Scope outer = RequestId.enter("outer")) {
            try (RequestId.Scope inner = RequestId.enter("inner")) {
                assertEquals("inner", RequestId.current());
            }
            assertEquals("outer", RequestId.current());
        }
        assertNull(RequestId.current());
    }

    @Test
    void aLogRecordGetsTheIdAfterItsOwnParametersOnce() {
        LogRecord plain = new LogRecord(Level.INFO, "no parameters");
        RequestIdLogging.WithRequestId.attach(plain, "r1");
        assertArrayEquals(new Object[] {Map.of("RequestId", "r1")}, plain.getParameters());

        LogRecord formatted = new LogRecord(Level.INFO, "tn {0} verstat {1}");
        formatted.setParameters(new Object[] {"12155550121", "TN-Validation-Passed"});
        RequestIdLogging.WithRequestId.attach(formatted, "r2");
        RequestIdLogging.WithRequestId.attach(formatted, "r2");
        assertArrayEquals(new Object[] {"12155550121", "TN-Validation-Passed", Map.of("RequestId", "r2")}, formatted.getParameters());
        assertEquals("tn 12155550121 verstat TN-Validation-Passed", new java.util.logging.SimpleFormatter().formatMessage(formatted));
    }

    @Test
    void outsideARequestTheFilterLeavesTheRecordAndAsksTheHandlersOwnFilter() {
        LogRecord record = new LogRecord(Level.INFO, "timer");
        assertTrue(new RequestIdLogging.WithRequestId(null).isLoggable(record));
        assertNull(record.getParameters());
        assertFalse(new RequestIdLogging.WithRequestId(r -> false).isLoggable(record));
    }
}
