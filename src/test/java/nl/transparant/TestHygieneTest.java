package nl.transparant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Tests do not sleep: a test waits for what it needs with Awaitility (and the wait ends in an assertion), or moves a
 * {@code support/ControlledClock} when what it waits for is time. A sleep makes a test slow when it is long enough
 * and flaky when it is not. For the same reasons no test waits in a loop of its own against a deadline, and no test
 * asserts how long something took: a slow machine is not a fault of the application (benchmarks measure time).
 *
 * <p>The checks read the sources as text. Comments are blanked first (with their line breaks kept), so that a
 * comment naming a sleep or a loop does not count; string literals are read as code, which is why the patterns
 * below are split up.
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
            // measure throughput: the poll between looks at an asynchronous publication is part of what is timed, and a
            // client told "busy" (503) waits the Retry-After it was given before it sends again, as a real client does;
            // and the CPU a JVM uses while idle is measured over two seconds of wall time (is its JIT done?)
            "nl/transparant/workflow/WorkflowThroughputBenchmark.java", 3,
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

    /**
     * The start of an Awaitility wait: {@code Awaitility.await…}, or a bare {@code await(…)} in a file that imports it
     * statically; not a latch's or barrier's {@code gate.await()}, nor a test's own helper that happens to be named
     * {@code await} (in a file without the static import).
     */
    private static final Pattern AWAIT = Pattern.compile("(?<![\\w.])(Awaitility\\s*\\.\\s*)?" + "await(?:AtMost)?\\s*\\(");
    private static final Pattern STATIC_AWAIT = Pattern.compile("import\\s+static\\s+org\\.awaitility\\.Awaitility\\.(?:await|\\*)\\s*;");

    /**
     * How an Awaitility wait "ends in an assertion": the last call of its chain is one that throws when the condition
     * has not held by the deadline ({@code ConditionTimeoutException}, or the {@code AssertionError} an
     * {@code untilAsserted} block throws). Every {@code until…} of Awaitility does, so these are the endings;
     * a chain that stops before one (a {@code ConditionFactory} kept in a variable, {@code .atMost(…)} alone) or
     * goes on after it waits for nothing, and fails this test.
     */
    private static final Set<String> ASSERTING_ENDS = Set.of("untilAsserted", "until", "untilTrue", "untilFalse", "untilAtomic",
            "untilAdder", "untilCall");

    /** An {@code until} whose condition always holds: a sleep dressed as a wait (it asserts nothing). */
    private static final Pattern ALWAYS_HOLDS = Pattern.compile("\\.until\\s*\\(\\s*\\(\\s*\\)\\s*->\\s*(?:true|\\{\\s*return\\s+true\\s*;\\s*})\\s*\\)");

    /** Measuring time: what a timing assertion reads (JUnit's assertTimeout is one by itself). */
    private static final Pattern TIMER = Pattern.compile("System\\s*\\.\\s*(?:currentTimeMillis|nanoTime)\\s*\\("
            + "|Duration\\s*\\.\\s*between\\s*\\(" + "|\\bStop[wW]atch\\b" + "|\\bassertTimeout\\w*\\s*\\(");

    /** Reading the clock: what a hand-written wait loop counts its deadline with. */
    private static final Pattern CLOCK = Pattern.compile(TIMER.pattern() + "|Instant\\s*\\.\\s*now\\s*\\(");

    /** A condition in a loop's body: where a loop that waits decides to stop. */
    private static final Pattern IF = Pattern.compile("\\bif\\s*\\(");

    /** A loop: its header, read up to the body. */
    private static final Pattern LOOP = Pattern.compile("\\b(?:while|for)\\s*\\(|\\bdo\\s*\\{");

    /** An assertion: AssertJ's, JUnit's, or Java's own. */
    private static final Pattern ASSERTION = Pattern.compile("\\b(?:assertThat|assertTrue|assertFalse|assertEquals|assertTimeout\\w*)\\s*\\(|\\bassert\\s");

    /**
     * Benchmarks measure time: their loops run until a deadline and they read the clock by design. They are not run
     * by the build's tests, only by hand (see {@code docs/benchmarks.md}).
     */
    private static boolean isBenchmark(String file) {
        return file.endsWith("Benchmark.java");
    }

    /**
     * Every Awaitility wait ends in an assertion (see {@link #ASSERTING_ENDS}): a wait that can time out quietly lets
     * the test carry on as if what it waited for had happened.
     */
    @Test
    void everyAwaitilityWaitEndsInAnAssertion() throws IOException {
        List<String> quiet = new ArrayList<>();
        for (Map.Entry<String, String> source : sources().entrySet()) {
            String code = source.getValue();
            boolean staticImport = STATIC_AWAIT.matcher(code).find();
            Matcher await = AWAIT.matcher(code);
            while (await.find()) {
                if (await.group(1) == null && (!staticImport || isDeclaration(code, await.start()))) {
                    continue;
                }
                String statement = statement(code, await.start());
                List<String> calls = topLevelCalls(statement);
                String last = calls.isEmpty() ? "" : calls.get(calls.size() - 1);
                if (!ASSERTING_ENDS.contains(last) || ALWAYS_HOLDS.matcher(statement).find()) {
                    quiet.add(source.getKey() + ":" + line(code, await.start()) + " ends in ." + last + "(…)");
                }
            }
        }
        assertThat(quiet).as("Awaitility waits that do not end in an assertion; end them in .untilAsserted(…) or .until(…)")
                .isEmpty();
    }

    /**
     * No test waits in a loop of its own against the clock ({@code while (System.nanoTime() < deadline)}, or a loop
     * that reads the clock to decide when to stop): such a loop either sleeps, or spins, and too often carries on
     * without failing once its deadline has passed. Awaitility's {@code atMost(…).untilAsserted(…)} says the same
     * and fails when it should.
     */
    @Test
    void noTestWaitsInALoopAgainstTheClock() throws IOException {
        Set<String> loops = new TreeSet<>(); // a do … while is found twice, by its do and by its while
        for (Map.Entry<String, String> source : sources().entrySet()) {
            if (isBenchmark(source.getKey())) {
                continue;
            }
            String code = source.getValue();
            Pattern clock = readingsOf(CLOCK, code);
            Matcher loop = LOOP.matcher(code);
            while (loop.find()) {
                if (waitsOn(clock, code, loop.start())) {
                    loops.add(source.getKey() + ":" + line(code, loop.start()));
                }
            }
        }
        assertThat(loops).as("loops in tests that wait against the clock; wait with Awaitility ending in an assertion").isEmpty();
    }

    /**
     * No test asserts how long something took ({@code assertThat(elapsed).isLessThan(…)},
     * {@code assertThat(Duration.between(start, Instant.now()))…}): on a loaded machine such a test fails for no
     * fault of the application. Where a test must not be left hanging, its client gives up after a bound (a request
     * timeout, Awaitility's {@code atMost}), which is a deadline, not a measurement. An assertion counts as timing
     * when it reads the clock, or names a local that holds a clock reading.
     */
    @Test
    void noTestAssertsHowLongSomethingTook() throws IOException {
        List<String> timing = new ArrayList<>();
        for (Map.Entry<String, String> source : sources().entrySet()) {
            if (isBenchmark(source.getKey())) {
                continue;
            }
            String code = source.getValue();
            Pattern readsTime = readingsOf(TIMER, code);
            Matcher assertion = ASSERTION.matcher(code);
            while (assertion.find()) {
                if (readsTime.matcher(statement(code, assertion.start())).find()) {
                    timing.add(source.getKey() + ":" + line(code, assertion.start()));
                }
            }
        }
        assertThat(timing).as("assertions on how long something took; bound the wait instead (a timeout, Awaitility's atMost)")
                .isEmpty();
    }

    /**
     * The pattern, or a local of the file that holds what the pattern reads (such locals are read from the whole
     * file: a name used for a clock reading anywhere in it counts everywhere in it, which errs on the strict side).
     */
    private static Pattern readingsOf(Pattern reading, String code) {
        Set<String> locals = new TreeSet<>();
        Matcher local = Pattern.compile("\\b(\\w+)\\s*=\\s*(?:" + reading.pattern() + ")").matcher(code);
        while (local.find()) {
            locals.add(local.group(1));
        }
        return locals.isEmpty() ? reading : Pattern.compile(reading.pattern() + "|\\b(?:" + String.join("|", locals) + ")\\b");
    }

    /**
     * Whether the loop at {@code start} waits against the clock: its header reads it ({@code while (System.nanoTime()
     * < deadline)}), or a condition in its body does ({@code if (Instant.now().isAfter(deadline)) break;}). A loop that
     * only uses the clock for something else (a unique name) does not wait on it.
     */
    private static boolean waitsOn(Pattern clock, String code, int start) {
        String loop = loopText(code, start);
        int header = loop.startsWith("do") ? loop.length() : matching(loop, loop.indexOf('(')) + 1;
        if (loop.startsWith("do")) {
            // do { … } while (…): the condition comes last
            int condition = loop.lastIndexOf("while");
            if (condition > 0 && clock.matcher(loop.substring(condition)).find()) {
                return true;
            }
        } else if (clock.matcher(loop.substring(0, header)).find()) {
            return true;
        }
        Matcher condition = IF.matcher(loop);
        while (condition.find()) {
            int open = condition.end() - 1;
            if (clock.matcher(loop.substring(open, matching(loop, open) + 1)).find()) {
                return true;
            }
        }
        return false;
    }

    /** Whether the name at {@code index} is declared there (a method named so), not called. */
    private static boolean isDeclaration(String code, int index) {
        Matcher before = Pattern.compile("([\\w>\\]])\\s+$").matcher(code.substring(Math.max(0, index - 80), index));
        if (!before.find()) {
            return false;
        }
        Matcher word = Pattern.compile("(\\w+)\\s+$").matcher(code.substring(Math.max(0, index - 80), index));
        return !(word.find() && word.group(1).equals("return"));
    }

    /** The test sources by path below {@code src/test/java}, comments blanked. */
    private static Map<String, String> sources() throws IOException {
        Path root = Path.of("src", "test", "java");
        assertThat(root).as("the test sources, read from the project's root").isDirectory();
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = root.relativize(file).toString().replace('\\', '/');
                if (!name.equals("nl/transparant/TestHygieneTest.java")) {
                    sources.put(name, withoutComments(Files.readString(file)));
                }
            }
        }
        return sources;
    }

    /** The code with every comment's characters blanked, line breaks kept (so line numbers stay), strings untouched. */
    static String withoutComments(String code) {
        StringBuilder out = new StringBuilder(code);
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfLiteral(code, i);
            } else if (code.startsWith("//", i)) {
                int end = code.indexOf('\n', i);
                end = end < 0 ? code.length() : end;
                blank(out, i, end);
                i = end;
            } else if (code.startsWith("/*", i)) {
                int end = code.indexOf("*/", i + 2);
                end = end < 0 ? code.length() : end + 2;
                blank(out, i, end);
                i = end;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(StringBuilder out, int from, int to) {
        for (int i = from; i < to; i++) {
            if (out.charAt(i) != '\n') {
                out.setCharAt(i, ' ');
            }
        }
    }

    /** The index just past the string, text block or character literal that starts at {@code start}. */
    private static int endOfLiteral(String code, int start) {
        if (code.startsWith("\"\"\"", start)) {
            int end = code.indexOf("\"\"\"", start + 3);
            return end < 0 ? code.length() : end + 3;
        }
        char quote = code.charAt(start);
        int i = start + 1;
        while (i < code.length() && code.charAt(i) != quote && code.charAt(i) != '\n') {
            i += code.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, code.length());
    }

    /** From {@code start} to the {@code ;} (or the closing bracket of what holds it) that ends the statement. */
    static String statement(String code, int start) {
        int depth = 0;
        int i = start;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfLiteral(code, i);
                continue;
            }
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if ((c == ';' || c == ',') && depth == 0) {
                break;
            }
            i++;
        }
        return code.substring(start, i);
    }

    /** The names of the calls chained at the statement's own level ({@code await().atMost(…).until(…)}: await, atMost, until). */
    static List<String> topLevelCalls(String statement) {
        List<String> calls = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < statement.length(); i++) {
            char c = statement.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfLiteral(statement, i) - 1;
            } else if (c == '(' || c == '{' || c == '[') {
                if (depth == 0 && c == '(') {
                    int end = i;
                    int begin = end;
                    while (begin > 0 && Character.isWhitespace(statement.charAt(begin - 1))) {
                        begin--;
                    }
                    int nameEnd = begin;
                    while (begin > 0 && Character.isJavaIdentifierPart(statement.charAt(begin - 1))) {
                        begin--;
                    }
                    if (begin < nameEnd) {
                        calls.add(statement.substring(begin, nameEnd));
                    }
                }
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            }
        }
        return calls;
    }

    /** A loop's header and body: from its keyword past the header's brackets, then the braced block or the one statement. */
    private static String loopText(String code, int start) {
        int i = code.indexOf(code.startsWith("do", start) ? '{' : '(', start);
        int close = matching(code, i);
        if (code.startsWith("do", start)) {
            return code.substring(start, close + 1) + statement(code, close + 1);
        }
        int next = close + 1;
        while (next < code.length() && Character.isWhitespace(code.charAt(next))) {
            next++;
        }
        int end = next < code.length() && code.charAt(next) == '{' ? matching(code, next) + 1 : next + statement(code, next).length();
        return code.substring(start, Math.min(end, code.length()));
    }

    /** The index of the bracket that closes the one at {@code open}. */
    private static int matching(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfLiteral(code, i) - 1;
            } else if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if ((c == ')' || c == '}' || c == ']') && --depth == 0) {
                return i;
            }
        }
        return code.length() - 1;
    }

    private static int line(String code, int index) {
        return (int) code.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }

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
