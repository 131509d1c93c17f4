package org.shakenpki.bench;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.annotations.Mode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one JMH benchmark in a forked JVM and returns the median of its measurement iterations (ops/s). */
final class RawRates {
    private RawRates() {
    }

    static double opsPerSecond(Class<?> benchmark, int threads, int iterations, int seconds, String... jvmArgs)
            throws RunnerException {
        Options options = new OptionsBuilder()
                .include("^" + benchmark.getName().replace(".", "\\.") + "\\.")
                .mode(Mode.Throughput)
                .timeUnit(TimeUnit.SECONDS)
                .forks(1)
                .threads(threads)
                .warmupIterations(1)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .jvmArgsAppend(jvmArgs)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        List<Double> scores = new ArrayList<>();
        for (RunResult run : new Runner(options).run()) {
            for (BenchmarkResult result : run.getBenchmarkResults()) {
                for (IterationResult iteration : result.getIterationResults()) {
                    scores.add(iteration.getPrimaryResult().getScore());
                }
            }
        }
        if (scores.isEmpty()) {
            throw new IllegalStateException("JMH produced no result for " + benchmark.getSimpleName());
        }
        return Stats.median(scores);
    }
}
