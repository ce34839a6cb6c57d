package nl.transparant.audit;

import java.util.Arrays;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * {@code java -jar transparant.jar --verify-audit-log}: verifies the decision log chain against the configured
 * database, prints the outcome and exits with 0 (intact), 1 (broken; the first problem is printed) or 2 (could not
 * verify, for example no database). It starts only a data source: no web server, no process engine (whose job
 * executor would otherwise start working), no schema migration.
 */
public final class AuditLogCommand {

    public static final String OPTION = "--verify-audit-log";

    private AuditLogCommand() {
    }

    public static boolean requested(String[] args) {
        return Arrays.asList(args).contains(OPTION);
    }

    public static int run(String[] args) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(DataSourceOnly.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("logging.level.root=WARN", "spring.main.lazy-initialization=true");
        try (ConfigurableApplicationContext context = builder.run(args)) {
            Verification verification = context.getBean(DecisionLog.class).verify();
            if (verification.intact()) {
                System.out.println("Decision log intact: " + verification.recordsChecked() + " records, last hash "
                        + verification.lastHash());
                return 0;
            }
            Verification.Problem problem = verification.firstProblem();
            System.out.println("Decision log BROKEN at record " + problem.seq() + " (" + problem.kind() + "): " + problem.detail()
                    + " " + verification.recordsChecked() + " records before it verify.");
            return 1;
        } catch (RuntimeException e) {
            System.err.println("Could not verify the decision log: " + e.getMessage());
            return 2;
        }
    }

    /** Not a @Configuration, so the application's own component scan never picks it up. */
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class})
    @Import(DecisionLog.class)
    static class DataSourceOnly {
    }
}
