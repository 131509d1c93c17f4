package org.shakenpki.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One server (shaken-pki or its peer) under one measure: how to prepare a run (fresh PASSporTs for a verification
 * run, outside the measured interval) and how to load it, at the maximum rate and at a fixed offered load.
 */
interface Side {
    /** The name in the report: "shaken_pki", "secsipidx", "pebble". */
    String name();

    /** The server's processes, whose utime + stime summed is the server CPU. */
    ServerProcesses processes();

    /** Prepares one run; nothing of it is measured. */
    Run prepare() throws Exception;

    /** One prepared run. */
    interface Run {
        /** The maximum rate: the issue's generator (wrk, or acme4j clients for issuance) for {@code seconds}. */
        Max max(double seconds) throws Exception;

        /** The fixed offered load, open loop, latency from each call's due time. */
        Load.Result open(double perSecond, double seconds) throws Exception;

        /** The bench's own generator at its maximum (closed loop, same connections as wrk), or null if n/a. */
        Load.Result ownMax(double seconds) throws Exception;
    }

    /**
     * A maximum-rate run. {@code generatorCpuShare} is the load generator's CPU over the run's length: wrk's (one
     * thread: 1.0 is fully busy), or for issuance the bench JVM's, whose acme4j clients are the generator (in
     * cores: up to the machine's count).
     */
    record Max(long completed, double seconds, double generatorCpuShare) {
        double perSecond() {
            return completed / seconds;
        }
    }

    /** An HTTP endpoint loaded by wrk (maximum) and by {@link SelectorLoad} (fixed offered load, and its own maximum). */
    static Side http(String name, ServerProcesses processes, Wrk wrk, Callable<RequestSet> requests) {
        return new Side() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ServerProcesses processes() {
                return processes;
            }

            @Override
            public Run prepare() throws Exception {
                RequestSet set = requests.call();
                List<byte[]> wire = set.wire();
                return new Run() {
                    @Override
                    public Max max(double seconds) throws Exception {
                        WrkOutput out = wrk.run(set, name, (int) Math.max(1, Math.round(seconds)));
                        if (out.errors() > 0) {
                            throw new IOException(name + ": " + out.errors() + " of " + out.requests()
                                    + " answers failed under wrk; first: " + out.firstFailure());
                        }
                        return new Max(out.requests(), out.seconds(), out.cpuShare());
                    }

                    @Override
                    public Load.Result open(double perSecond, double seconds) throws Exception {
                        return failOnErrors(name, generator().open(perSecond, seconds));
                    }

                    @Override
                    public Load.Result ownMax(double seconds) throws Exception {
                        return failOnErrors(name, generator().closed(seconds));
                    }

                    /** The bench's own generator on as many connections as wrk, checking each answer as wrk's script does. */
                    private SelectorLoad generator() {
                        return new SelectorLoad(set.url(), Wrk.CONNECTIONS, wire, response -> {
                            if (response.status() != 200 || !response.body().contains(set.marker())) {
                                throw new IOException(response.status() + " " + response.body()
                                        .substring(0, Math.min(200, response.body().length())));
                            }
                        });
                    }
                };
            }
        };
    }

    /**
     * An ACME server loaded by C acme4j clients, each issuing one certificate after another. {@code toleratedErrors}
     * is the share of failed issuances that does not fail the bench: none for shaken-pki; for the peer a little,
     * since Pebble now and then answers an order poll with an error (one in 285 in one run), and a peer's rare
     * fault should not cost the whole report. Tolerated failures are printed, and not counted as issuances.
     */
    static Side acme(String name, ServerProcesses processes, List<IssuanceClient> clients, double toleratedErrors) {
        List<Load.Worker> workers = new ArrayList<>();
        for (IssuanceClient client : clients) {
            workers.add(call -> client.issue());
        }
        Run run = new Run() {
            @Override
            public Max max(double seconds) throws Exception {
                double before = ProcStats.ownCpuSeconds();
                Load.Result result = failOnErrors(name, Load.closed(workers, seconds), toleratedErrors);
                return new Max(result.completed(), result.seconds(), (ProcStats.ownCpuSeconds() - before) / result.seconds());
            }

            @Override
            public Load.Result open(double perSecond, double seconds) throws Exception {
                return failOnErrors(name, Load.open(workers, perSecond, seconds), toleratedErrors);
            }

            @Override
            public Load.Result ownMax(double seconds) {
                return null;
            }
        };
        return new Side() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ServerProcesses processes() {
                return processes;
            }

            @Override
            public Run prepare() {
                return run;
            }
        };
    }

    private static Load.Result failOnErrors(String name, Load.Result result) {
        return failOnErrors(name, result, 0);
    }

    private static Load.Result failOnErrors(String name, Load.Result result, double toleratedErrors) {
        long calls = result.errors() + result.completed();
        if (result.errors() > 0 && result.errors() <= toleratedErrors * calls) {
            System.out.printf("  %s: %d of %d calls failed (tolerated for the peer, at most %.0f%%); first: %s%n",
                    name, result.errors(), calls, 100 * toleratedErrors, result.firstError());
        } else if (result.errors() > 0) {
            throw new IllegalStateException(name + ": " + result.errors() + " of " + calls + " calls failed; first: "
                    + result.firstError());
        }
        return result;
    }
}
