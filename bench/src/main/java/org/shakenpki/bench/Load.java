package org.shakenpki.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The bench's load engine for blocking clients: the ACME issuances (acme4j is the client, one thread per client,
 * as the STI-CA's own clients are). HTTP endpoints are loaded by {@link SelectorLoad} on one selector thread with
 * the same accounting. W workers, each with its own client (an ACME account), call an operation:
 * <ul>
 *   <li>closed loop: each worker calls again as soon as its call returns, until the deadline (the maximum rate);
 *   <li>open loop: call k is due at {@code start + k / rate}, whichever worker is free takes it, and its latency
 *       is counted from the time it was due, not from when it was sent. A server that stalls thus shows the wait
 *       of every call that queued behind the stall (no coordinated omission, as in wrk2).
 * </ul>
 * Calls that throw are counted as errors and not timed, so a failing server cannot look fast.
 */
public final class Load {

    /** One worker's operation; {@code call} is the call's sequence number (0, 1, ...). */
    @FunctionalInterface
    public interface Worker {
        void call(long call) throws Exception;
    }

    /** What a run measured; {@code seconds} runs from the start to the last answer, at least the run's length. */
    public record Result(int completed, int errors, double seconds, double[] latenciesMs, String firstError) {
        public double perSecond() {
            return completed / seconds;
        }

        public double percentileMs(double p) {
            return Stats.percentile(latenciesMs, p);
        }
    }

    private Load() {
    }

    /** Each worker calls back to back for {@code seconds}. */
    public static Result closed(List<Worker> workers, double seconds) throws InterruptedException {
        return run(workers, seconds, 0);
    }

    /** Calls due at {@code perSecond} for {@code seconds}, spread over the workers; latency from the due time. */
    public static Result open(List<Worker> workers, double perSecond, double seconds) throws InterruptedException {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("offered load must be positive: " + perSecond);
        }
        return run(workers, seconds, perSecond);
    }

    /** The time call {@code k} is due at, in nanoseconds after the start, for an offered load of {@code perSecond}. */
    static long dueNanos(long k, double perSecond) {
        return (long) (k * 1e9 / perSecond);
    }

    private static Result run(List<Worker> workers, double seconds, double perSecond) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicLong nextCall = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong();
        List<Future<double[]>> futures = new ArrayList<>();
        long length = (long) (seconds * 1e9);
        // the clock starts when every worker thread is running, so that thread start-up is not counted as latency
        AtomicLong startedAt = new AtomicLong();
        CyclicBarrier ready = new CyclicBarrier(workers.size(), () -> startedAt.set(System.nanoTime()));
        for (Worker worker : workers) {
            futures.add(pool.submit(() -> {
                ready.await();
                long start = startedAt.get();
                double[] latencies = new double[1024];
                int n = 0;
                while (true) {
                    long call = nextCall.getAndIncrement();
                    long sent;
                    if (perSecond > 0) {
                        long due = dueNanos(call, perSecond);
                        if (due >= length) {
                            break;
                        }
                        sent = start + due;
                        long wait;
                        while ((wait = sent - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                    } else {
                        sent = System.nanoTime();
                        if (sent - start >= length) {
                            break;
                        }
                    }
                    try {
                        worker.call(call);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                        continue;
                    }
                    long answered = System.nanoTime();
                    lastAnswer.accumulateAndGet(answered, Math::max);
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = (answered - sent) / 1e6;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            throw new IllegalStateException("load run did not finish in 30 minutes");
        }
        List<double[]> perWorker = new ArrayList<>();
        for (Future<double[]> future : futures) {
            try {
                perWorker.add(future.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        double[] all = perWorker.stream().flatMapToDouble(Arrays::stream).toArray();
        // from the start to the last answer, and never shorter than the run: an open loop's last call falls due
        // before the end, and a rate over the time to its answer alone would overstate what was offered
        long start = startedAt.get();
        double elapsed = Math.max(length, lastAnswer.get() - start) / 1e9;
        return new Result(all.length, errors.get(), elapsed, all, firstError.get());
    }
}
