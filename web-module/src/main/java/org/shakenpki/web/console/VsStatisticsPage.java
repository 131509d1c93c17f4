package org.shakenpki.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.shakenpki.config.Role;
import org.shakenpki.stir.VerificationStatistics;
import org.shakenpki.stir.VsConsole;
import org.shakenpki.stir.X5uChains;

import java.util.ArrayList;
import java.util.List;

/**
 * STI-VS operator: this node's verifications of the last hour and day by verstat (ATIS-1000074 section 5.3.2) and by
 * failure reason, and the x5u chains it holds ({@link VsConsole}, which checks the STI-VS admin token of the session).
 */
@Named
@RequestScoped
public class VsStatisticsPage {

    @Inject
    VsConsole vs;

    @Inject
    RoleToken token;

    /** One row of the counts table: a verstat value or failure code, its counts in the last hour and day. */
    public record Row(String kind, String name, long lastHour, long lastDay) {
    }

    private List<Row> rows;
    private List<X5uChains.Cached> cache;

    public void load() {
        getRows();
        getCache();
    }

    /** Every verstat value, then every failure reason that occurred in the last day. */
    public List<Row> getRows() {
        if (rows == null) {
            List<VerificationStatistics.Window> windows = vs.counts(token.of(Role.VS));
            VerificationStatistics.Window hour = windows.get(0);
            VerificationStatistics.Window day = windows.get(1);
            rows = new ArrayList<>();
            day.byVerstat().forEach((name, n) -> rows.add(new Row("verstat", name, hour.byVerstat().get(name), n)));
            day.byFailure().forEach((name, n) -> {
                if (n > 0) {
                    rows.add(new Row("failure", name, hour.byFailure().get(name), n));
                }
            });
        }
        return rows;
    }

    public List<X5uChains.Cached> getCache() {
        if (cache == null) {
            cache = vs.x5uCache(token.of(Role.VS));
        }
        return cache;
    }
}
