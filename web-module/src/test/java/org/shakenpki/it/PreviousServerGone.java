package org.shakenpki.it;

import org.jboss.arquillian.container.spi.event.container.AfterUnDeploy;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes each IT class's Payara Micro start only once the previous class's has exited. The managed container
 * stops a server with {@link Process#destroy()} and does not wait, so the next class's server could open the
 * shared H2 database (and SoftHSM2 token files) of {@code it.data.dir} while the old JVM was still shutting down
 * and writing them; one such overlap left the H2 file corrupted for every later class.
 */
public class PreviousServerGone implements LoadableExtension {
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(2);

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Waiter.class);
    }

    /** Observes the container events: waits after an undeploy and, in case that was missed, before a deploy. */
    public static class Waiter {
        public void afterUndeploy(@Observes AfterUnDeploy event) throws InterruptedException {
            awaitNoServer();
        }

        public void beforeDeploy(@Observes BeforeDeploy event) throws InterruptedException {
            awaitNoServer();
        }
    }

    static void awaitNoServer() throws InterruptedException {
        String dataDir = System.getProperty("it.data.dir");
        if (dataDir == null) {
            return;
        }
        Instant start = Instant.now();
        Instant deadline = start.plus(LONGEST_WAIT);
        boolean waited = false;
        while (!servers("-Dshakenpki.data-dir=" + dataDir).isEmpty()) {
            waited = true;
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the previous Payara Micro on " + dataDir + " did not exit within "
                        + LONGEST_WAIT.toSeconds() + " s: " + servers("-Dshakenpki.data-dir=" + dataDir));
            }
            Thread.sleep(200);
        }
        if (waited) {
            System.out.println("waited " + Duration.between(start, Instant.now()).toMillis()
                    + " ms for the previous Payara Micro on " + dataDir + " to exit");
        }
    }

    /** The process ids of Payara Micro JVMs whose command line names this data directory. */
    private static List<String> servers(String dataDirOption) {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        List<String> arguments = commandLine(p);
                        return arguments.contains(dataDirOption) && arguments.stream().anyMatch(a -> a.endsWith("payara-micro.jar"));
                    })
                    .map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<String> commandLine(Path process) {
        try {
            return List.of(new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            return List.of(); // the process ended while the list was read
        }
    }
}
