package org.shakenpki.requestid;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Puts the request's correlation id into the log records written while a request is served: a filter on the root
 * logger's handlers appends {@code {"RequestId": id}} to the record's parameters, which Payara's
 * {@code JSONLogFormatter} writes as a field of the JSON line ({@code SHAKEN_PKI_LOG_FORMAT=json}, README). The
 * handler filter runs on the logging thread, before a handler formats or queues the record, which is why the id is
 * attached here and not read by a formatter. A message's own parameters are kept in front, so its text does not
 * change; the text formatter ignores the extra parameter. Installed when the application starts and removed when
 * it stops, so no filter of an undeployed application stays behind.
 */
@Singleton
@Startup
public class RequestIdLogging {
    /** The JSON field name, in the style of Payara's own fields ({@code ThreadName}, {@code LoggerName}). */
    static final String FIELD = "RequestId";

    private final List<Handler> handlers = new ArrayList<>();
    private final List<Filter> replaced = new ArrayList<>();

    @PostConstruct
    void install() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            Filter previous = handler.getFilter();
            handler.setFilter(new WithRequestId(previous));
            handlers.add(handler);
            replaced.add(previous);
        }
    }

    @PreDestroy
    void remove() {
        for (int i = 0; i < handlers.size(); i++) {
            if (handlers.get(i).getFilter() instanceof WithRequestId) {
                handlers.get(i).setFilter(replaced.get(i));
            }
        }
        handlers.clear();
        replaced.clear();
    }

    /** Adds the id to a record once (several handlers see the same record), then asks the handler's own filter. */
    static final class WithRequestId implements Filter {
        private final Filter next;

        WithRequestId(Filter next) {
            this.next = next;
        }

        @Override
        public boolean isLoggable(LogRecord record) {
            String id = RequestId.current();
            if (id != null) {
                attach(record, id);
            }
            return next == null || next.isLoggable(record);
        }

        static void attach(LogRecord record, String id) {
            Object[] parameters = record.getParameters();
            if (parameters == null) {
                record.setParameters(new Object[] {Map.of(FIELD, id)});
                return;
            }
            for (Object parameter : parameters) {
                if (parameter instanceof Map<?, ?> map && map.containsKey(FIELD)) {
                    return;
                }
            }
            Object[] more = Arrays.copyOf(parameters, parameters.length + 1);
            more[parameters.length] = Map.of(FIELD, id);
            record.setParameters(more);
        }
    }
}
