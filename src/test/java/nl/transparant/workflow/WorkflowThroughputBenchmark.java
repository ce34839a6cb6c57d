package nl.transparant.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import nl.transparant.screening.DpiaAnswers;
import nl.transparant.screening.PreScanAnswers;

/**
 * Complete review cycles per second (run by {@code bench/workflow-throughput.sh}; not a test): the application over
 * its HTTP API next to {@link BareReviewEngine}, the same BPMN on a plain engine, measured alternately in the same
 * run at each number of concurrent clients. A cycle is one case from creation to the public register: create,
 * submit, pre-scan, DPIA, the privacy officer's approval, the second tier decision with the residual risk, the
 * publisher's release, and waiting until the (asynchronous) publication has happened. The run stops if the two
 * take different routes. Each client runs cycles one after the other for a fixed time.
 */
final class WorkflowThroughputBenchmark {

    static final long POLL_MILLIS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        // without a configuration Logback logs everything at DEBUG, which would slow the bare engine down; the
        // application logs at INFO, and neither logs anything per cycle at WARN
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        String appUrl = System.getenv().getOrDefault("BENCH_APP_URL", "http://127.0.0.1:18080");
        String dbServer = System.getenv().getOrDefault("BENCH_DB_SERVER", "jdbc:mariadb://127.0.0.1:3307/");
        int seconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_SECONDS", "15"));
        int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "3"));
        List<Integer> clientCounts = List.of(System.getenv().getOrDefault("BENCH_CLIENTS", "1,4,16").split(",")).stream()
                .map(String::trim).map(Integer::parseInt).toList();

        System.out.printf("Workflow throughput: %s vs a bare engine on %s; %d runs of %d s per point; Java %s, %d cores%n",
                appUrl, dbServer, runs, seconds, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.out.printf("the bare engine's driver options: %s; its FEEL engine: %s%n",
                System.getenv().getOrDefault("BENCH_BARE_JDBC_OPTIONS", BareReviewEngine.JDBC_OPTIONS_OF_THE_APPLICATION).isBlank()
                        ? "the driver's defaults" : System.getenv().getOrDefault("BENCH_BARE_JDBC_OPTIONS", BareReviewEngine.JDBC_OPTIONS_OF_THE_APPLICATION),
                BareReviewEngine.PREPARED_FEEL ? "the application's (expressions parsed once)" : "Camunda's own");
        AppCycle app = new AppCycle(appUrl);
        // BENCH_PROFILE_CYCLES=n: only n cycles of the application, one after the other, and nothing else, for counting
        // what one cycle costs (MariaDB's general log, the access log, a flight recording)
        int profileCycles = Integer.parseInt(System.getenv().getOrDefault("BENCH_PROFILE_CYCLES", "0"));
        // BENCH_PROFILE_TARGET=bare: the same through the bare engine, so both are counted the same way;
        // BENCH_PROFILE_LOG=file: MariaDB's general log of the n cycles (after 5 to warm up) into that file
        if (profileCycles > 0) {
            boolean bareTarget = "bare".equals(System.getenv("BENCH_PROFILE_TARGET"));
            try (BareReviewEngine bare = bareTarget ? BareReviewEngine.start(dbServer, "root", "", "transparant_bench_bare", Path.of(".")) : null) {
                Cycle cycle = bareTarget ? bare::cycle : app::cycle;
                String generalLog = System.getenv().getOrDefault("BENCH_PROFILE_LOG", "");
                if (!generalLog.isBlank()) {
                    for (int i = 0; i < 5; i++) {
                        cycle.run();
                    }
                    generalLog(dbServer, "SET GLOBAL general_log_file = '" + generalLog + "'", "SET GLOBAL general_log = ON");
                }
                for (int i = 0; i < profileCycles; i++) {
                    cycle.run();
                }
                if (!generalLog.isBlank()) {
                    generalLog(dbServer, "SET GLOBAL general_log = OFF");
                }
            }
            System.out.printf("%d cycles of the %s done%n", profileCycles, bareTarget ? "bare engine" : "application");
            return;
        }
        // optionally an earlier build of the application (bench/workflow-throughput.sh, BENCH_BASELINE_JAR), measured
        // alternately with the other two so that a change is compared with its predecessor under the same load
        String baselineUrl = System.getenv().getOrDefault("BENCH_BASELINE_APP_URL", "");
        AppCycle earlier = baselineUrl.isBlank() ? null : new AppCycle(baselineUrl);
        try (BareReviewEngine bare = BareReviewEngine.start(dbServer, "root", "", "transparant_bench_bare", Path.of("."))) {
            List<String> appPath = app.cycle();
            List<String> barePath = bare.cycle();
            System.out.println("path through the application: " + appPath);
            System.out.println("path through the bare engine: " + barePath);
            if (!appPath.equals(barePath) || earlier != null && !earlier.cycle().equals(appPath)) {
                throw new IllegalStateException("The bare engine (or the earlier build) takes another route than the application; "
                        + "the comparison would be meaningless");
            }
            // warm them up (JIT, connection pools, caches) until the rate is steady, so no figure mixes cold and warm code
            Map<String, Cycle> warming = new LinkedHashMap<>();
            warming.put("warm-up app", app::cycle);
            if (earlier != null) {
                warming.put("warm-up earlier app", earlier::cycle);
            }
            warming.put("warm-up bare", bare::cycle);
            Map<String, Long> warmingPids = new LinkedHashMap<>();
            warmingPids.put("warm-up app", APP_PID);
            warmingPids.put("warm-up earlier app", EARLIER_APP_PID);
            warmingPids.put("warm-up bare", ProcessHandle.current().pid());
            warmUntilSteady(warming, warmingPids);
            // a steady rate does not mean the JIT is done: on two cores the application's C2 compiler was still busy
            // for a minute after its warm-up (a core's worth, counted as the CPU of whatever cycles ran meanwhile)
            waitUntilIdle("app", APP_PID);
            if (earlier != null) {
                waitUntilIdle("earlier app", EARLIER_APP_PID);
            }
            waitUntilIdle("bare engine (this JVM)", ProcessHandle.current().pid());

            List<String> table = new ArrayList<>();
            List<String> cpuTable = new ArrayList<>();
            List<String> aims = new ArrayList<>();
            for (int clients : clientCounts) {
                List<Result> appRuns = new ArrayList<>();
                List<Result> earlierRuns = new ArrayList<>();
                List<Result> bareRuns = new ArrayList<>();
                for (int run = 1; run <= runs; run++) {
                    appRuns.add(measure("app  clients=" + clients + " run " + run, clients, seconds, app::cycle, APP_PID));
                    if (earlier != null) {
                        earlierRuns.add(measure("earlier app clients=" + clients + " run " + run, clients, seconds, earlier::cycle,
                                EARLIER_APP_PID));
                    }
                    // the bare engine runs in this JVM, so its CPU includes the client threads (a method call per step)
                    bareRuns.add(measure("bare clients=" + clients + " run " + run, clients, seconds, bare::cycle,
                            ProcessHandle.current().pid()));
                }
                double appMedian = median(appRuns.stream().map(Result::cyclesPerSecond).toList());
                double bareMedian = median(bareRuns.stream().map(Result::cyclesPerSecond).toList());
                Latencies appLatency = Latencies.of(appRuns);
                Latencies bareLatency = Latencies.of(bareRuns);
                String row = String.format("| %d | %.1f | %.1f | %.2f× | %.0f / %.0f ms | %.0f / %.0f ms | %s | %s |", clients, appMedian,
                        bareMedian, bareMedian / appMedian, appLatency.p50(), appLatency.p99(), bareLatency.p50(), bareLatency.p99(),
                        runsOf(appRuns), runsOf(bareRuns));
                if (earlier != null) {
                    double earlierMedian = median(earlierRuns.stream().map(Result::cyclesPerSecond).toList());
                    Latencies earlierLatency = Latencies.of(earlierRuns);
                    row += String.format(" %.1f | %.2f× | %.0f / %.0f ms | %s |", earlierMedian, bareMedian / earlierMedian,
                            earlierLatency.p50(), earlierLatency.p99(), runsOf(earlierRuns));
                }
                table.add(row);
                double appCpu = median(appRuns.stream().map(Result::cpuMillis).toList());
                double bareCpu = median(bareRuns.stream().map(Result::cpuMillis).toList());
                String cpuRow = String.format("| %d | %.0f (%.0f + %.0f) | %.0f (%.0f + %.0f) | %.2f× | %.0f / %.0f ms |", clients, appCpu,
                        median(appRuns.stream().map(Result::serverCpuMillis).toList()),
                        median(appRuns.stream().map(Result::databaseCpuMillis).toList()), bareCpu,
                        median(bareRuns.stream().map(Result::serverCpuMillis).toList()),
                        median(bareRuns.stream().map(Result::databaseCpuMillis).toList()), appCpu / bareCpu,
                        median(appRuns.stream().map(Result::serverJitMillis).toList()),
                        median(bareRuns.stream().map(Result::serverJitMillis).toList()));
                if (earlier != null) {
                    double earlierCpu = median(earlierRuns.stream().map(Result::cpuMillis).toList());
                    cpuRow += String.format(" %.0f | %.2f× |", earlierCpu, earlierCpu / bareCpu);
                }
                cpuTable.add(cpuRow);
                aims.add(String.format("  %2d clients: app within 1.5× of the bare engine: %.2f× — %s", clients, bareMedian / appMedian,
                        bareMedian / appMedian <= 1.5 ? "met" : "missed"));
                if (earlier != null) {
                    double earlierMedian = median(earlierRuns.stream().map(Result::cyclesPerSecond).toList());
                    aims.add(String.format("  %2d clients: this build / the earlier build: %.2f× the cycles per second", clients,
                            appMedian / earlierMedian));
                }
            }
            System.out.println();
            System.out.println("| clients | app cycles/s (median) | bare engine cycles/s (median) | bare/app | app p50 / p99 per cycle "
                    + "| bare p50 / p99 per cycle | app runs | bare runs |"
                    + (earlier == null ? "" : " earlier app cycles/s (median) | bare/earlier | earlier p50 / p99 | earlier runs |"));
            System.out.println("|---|---|---|---|---|---|---|---|" + (earlier == null ? "" : "---|---|---|---|"));
            table.forEach(System.out::println);
            System.out.println();
            System.out.println("CPU per cycle, ms (medians of the runs; the server's JVM + MariaDB), which a busy machine changes less "
                    + "than the rates:");
            System.out.println("| clients | app (JVM + MariaDB) | bare engine (JVM + MariaDB) | app/bare | of the JVMs' CPU, JIT: app / bare |"
                    + (earlier == null ? "" : " earlier app | earlier/bare |"));
            System.out.println("|---|---|---|---|---|" + (earlier == null ? "" : "---|---|"));
            cpuTable.forEach(System.out::println);
            System.out.println();
            System.out.println("Requests the applications answered 503 (busy) and the clients sent again: " + AppCycle.BUSY_RETRIES.get());
            System.out.println("Aims (issue 14), load average " + loadAverage() + ":");
            aims.forEach(System.out::println);
        }
    }

    private static void generalLog(String dbServer, String... statements) throws java.sql.SQLException {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(dbServer, "root", "");
                java.sql.Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static final double STEADY_WITHIN = 0.05;
    static final int WARM_UP_SECONDS = 4;
    static final int WARM_UP_MIN_ROUNDS = 10;
    static final int WARM_UP_MAX_ROUNDS = 60;
    /** The share of a target's CPU in a warm-up round that its JIT compilers may still take for it to count as warm. */
    static final double JIT_SETTLED = 0.10;

    /**
     * Rounds of {@value #WARM_UP_SECONDS} s with 4 clients, each target in turn within a round, at least
     * {@value #WARM_UP_MIN_ROUNDS}, until the last three rounds of every target differ by less than a twentieth and are
     * not still rising (at most {@value #WARM_UP_MAX_ROUNDS}). The application's request path takes some 500 cycles
     * before the JIT has compiled it. Each target was warmed on its own, one after the other, until its own rate looked
     * steady: on a slow day the first application was declared steady after 10 rounds and then measured with 1.5 to 2
     * times the JVM CPU per cycle of the second, which had needed 30 (the same two builds swapped places and the
     * ratio turned over; issue 14, 2026-12-07). In turn, every target gets as many rounds as the slowest needs.
     */
    static void warmUntilSteady(Map<String, Cycle> targets, Map<String, Long> pids) throws InterruptedException {
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, Double> jitShares = new LinkedHashMap<>();
        targets.keySet().forEach(label -> rates.put(label, new ArrayList<>()));
        for (int round = 1; round <= WARM_UP_MAX_ROUNDS; round++) {
            for (Map.Entry<String, Cycle> target : targets.entrySet()) {
                Result result = measure(target.getKey() + " " + round, 4, WARM_UP_SECONDS, target.getValue(),
                        pids.getOrDefault(target.getKey(), 0L));
                rates.get(target.getKey()).add(result.cyclesPerSecond());
                jitShares.put(target.getKey(), result.jitShare());
            }
            if (round >= WARM_UP_MIN_ROUNDS && rates.values().stream().allMatch(r -> steady(r.subList(r.size() - 3, r.size())))
                    && jitShares.values().stream().allMatch(WorkflowThroughputBenchmark::jitSettled)) {
                System.out.printf("warm-up: every target steady, its JIT compilers under %.0f %% of its CPU, after %d rounds each%n",
                        JIT_SETTLED * 100, round);
                return;
            }
        }
        rates.forEach((label, r) -> {
            if (!steady(r.subList(r.size() - 3, r.size())) || !jitSettled(jitShares.get(label))) {
                System.out.printf("%s: NOT steady after %d rounds (JIT %.0f %% of its CPU in the last); the figures below mix warm-up"
                        + " and steady state%n", label, WARM_UP_MAX_ROUNDS, jitShares.get(label) * 100);
            }
        });
    }

    /**
     * A steady rate did not mean a warm JVM: on a slow two-core machine the application's rate held within 5 % for three
     * rounds while its JIT compilers still took half of its CPU, and its CPU per cycle then fell from 334 to 117 ms over
     * the measured runs (2026-12-07). Unknown (NaN: no pid, not Linux) counts as settled.
     */
    static boolean jitSettled(double share) {
        return !(share >= JIT_SETTLED);
    }

    /**
     * Waits, with no cycles running, until the process uses less than {@link #IDLE_CPU_PER_SECOND} ms of CPU per second
     * over two seconds (its compilers have finished), at most {@link #IDLE_WAIT_SECONDS}; says how long that took.
     */
    static void waitUntilIdle(String label, long pid) throws InterruptedException {
        if (cpuMillis(pid) != cpuMillis(pid)) {
            return; // unknown CPU (not Linux, or no pid given): nothing to wait for
        }
        long start = System.nanoTime();
        while (System.nanoTime() - start < IDLE_WAIT_SECONDS * 1_000_000_000L) {
            double before = cpuMillis(pid);
            Thread.sleep(2_000);
            double perSecond = (cpuMillis(pid) - before) / 2;
            if (perSecond < IDLE_CPU_PER_SECOND) {
                System.out.printf("%s: idle after %.0f s (%.0f ms CPU per second)%n", label, (System.nanoTime() - start) / 1e9, perSecond);
                return;
            }
        }
        System.out.printf("%s: still busy after %d s without cycles; its figures include that work%n", label, IDLE_WAIT_SECONDS);
    }

    static final double IDLE_CPU_PER_SECOND = 50;
    static final int IDLE_WAIT_SECONDS = 180;

    static boolean steady(List<Double> lastThree) {
        double max = Collections.max(lastThree);
        double min = Collections.min(lastThree);
        boolean rising = lastThree.get(0) < lastThree.get(1) && lastThree.get(1) < lastThree.get(2);
        return max - min < STEADY_WITHIN * max && !rising;
    }

    interface Cycle {
        Object run() throws Exception;
    }

    /** A run's rate and cycle times, and the CPU per cycle (ms) of the process that served it and of MariaDB (NaN: unknown). */
    record Result(double cyclesPerSecond, List<Long> latenciesNanos, double serverCpuMillis, double databaseCpuMillis,
            double serverJitMillis) {

        /** The part of the server's CPU its JIT compilers took (NaN: unknown). */
        double jitShare() {
            return serverJitMillis / serverCpuMillis;
        }

        double cpuMillis() {
            return serverCpuMillis + databaseCpuMillis;
        }
    }

    /**
     * CPU time (user + system) a process has used, in ms, from /proc (Linux); NaN when unknown. Per cycle it does not
     * depend on how busy the machine is, which the rates do: a second measure next to them on a shared machine.
     */
    static double cpuMillis(long pid) {
        if (pid <= 0) {
            return Double.NaN;
        }
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields from the state on: utime and stime are the 12th and 13th, in clock ticks of 1/100 s
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * CPU time (ms) the JIT compiler threads of a process have used ({@code C1/C2 CompilerThread*}, from /proc); NaN when
     * unknown. A compiler thread the JVM ends takes its time with it, so over a run this is at least what they used.
     */
    static double compilerCpuMillis(long pid) {
        if (pid <= 0) {
            return Double.NaN;
        }
        try (var threads = java.nio.file.Files.list(Path.of("/proc/" + pid + "/task"))) {
            double total = 0;
            for (Path thread : threads.toList()) {
                try {
                    String name = java.nio.file.Files.readString(thread.resolve("comm")).trim();
                    if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                        continue;
                    }
                    String stat = java.nio.file.Files.readString(thread.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    total += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
                } catch (java.io.IOException ended) {
                    // the thread ended while the list was read
                }
            }
            return total;
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static final long APP_PID = pid("BENCH_APP_PID");
    static final long EARLIER_APP_PID = pid("BENCH_BASELINE_APP_PID");
    static final long DATABASE_PID = pid("BENCH_DB_PID");

    /** 0 when unknown: the script passes an empty value when there is no such process (no earlier build). */
    private static long pid(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? 0 : Long.parseLong(value.trim());
    }

    record Latencies(double p50, double p99) {

        static Latencies of(List<Result> runs) {
            List<Long> all = new ArrayList<>();
            runs.forEach(r -> all.addAll(r.latenciesNanos()));
            Collections.sort(all);
            return new Latencies(percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6);
        }

        private static double percentile(List<Long> sorted, double p) {
            return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
        }
    }

    /** Each client runs cycles until the time is up; cycles in flight finish and count. */
    static Result measure(String label, int clients, int seconds, Cycle cycle) throws InterruptedException {
        return measure(label, clients, seconds, cycle, 0);
    }

    /** As above, with the CPU per cycle of the process serving the cycles ({@code serverPid}) and of MariaDB. */
    static Result measure(String label, int clients, int seconds, Cycle cycle, long serverPid) throws InterruptedException {
        double serverCpuBefore = cpuMillis(serverPid);
        double serverJitBefore = compilerCpuMillis(serverPid);
        double databaseCpuBefore = cpuMillis(DATABASE_PID);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong lastEnd = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        for (int i = 0; i < clients; i++) {
            Thread client = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline && failure.get() == null) {
                        long began = System.nanoTime();
                        cycle.run();
                        long ended = System.nanoTime();
                        latencies.add(ended - began);
                        lastEnd.accumulateAndGet(ended, Math::max);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }, "client-" + i);
            client.start();
        }
        done.await();
        if (failure.get() != null) {
            throw new IllegalStateException(label + " failed", failure.get());
        }
        double elapsed = (lastEnd.get() - start) / 1e9;
        int cycles = latencies.size();
        Result result = new Result(cycles / elapsed, List.copyOf(latencies), (cpuMillis(serverPid) - serverCpuBefore) / cycles,
                (cpuMillis(DATABASE_PID) - databaseCpuBefore) / cycles,
                Math.max(0, compilerCpuMillis(serverPid) - serverJitBefore) / cycles);
        Latencies latency = Latencies.of(List.of(result));
        System.out.printf("%-28s %5d cycles in %5.1f s: %6.1f cycles/s, p50 %6.0f ms, p99 %6.0f ms; CPU per cycle %.0f + %.0f ms "
                + "(server + MariaDB), of the server's %.0f ms JIT; load average %s%n", label,
                latencies.size(), elapsed, result.cyclesPerSecond(), latency.p50(), latency.p99(), result.serverCpuMillis(),
                result.databaseCpuMillis(), result.serverJitMillis(), loadAverage());
        return result;
    }

    /** The machine's 1, 5 and 15 minute load averages at the end of a run (the machine is shared, so figures need them). */
    static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String runsOf(List<Result> runs) {
        return String.join(", ", runs.stream().map(r -> String.format("%.1f", r.cyclesPerSecond())).toList());
    }

    /** A review cycle over the application's HTTP API, as the demo accounts of one organisation (HTTP Basic). */
    static final class AppCycle {

        private static final Map<String, String> USER_BY_ROLE = Map.of(
                "project-owner", "owner-zoetermeer",
                "privacy-officer", "privacy-zoetermeer",
                "register-publisher", "publisher-zoetermeer");

        /** Requests answered 503 (busy) and sent again, over the whole run. */
        static final AtomicLong BUSY_RETRIES = new AtomicLong();

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String baseUrl;

        AppCycle(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        List<String> cycle() throws Exception {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("name", "Benchmark " + System.nanoTime());
            fields.put("description_short", "Een algoritme voor de meting van de doorvoer.");
            fields.put("status", "In ontwikkeling");
            fields.put("contact_email", "algoritmes@example.nl");
            fields.put("goal", "<p>Beter plannen.</p>");
            String caseId = send("owner-zoetermeer", "POST", "/api/cases", Map.of("fields", fields), 201).get("id").asText();
            // the submission and each completion answer with the case's next state (stage and open tasks), and the
            // release's answer comes after the publication it runs: no read in between. An earlier build's completion
            // answered without the open tasks (and left the publication to the job executor): then the case is read,
            // as that build's clients had to.
            JsonNode state = send("owner-zoetermeer", "POST", "/api/cases/" + caseId + "/submit", null, 200);
            List<String> path = new ArrayList<>();
            while (true) {
                if (!state.has("openTasks")) {
                    state = send("owner-zoetermeer", "GET", "/api/cases/" + caseId, null, 200);
                }
                String stage = state.get("stage").asText();
                if (stage.equals("PUBLISHED")) {
                    return path;
                }
                JsonNode tasks = state.get("openTasks");
                if (tasks.isEmpty()) {
                    if (List.of("REJECTED", "STOPPED").contains(stage)) {
                        throw new IllegalStateException("Case " + caseId + " ended " + stage + " after " + path);
                    }
                    Thread.sleep(POLL_MILLIS); // the asynchronous publication has not run yet
                    state = send("owner-zoetermeer", "GET", "/api/cases/" + caseId, null, 200);
                    continue;
                }
                JsonNode task = tasks.get(0);
                String activity = task.get("activityId").asText();
                String user = USER_BY_ROLE.get(task.get("role").asText());
                path.add(activity);
                state = send(user, "POST", "/api/tasks/" + task.get("id").asText() + "/complete", bodyFor(activity), 200);
            }
        }

        private static Map<String, Object> bodyFor(String activityId) {
            return switch (activityId) {
                // two DPIA criteria (large scale, matching data sets): a DPIA is required; one alone would only recommend it
                case "answerPreScan" -> Map.of("answers", PreScanAnswers.of("personalData", "largeScale", "matchingDatasets"));
                case "fillInDpia" -> Map.of("rationale", "DPIA ingevuld", "answers", DpiaAnswers.lowResidualRisk());
                case "reviewDpia", "releasePublication" -> Map.of("outcome", "approve", "rationale", "Akkoord.");
                default -> throw new IllegalStateException("The benchmark has no answers for task " + activityId);
            };
        }

        private JsonNode send(String user, String method, String path, Object body, int expected) throws Exception {
            String payload = body == null ? null : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                    .method(method, payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload));
            if (payload != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            // a write the node is too busy to take (more bodies at once than it parses, waiting too long: 503 with
            // Retry-After, nothing stored) is sent again after the pause it asks for, as a client should; counted
            for (int attempt = 1; response.statusCode() == 503 && expected != 503 && attempt <= 20; attempt++) {
                BUSY_RETRIES.incrementAndGet();
                Thread.sleep(1000L * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " as " + user + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        }
    }
}
