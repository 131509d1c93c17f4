package org.shakenpki.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs wrk (Debian's {@code wrk}, installed by {@code bench/run-bench.sh}) as the load generator: one
 * thread, two keep-alive connections, {@code bench/wrk/requests.lua} sending the {@link RequestSet} in turn.
 */
final class Wrk {
    static final int THREADS = 1;
    static final int CONNECTIONS = 2;

    private final Path script;
    private final Path scratch;

    /** {@code scratch} is a private directory for the request files. */
    Wrk(Path script, Path scratch) {
        this.script = script;
        this.scratch = scratch;
    }

    /** The command line (no secret on it: headers and bodies are in files). */
    List<String> command(RequestSet set, RequestSet.WrkFiles files, int seconds) {
        return List.of("wrk", "-t" + THREADS, "-c" + CONNECTIONS, "-d" + seconds + "s", "--timeout", "10s",
                "-s", script.toString(), set.url().toString(), "--", set.method(), files.bodies(),
                files.headers().toString(), set.marker());
    }

    /** One run of {@code seconds} (wrk takes whole seconds); throws when wrk fails or prints no result line. */
    WrkOutput run(RequestSet set, String name, int seconds) throws IOException, InterruptedException {
        RequestSet.WrkFiles files = set.writeFor(scratch, name);
        Process wrk = new ProcessBuilder(command(set, files, seconds)).redirectErrorStream(true).start();
        byte[] out = wrk.getInputStream().readAllBytes();
        if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            wrk.destroyForcibly();
            throw new IOException("wrk did not end");
        }
        String stdout = new String(out, StandardCharsets.UTF_8);
        if (wrk.exitValue() != 0) {
            throw new IOException("wrk exited with " + wrk.exitValue() + ": " + stdout.strip());
        }
        return WrkOutput.parse(stdout);
    }
}
