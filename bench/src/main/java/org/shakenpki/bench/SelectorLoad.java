package org.shakenpki.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The bench's own HTTP load generator: C keep-alive connections on one NIO selector thread, as wrk drives its
 * connections from one epoll thread, so that the generator costs one core at most and reaches wrk's rate (the
 * thread-per-connection {@link Load} did not reliably come within 10% of it). Same two modes and the same
 * accounting as {@link Load}:
 * <ul>
 *   <li>closed loop: a connection sends its next request as soon as its answer is complete, until the deadline;
 *   <li>open loop: call k is due at {@code start + k / rate} ({@link Load#dueNanos}); a free connection sends it,
 *       and its latency counts from the due time, so calls that queue behind a stall carry its wait (no
 *       coordinated omission, as in wrk2).
 * </ul>
 * Answers that fail the check or do not arrive are errors and are not timed. Timing resolution: waits of a
 * millisecond or more sleep in {@code select}; shorter waits poll every 50 us, which bounds the error in a latency.
 */
final class SelectorLoad {
    /** Checks one answer; throws when it is not a good one. */
    @FunctionalInterface
    interface Check {
        void check(HttpConnection.Response response) throws IOException;
    }

    /** Time an answer may take before the run fails (the server is stuck, not slow). */
    static final long ANSWER_TIMEOUT_NANOS = 30_000_000_000L;
    private static final long POLL_NANOS = 50_000;
    /** How often the loop looks for answers overdue by {@link #ANSWER_TIMEOUT_NANOS} (not per answer: it allocates). */
    private static final long STUCK_CHECK_NANOS = 100_000_000L;

    private final URI url;
    private final int connections;
    private final List<byte[]> requests;
    private final Check check;

    /** {@code requests} are sent in turn (call k sends request k mod n) over {@code connections} connections to {@code url}. */
    SelectorLoad(URI url, int connections, List<byte[]> requests, Check check) {
        if (connections < 1 || requests.isEmpty()) {
            throw new IllegalArgumentException("need at least one connection and one request");
        }
        this.url = url;
        this.connections = connections;
        this.requests = List.copyOf(requests);
        this.check = check;
    }

    /** Each connection sends back to back for {@code seconds}. */
    Load.Result closed(double seconds) throws IOException {
        return run(seconds, 0);
    }

    /** Calls due at {@code perSecond} for {@code seconds}; latency from the due time. */
    Load.Result open(double perSecond, double seconds) throws IOException {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("offered load must be positive: " + perSecond);
        }
        return run(seconds, perSecond);
    }

    private Load.Result run(double seconds, double perSecond) throws IOException {
        try (Selector selector = Selector.open()) {
            List<HttpConnection> all = new ArrayList<>();
            ArrayDeque<HttpConnection> idle = new ArrayDeque<>();
            try {
                for (int i = 0; i < connections; i++) {
                    HttpConnection connection = new HttpConnection(url);
                    connection.connect(selector); // before the clock starts
                    all.add(connection);
                    idle.add(connection);
                }
                return new Loop(selector, idle, connections).run((long) (seconds * 1e9), perSecond);
            } finally {
                all.forEach(HttpConnection::close);
            }
        }
    }

    /** One run's state on the selector thread. */
    private final class Loop {
        private final Selector selector;
        private final ArrayDeque<HttpConnection> idle;
        private final int total;
        private double[] latencies = new double[4096];
        private int completed;
        private int errors;
        private String firstError;
        private long lastAnswer;
        private long next;
        private long lastStuckCheck = System.nanoTime();

        Loop(Selector selector, ArrayDeque<HttpConnection> idle, int total) {
            this.selector = selector;
            this.idle = idle;
            this.total = total;
        }

        Load.Result run(long length, double perSecond) throws IOException {
            long start = System.nanoTime();
            boolean open = perSecond > 0;
            boolean noMore = false;
            while (true) {
                long now = System.nanoTime();
                long wait = Long.MAX_VALUE;
                while (!noMore && !idle.isEmpty()) {
                    long sentAt;
                    if (open) {
                        long due = Load.dueNanos(next, perSecond);
                        if (due >= length) {
                            noMore = true;
                            break;
                        }
                        if (start + due > now) {
                            wait = start + due - now;
                            break;
                        }
                        sentAt = start + due;
                    } else {
                        if (now - start >= length) {
                            noMore = true;
                            break;
                        }
                        sentAt = now;
                    }
                    HttpConnection connection = idle.poll();
                    long call = next++;
                    try {
                        connection.send(call, requests.get((int) (call % requests.size())), sentAt);
                    } catch (IOException e) {
                        failed(connection, e);
                    }
                }
                if (noMore && idle.size() == total) {
                    break;
                }
                if (!open && !noMore) {
                    wait = Math.max(0, start + length - now);
                }
                waitFor(Math.min(wait, 1_000_000_000L));
                handleSelected();
                long checked = System.nanoTime();
                if (checked - lastStuckCheck > STUCK_CHECK_NANOS) {
                    lastStuckCheck = checked;
                    failStuck(checked);
                }
            }
            double elapsed = Math.max(length, lastAnswer - start) / 1e9;
            return new Load.Result(completed, errors, elapsed, Arrays.copyOf(latencies, completed), firstError);
        }

        private void waitFor(long nanos) throws IOException {
            if (nanos >= 1_000_000) {
                selector.select(nanos / 1_000_000);
            } else if (nanos > 0) {
                if (selector.selectNow() == 0) {
                    LockSupport.parkNanos(Math.min(nanos, POLL_NANOS));
                }
            } else {
                selector.selectNow();
            }
        }

        private void handleSelected() {
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                HttpConnection connection = (HttpConnection) key.attachment();
                if (!key.isValid() || connection.call < 0) {
                    if (key.isValid() && key.isReadable()) {
                        quietlyReconnectIfClosed(connection);
                    }
                    continue;
                }
                try {
                    if (key.isWritable()) {
                        connection.writable();
                    }
                    if (key.isReadable()) {
                        readable(connection);
                    }
                } catch (IOException e) {
                    if (connection.closedWhileIdle()) {
                        try {
                            connection.resend(selector);
                            continue;
                        } catch (IOException again) {
                            e = again;
                        }
                    }
                    failed(connection, e);
                }
            }
        }

        private void readable(HttpConnection connection) throws IOException {
            long sentAt = connection.sentAt;
            HttpConnection.Parsed parsed = connection.readable();
            if (parsed == null) {
                return;
            }
            long answered = System.nanoTime();
            try {
                check.check(parsed.response());
                lastAnswer = Math.max(lastAnswer, answered);
                if (completed == latencies.length) {
                    latencies = Arrays.copyOf(latencies, completed * 2);
                }
                latencies[completed++] = (answered - sentAt) / 1e6;
            } catch (IOException e) {
                error(e);
            }
            if (parsed.close()) {
                connection.connect(selector);
            }
            idle.add(connection);
        }

        /** An idle connection became readable: the server closed it (or sent what nobody asked for); start afresh. */
        private void quietlyReconnectIfClosed(HttpConnection connection) {
            try {
                connection.connect(selector);
            } catch (IOException e) {
                error(e);
            }
        }

        private void failStuck(long now) {
            for (SelectionKey key : new ArrayList<>(selector.keys())) {
                if (key.attachment() instanceof HttpConnection c && c.call >= 0 && now - c.sentAt > ANSWER_TIMEOUT_NANOS) {
                    failed(c, new IOException("no answer within " + ANSWER_TIMEOUT_NANOS / 1_000_000_000L + " s"));
                }
            }
        }

        /** The call in flight on {@code connection} failed: count it, and give the connection a fresh channel. */
        private void failed(HttpConnection connection, IOException e) {
            error(e);
            connection.call = -1;
            try {
                connection.connect(selector);
                idle.add(connection);
            } catch (IOException reconnect) {
                error(reconnect);
                connection.close();
                idle.add(connection); // its next send fails and is counted again; the run ends on schedule
            }
        }

        private void error(IOException e) {
            errors++;
            if (firstError == null) {
                firstError = e.toString();
            }
        }
    }
}
