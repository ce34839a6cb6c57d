package nl.transparant.cases;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumMap;
import java.util.Map;
import nl.transparant.operations.MeasuredSnapshot;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@code transparant_cases{stage=…}}: how many cases stand at each stage, on all nodes together (it counts the database). */
@Component
class CaseMetrics implements MeterBinder {

    private final MeasuredSnapshot<Map<CaseStage, Long>> casesPerStage;

    CaseMetrics(JdbcTemplate jdbc) {
        this.casesPerStage = new MeasuredSnapshot<>("cases per stage", () -> {
            Map<CaseStage, Long> counts = new EnumMap<>(CaseStage.class);
            jdbc.query("SELECT stage, COUNT(*) AS cases FROM algorithm_case GROUP BY stage",
                    row -> {
                        counts.put(CaseStage.valueOf(row.getString("stage")), row.getLong("cases"));
                    });
            return counts;
        });
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (CaseStage stage : CaseStage.values()) {
            Gauge.builder("transparant.cases", casesPerStage,
                            s -> s.current().map(counts -> (double) counts.getOrDefault(stage, 0L)).orElse(Double.NaN))
                    .description("Cases at this stage")
                    .tag("stage", stage.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry);
        }
    }
}
