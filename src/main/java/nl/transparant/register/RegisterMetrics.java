package nl.transparant.register;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import nl.transparant.operations.MeasuredSnapshot;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code transparant_register_entries}: entries in the public register (published or imported, each counted once);
 * {@code transparant_register_versions}: the immutable versions behind them.
 */
@Component
class RegisterMetrics implements MeterBinder {

    private final MeasuredSnapshot<long[]> publications;

    RegisterMetrics(JdbcTemplate jdbc) {
        this.publications = new MeasuredSnapshot<>("publications", () -> jdbc.queryForObject(
                "SELECT COUNT(DISTINCT lars) AS entries, COUNT(*) AS versions FROM published_entry",
                (row, n) -> new long[] {row.getLong("entries"), row.getLong("versions")}));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("transparant.register.entries", publications, p -> p.current().map(c -> (double) c[0]).orElse(Double.NaN))
                .description("Entries in the public register")
                .register(registry);
        Gauge.builder("transparant.register.versions", publications, p -> p.current().map(c -> (double) c[1]).orElse(Double.NaN))
                .description("Published versions of all entries in the public register")
                .register(registry);
    }
}
