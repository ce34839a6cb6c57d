package nl.transparant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Tests do not sleep: a test waits for what it needs with Awaitility (and the wait ends in an assertion), or moves a
 * {@code support/ControlledClock} when what it waits for is time. A sleep makes a test slow when it is long enough
 * and flaky when it is not.
 */
class TestHygieneTest {

    /** Sleeping, spelled every way Java offers (split up so that this file does not find itself). */
    private static final Pattern SLEEP = Pattern.compile(
            "Thread\\s*\\.\\s*sleep\\s*\\(" + "|TimeUnit\\s*\\.\\s*\\w+\\s*\\.\\s*sleep\\s*\\(" + "|LockSupport\\s*\\.\\s*park");

    /**
     * The sleeps that stay, each with why; a new one anywhere, or one more in these files, fails this test. To remove
     * one: change the file and lower (or drop) its number here.
     */
    private static final Map<String, Integer> ALLOWED = Map.of(
            // measure throughput: the poll between looks at an asynchronous publication is part of what is timed
            "nl/transparant/workflow/WorkflowThroughputBenchmark.java", 1,
            "nl/transparant/workflow/BareReviewEngine.java", 1,
            // a fake of a slow remote service: being slow is the behaviour the tests put the application against
            "nl/transparant/nationalregister/FakeNationalDeliveryApi.java", 1,
            // the stand-in for a second node's delivery scheduler: its poll interval, not a wait of the test
            "nl/transparant/nationalregister/NationalRegisterDeliveryIT.java", 1,
            // lets HikariCP's own (uncontrollable) 500 ms validation bypass pass, so the hang hits the validation path
            "nl/transparant/operations/FaultsIT.java", 1,
            // a node in a JVM of its own, whose clock the test cannot move and whose form secret it does not share:
            // the report form's minimum fill time passes as it does for a person
            "nl/transparant/workflow/ScaleOutIT.java", 1);

    @Test
    void noTestSleepsExceptTheListedOnes() throws IOException {
        Path root = Path.of("src", "test", "java");
        assertThat(root).as("the test sources, read from the project's root").isDirectory();
        Map<String, Integer> found = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher sleeps = SLEEP.matcher(Files.readString(file));
                int count = 0;
                while (sleeps.find()) {
                    count++;
                }
                if (count > 0) {
                    found.put(root.relativize(file).toString().replace('\\', '/'), count);
                }
            }
        }

        List<String> tooMany = found.entrySet().stream()
                .filter(e -> e.getValue() > ALLOWED.getOrDefault(e.getKey(), 0))
                .map(e -> e.getKey() + ": " + e.getValue() + " sleep(s), allowed " + ALLOWED.getOrDefault(e.getKey(), 0))
                .toList();
        assertThat(tooMany).as("sleeps in tests; wait with Awaitility until an assertion holds, or move a ControlledClock")
                .isEmpty();
        assertThat(ALLOWED.keySet()).as("listed files that still sleep (drop the ones that no longer do)")
                .allSatisfy(listed -> assertThat(found).containsKey(listed));
    }
}
