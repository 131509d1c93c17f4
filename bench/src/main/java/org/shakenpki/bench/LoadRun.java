package org.shakenpki.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * C client threads calling an operation, either a fixed number of times in total or until a deadline, each
 * call timed. Calls that throw are counted as errors and not timed, so a failing server cannot look fast.
 */
public final class LoadRun {

    /** One client's operation; {@code client} is its index (0..C-1), so state can be kept per client. */
    @FunctionalInterface
    public interface Operation {
        void call(int client) throws Exception;
    }

    /** What a run measured. */
    public record Result(int completed, int errors, double seconds, double[] latenciesMs, String firstError) {
        public double perSecond() {
            return completed / seconds;
        }
    }

    private LoadRun() {
    }

    /** Runs {@code total} calls spread over {@code clients} threads. */
    public static Result count(int clients, int total, Operation operation) throws InterruptedException {
        AtomicInteger left = new AtomicInteger(total);
        return run(clients, () -> left.getAndDecrement() > 0, operation);
    }

    /** Calls on {@code clients} threads for {@code seconds}. */
    public static Result timed(int clients, double seconds, Operation operation) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        return run(clients, () -> System.nanoTime() < deadline, operation);
    }

    private interface More {
        boolean next();
    }

    private static Result run(int clients, More more, Operation operation) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<double[]> perClient = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Future<double[]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                double[] latencies = new double[1024];
                int n = 0;
                while (more.next()) {
                    long t0 = System.nanoTime();
                    try {
                        operation.call(client);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                        continue;
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = (System.nanoTime() - t0) / 1e6;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            throw new IllegalStateException("load run did not finish in 30 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Future<double[]> future : futures) {
            try {
                perClient.add(future.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        double[] all = perClient.stream().flatMapToDouble(Arrays::stream).toArray();
        return new Result(all.length, errors.get(), seconds, all, firstError.get());
    }
}
