package nl.transparant.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import nl.transparant.screening.PreScanAnswers;
import nl.transparant.screening.Screenings;
import nl.transparant.site.PageTestSupport;
import nl.transparant.workflow.ProcessDeployment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Fail closed on the route table (outside tester): an expression in policies/review-route.dmn the FEEL engine cannot
 * read used to crash the pre-scan's completion into a 500 asking to try again later, which never helps; a table in
 * which no rule fits a case would leave the process to guess. Both now stop the case visibly: a 503 problem in the
 * reader's language naming the file and what is wrong, the pre-scan still open and its answers not stored. Runs on a
 * copy of policies/ (a context and database of its own); each test deploys its own edit of the table, as the
 * application does at its start, and the next test deploys the original again.
 */
class BrokenRouteTableTest extends PageTestSupport {

    static final Path POLICIES = copyOfThePolicies();
    static final Path TABLE = POLICIES.resolve("review-route.dmn");
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ProcessDeployment deployment;

    @Autowired
    Screenings screenings;

    @DynamicPropertySource
    static void policies(DynamicPropertyRegistry registry) {
        registry.add("transparant.policies-dir", POLICIES::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:broken-route-table;MODE=MariaDB;DB_CLOSE_DELAY=-1");
    }

    @BeforeEach
    void theTableInForce() throws IOException {
        Files.copy(Path.of("policies", "review-route.dmn"), TABLE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        deployment.deploy();
    }

    @Test
    void anExpressionTheFeelEngineCannotReadStopsThePreScanNamingTheFileAndTheExpression() throws Exception {
        edit("<inputEntry id=\"r1_ai\"><text>\"prohibited\"</text>", "<inputEntry id=\"r1_ai\"><text>\"prohibited\" ++ [</text>");
        deployment.deploy();
        AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Route met onleesbare uitdrukking")));
        cases.submit(staff("owner-zoetermeer"), c.getId());

        MockHttpServletResponse dutch = completePreScan(c, PreScanAnswers.of("personalData", "profiling"), "nl");
        MockHttpServletResponse english = completePreScan(c, PreScanAnswers.of("personalData", "profiling"), "en");

        assertThat(dutch.getStatus()).isEqualTo(503);
        assertThat(dutch.getContentType()).startsWith("application/problem+json");
        assertThat(detail(dutch)).isEqualTo("Het beleidsbestand review-route.dmn wordt geweigerd: de uitdrukking \"prohibited\" ++ [ in"
                + " beslistabel review-route kan niet worden uitgerekend. Wat het nodig heeft, kan pas verder als het is hersteld;"
                + " er is niets opgeslagen.");
        assertThat(english.getStatus()).isEqualTo(503);
        assertThat(detail(english)).contains("review-route.dmn", "the expression \"prohibited\" ++ [ in decision table review-route");
        assertThat(dutch.getContentAsString()).as("the parser's English stays in the log").doesNotContain("Expected", "FEEL/SCALA");
        assertNothingStored(c);

        theTableInForce();
        assertThat(completePreScan(c, PreScanAnswers.of("personalData", "profiling"), "nl").getStatus())
                .as("repaired, the same answers go on").isEqualTo(200);
        assertThat(cases.read(staff("owner-zoetermeer"), c.getId()).getStage()).isNotEqualTo(CaseStage.PRE_SCAN);
    }

    @Test
    void aTableWithoutARuleForTheCaseStopsItInsteadOfPickingARoute() throws Exception {
        String table = Files.readString(TABLE);
        int from = table.indexOf("<rule id=\"other\">");
        Files.writeString(TABLE, table.substring(0, from) + table.substring(table.indexOf("</rule>", from) + "</rule>".length()));
        deployment.deploy();
        AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Route zonder passende regel")));
        cases.submit(staff("owner-zoetermeer"), c.getId());

        MockHttpServletResponse refused = completePreScan(c, PreScanAnswers.of(), "nl");

        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(detail(refused)).contains("review-route.dmn", "geen regel van beslistabel review-route past op deze zaak");
        assertNothingStored(c);
    }

    /**
     * Mistakes the FEEL library and the DMN engine let through with a null or false (outside tester): each routed a case
     * silently, one to publication without the DPIA its pre-scan required. Now each stops the case, naming what is wrong.
     */
    @Test
    void aTableThatOnlyGuessesStopsTheCaseInsteadOfRoutingIt() throws Exception {
        Map<String, Object> dpiaRequired = PreScanAnswers.of("personalData", "largeScale", "matchingDatasets");
        record Mistake(String from, String to, Map<String, Object> answers, String told) {
        }
        for (Mistake mistake : java.util.List.of(
                new Mistake("<text>dpiaLevel</text>", "<text>dpiaLvl</text>", dpiaRequired,
                        "de uitdrukking dpiaLvl in beslistabel review-route kan niet worden uitgerekend"),
                new Mistake("<inputEntry id=\"r12_dpia\"><text>\"required\"</text>", "<inputEntry id=\"r12_dpia\"><text>&gt;= 2</text>",
                        dpiaRequired, "de uitdrukking >= 2 in beslistabel review-route kan niet worden uitgerekend"),
                new Mistake("name=\"preScanApprovalRequired\"", "name=\"preScanApproval\"", PreScanAnswers.of(),
                        "beslistabel review-route geeft voor deze zaak geen uitkomst preScanApprovalRequired, die het proces nodig heeft"),
                new Mistake("<outputEntry id=\"r15_prescan\"><text>false</text>", "<outputEntry id=\"r15_prescan\"><text></text>",
                        PreScanAnswers.of(), "beslistabel review-route geeft voor deze zaak geen uitkomst preScanApprovalRequired"),
                new Mistake("hitPolicy=\"FIRST\"", "hitPolicy=\"COLLECT\"", dpiaRequired,
                        "in beslistabel review-route passen 2 regels op deze zaak"),
                new Mistake("hitPolicy=\"FIRST\"", "hitPolicy=\"UNIQUE\"", dpiaRequired,
                        "op deze zaak passen meer regels van beslistabel review-route dan haar hit policy toelaat"),
                new Mistake("<outputEntry id=\"r15_prescan\"><text>false</text>", "<outputEntry id=\"r15_prescan\"><text>\"nee\"</text>",
                        PreScanAnswers.of(), "in beslistabel review-route past de waarde nee niet bij het type boolean van haar kolom"))) {
            theTableInForce();
            edit(mistake.from(), mistake.to());
            deployment.deploy();
            AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Route die raadt")));
            cases.submit(staff("owner-zoetermeer"), c.getId());

            MockHttpServletResponse refused = completePreScan(c, mistake.answers(), "nl");

            assertThat(refused.getStatus()).as(mistake.to()).isEqualTo(503);
            assertThat(detail(refused)).as(mistake.to()).contains("review-route.dmn", mistake.told());
            assertNothingStored(c);
        }
    }

    /**
     * A table the DMN engine cannot read (broken XML, a hit policy it does not know) stopped the whole application at
     * start, public register included (outside tester); now it stays out of the deployment and only the cases that need
     * it stop, naming the file.
     */
    @Test
    void aTableTheEngineCannotReadStopsTheCasesThatNeedItNotTheApplication() throws Exception {
        for (String[] mistake : new String[][] {{"</decisionTable>", "</decisionTabel>", "\\(regel \\d+; het logboek zegt waarom\\)"}, {"hitPolicy=\"FIRST\"",
                "hitPolicy=\"PRIORITY\"", "\\(het logboek zegt waarom\\)"}}) {
            theTableInForce();
            edit(mistake[0], mistake[1]);
            deployment.deploy();
            AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Route met onleesbare tabel")));
            cases.submit(staff("owner-zoetermeer"), c.getId());

            MockHttpServletResponse refused = completePreScan(c, PreScanAnswers.of(), "nl");

            assertThat(refused.getStatus()).as(mistake[1]).isEqualTo(503);
            assertThat(detail(refused)).as(mistake[1]).contains("Het beleidsbestand review-route.dmn wordt geweigerd: het is geen"
                    + " beslistabel die de DMN-engine kan lezen").containsPattern(mistake[2]);
            assertThat(page("/register").status()).as("the public register stays up").isEqualTo(200);
            assertNothingStored(c);
        }
    }

    /**
     * Second round of the outside tester: a text where the process asks yes or no ("ja", read as false by the gateway:
     * the privacy officer skipped and the case published), a typo that let a DPIA-required case fall through to the
     * catch-all rule, a second answer the process does not take over changing the first, and copies of the table.
     */
    @Test
    void aTableWhoseAnswerTheProcessWouldMisreadStopsTheCase() throws Exception {
        Map<String, Object> dpiaRequired = PreScanAnswers.of("personalData", "largeScale", "matchingDatasets");

        edit("name=\"preScanApprovalRequired\" typeRef=\"boolean\"", "name=\"preScanApprovalRequired\" typeRef=\"string\"");
        edit("<outputEntry id=\"r15_prescan\"><text>false</text>", "<outputEntry id=\"r15_prescan\"><text>\"ja\"</text>");
        assertRefused(PreScanAnswers.of(), "de uitkomst preScanApprovalRequired van beslistabel review-route moet true of false zijn, maar is \"ja\"");

        theTableInForce();
        edit("<inputEntry id=\"r12_dpia\"><text>\"required\"</text>", "<inputEntry id=\"r12_dpia\"><text>\"requried\"</text>");
        assertRefused(dpiaRequired, "beslistabel review-route geeft dpiaRequired = false terwijl de pre-scan een DPIA verplicht vond (dpiaLevel = required); dat staat de AVG niet toe (art. 35)");

        // two files with one decision: neither is deployed, the application starts and the case stops
        theTableInForce();
        Files.copy(TABLE, POLICIES.resolve("review-route-concept.dmn"));
        try {
            assertRefused(dpiaRequired, "beslistabel review-route staat in meer dan één bestand (review-route-concept.dmn, review-route.dmn)");
        } finally {
            Files.delete(POLICIES.resolve("review-route-concept.dmn"));
        }

        // an old copy in a subfolder is not deployed: the table in force decides
        theTableInForce();
        Path old = Files.createDirectories(POLICIES.resolve("vorige")).resolve("review-route.dmn");
        Files.writeString(old, Files.readString(TABLE).replace("<outputEntry id=\"r12_dpiaOut\"><text>true</text>",
                "<outputEntry id=\"r12_dpiaOut\"><text>false</text>"));
        try {
            deployment.deploy();
            AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Route met oude kopie")));
            cases.submit(staff("owner-zoetermeer"), c.getId());
            assertThat(completePreScan(c, dpiaRequired, "nl").getStatus()).isEqualTo(200);
            assertThat(cases.read(staff("owner-zoetermeer"), c.getId()).getStage()).isEqualTo(CaseStage.DPIA);
        } finally {
            Files.delete(old);
        }
    }

    /** The second decision (after the DPIA) takes over only the tier, prior consultation and the reason. */
    @Test
    void aSecondAnswerThatChangesWhatTheProcessAlreadyTookStopsTheApproval() throws Exception {
        edit("<outputEntry id=\"r11_ethics\"><text>false</text>", "<outputEntry id=\"r11_ethics\"><text>true</text>");
        deployment.deploy();
        AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Route die van mening verandert")));
        cases.submit(staff("owner-zoetermeer"), c.getId());
        completeTask("owner-zoetermeer", c.getId(), "answerPreScan", new nl.transparant.workflow.review.TaskCompletion(null, null,
                PreScanAnswers.of("personalData", "largeScale", "matchingDatasets")));
        completeTask("owner-zoetermeer", c.getId(), "fillInDpia",
                new nl.transparant.workflow.review.TaskCompletion(null, null, nl.transparant.screening.DpiaAnswers.highResidualRisk()));

        MockHttpServletResponse refused = mvc.perform(post("/api/tasks/" + task("privacy-zoetermeer", c.getId(), "reviewDpia").id()
                        + "/complete").with(authentication(as("privacy-zoetermeer"))).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"outcome\":\"approve\",\"rationale\":\"Akkoord.\"}"))
                .andReturn().getResponse();

        assertThat(refused.getStatus()).as(refused.getContentAsString()).isEqualTo(503);
        assertThat(detail(refused)).contains("beslistabel review-route geeft voor ethicsReviewRequired nu true, waar zij eerder voor"
                + " deze zaak false gaf");
        assertThat(cases.read(staff("owner-zoetermeer"), c.getId()).getStage()).isEqualTo(CaseStage.DPIA_REVIEW);
    }

    /**
     * A DPIA is judged by the risk matrix of its day; its approval goes on only if today's matrix still has its residual
     * level and says the same about prior consultation (outside tester: a level renamed since went to publication).
     */
    @Test
    void aDpiaJudgedByAnEarlierMatrixIsNotApprovedUnderADifferentOne() throws Exception {
        Path matrix = POLICIES.resolve("risk-matrix.yaml");
        String inForce = Files.readString(matrix);
        try {
            for (String[] change : new String[][] {{"laag", "gering", "het niveau laag komt er niet in voor"},
                    {"prior_consultation_from: hoog", "prior_consultation_from: laag", "de risicomatrix zegt over restrisico laag iets"
                            + " anders over voorafgaande raadpleging dan toen de DPIA werd beoordeeld"}}) {
                Files.writeString(matrix, inForce);
                AlgorithmCase c = draft("owner-zoetermeer", complete(unique("DPIA onder een oudere matrix")));
                cases.submit(staff("owner-zoetermeer"), c.getId());
                completeTask("owner-zoetermeer", c.getId(), "answerPreScan", new nl.transparant.workflow.review.TaskCompletion(null, null,
                        PreScanAnswers.of("personalData", "largeScale", "matchingDatasets")));
                completeTask("owner-zoetermeer", c.getId(), "fillInDpia",
                        new nl.transparant.workflow.review.TaskCompletion(null, null, nl.transparant.screening.DpiaAnswers.lowResidualRisk()));
                Files.writeString(matrix, inForce.replace(change[0], change[1]));

                MockHttpServletResponse refused = approveDpia(c);

                assertThat(refused.getStatus()).as(change[1] + ": " + refused.getContentAsString()).isEqualTo(503);
                assertThat(detail(refused)).as(change[1]).contains("risk-matrix.yaml", change[2]);
                assertThat(cases.read(staff("owner-zoetermeer"), c.getId()).getStage()).isEqualTo(CaseStage.DPIA_REVIEW);
            }
        } finally {
            Files.writeString(matrix, inForce);
        }
    }

    /** A risk row answered with the DPIA's own options, which the matrix lacks, is the policy's gap: a 503, not a 400 to the owner. */
    @Test
    void aDpiaRowWithALevelTheMatrixLacksIsRefusedAsThePolicysGapNotTheOwnersMistake() throws Exception {
        Path matrix = POLICIES.resolve("risk-matrix.yaml");
        String inForce = Files.readString(matrix);
        try {
            Files.writeString(matrix, inForce.replace("laag", "gering"));
            AlgorithmCase c = draft("owner-zoetermeer", complete(unique("DPIA met onbekend niveau")));
            cases.submit(staff("owner-zoetermeer"), c.getId());
            completeTask("owner-zoetermeer", c.getId(), "answerPreScan", new nl.transparant.workflow.review.TaskCompletion(null, null,
                    PreScanAnswers.of("personalData", "largeScale", "matchingDatasets")));

            MockHttpServletResponse refused = mvc.perform(post("/api/tasks/" + task("owner-zoetermeer", c.getId(), "fillInDpia").id()
                            + "/complete").with(authentication(as("owner-zoetermeer"))).contentType(MediaType.APPLICATION_JSON)
                            .content(JSON.writeValueAsString(Map.of("answers", nl.transparant.screening.DpiaAnswers.lowResidualRisk()))))
                    .andReturn().getResponse();

            assertThat(refused.getStatus()).as(refused.getContentAsString()).isEqualTo(503);
            assertThat(detail(refused)).contains("risk-matrix.yaml", "het niveau laag komt er niet in voor");
        } finally {
            Files.writeString(matrix, inForce);
        }
    }

    private MockHttpServletResponse approveDpia(AlgorithmCase c) throws Exception {
        return mvc.perform(post("/api/tasks/" + task("privacy-zoetermeer", c.getId(), "reviewDpia").id() + "/complete")
                        .with(authentication(as("privacy-zoetermeer"))).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"outcome\":\"approve\",\"rationale\":\"Akkoord.\"}"))
                .andReturn().getResponse();
    }

    private void assertRefused(Map<String, Object> answers, String told) throws Exception {
        deployment.deploy();
        AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Route die verkeerd gelezen zou worden")));
        cases.submit(staff("owner-zoetermeer"), c.getId());
        MockHttpServletResponse refused = completePreScan(c, answers, "nl");
        assertThat(refused.getStatus()).as(told).isEqualTo(503);
        assertThat(detail(refused)).as(told).contains("review-route.dmn", told);
        assertNothingStored(c);
    }

    /** A deleted or renamed table left the engine's last version of it in use, silently (outside tester). */
    @Test
    void aTableNoFileDefinesAnyMoreStopsTheCaseInsteadOfItsOldVersionDecidingIt() throws Exception {
        edit("<decision id=\"review-route\"", "<decision id=\"review-route-2027\"");
        deployment.deploy();
        AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Route met hernoemde tabel")));
        cases.submit(staff("owner-zoetermeer"), c.getId());

        MockHttpServletResponse refused = completePreScan(c, PreScanAnswers.of(), "nl");

        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(detail(refused)).contains("review-route.dmn", "geen bestand in policies/ bevat beslistabel review-route nog");
        assertNothingStored(c);

        theTableInForce();
        assertThat(completePreScan(c, PreScanAnswers.of(), "nl").getStatus()).as("the table is back").isEqualTo(200);
    }

    /**
     * The risk matrix judges the DPIA's residual risk and says whether it needs prior consultation; a table edited apart
     * from it (here the matrix's threshold moved down to "laag") routed the case past the consultation (outside tester).
     */
    @Test
    void aTableThatDisagreesWithTheRiskMatrixOnPriorConsultationStopsTheApproval() throws Exception {
        Path matrix = POLICIES.resolve("risk-matrix.yaml");
        String inForce = Files.readString(matrix);
        try {
            Files.writeString(matrix, inForce.replace("prior_consultation_from: hoog", "prior_consultation_from: laag"));
            AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Route oneens met de matrix")));
            cases.submit(staff("owner-zoetermeer"), c.getId());
            completeTask("owner-zoetermeer", c.getId(), "answerPreScan",
                    new nl.transparant.workflow.review.TaskCompletion(null, null, PreScanAnswers.of("personalData", "largeScale", "matchingDatasets")));
            completeTask("owner-zoetermeer", c.getId(), "fillInDpia",
                    new nl.transparant.workflow.review.TaskCompletion(null, null, nl.transparant.screening.DpiaAnswers.lowResidualRisk()));

            MockHttpServletResponse refused = mvc.perform(post("/api/tasks/" + task("privacy-zoetermeer", c.getId(), "reviewDpia").id()
                            + "/complete").with(authentication(as("privacy-zoetermeer"))).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"outcome\":\"approve\",\"rationale\":\"Akkoord.\"}"))
                    .andReturn().getResponse();

            assertThat(refused.getStatus()).as(refused.getContentAsString()).isEqualTo(503);
            assertThat(detail(refused)).contains("beslistabel review-route en risk-matrix.yaml zijn het oneens of restrisico laag"
                    + " voorafgaande raadpleging (AVG art. 36) vraagt");
            assertThat(cases.read(staff("owner-zoetermeer"), c.getId()).getStage()).isEqualTo(CaseStage.DPIA_REVIEW);
        } finally {
            Files.writeString(matrix, inForce);
        }
    }

    private void assertNothingStored(AlgorithmCase c) {
        assertThat(cases.read(staff("owner-zoetermeer"), c.getId()).getStage()).isEqualTo(CaseStage.PRE_SCAN);
        assertThat(task("owner-zoetermeer", c.getId(), "answerPreScan")).as("the pre-scan is still open").isNotNull();
        assertThat(screenings.all(c.getId())).as("its answers were not stored").isEmpty();
    }

    private MockHttpServletResponse completePreScan(AlgorithmCase c, Map<String, Object> completion, String language) throws Exception {
        return mvc.perform(post("/api/tasks/" + task("owner-zoetermeer", c.getId(), "answerPreScan").id() + "/complete")
                        .with(authentication(as("owner-zoetermeer"))).header(HttpHeaders.ACCEPT_LANGUAGE, language)
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("answers", completion))))
                .andReturn().getResponse();
    }

    private static String detail(MockHttpServletResponse response) throws IOException {
        JsonNode problem = JSON.readTree(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
        return problem.path("detail").asText();
    }

    private static void edit(String from, String to) throws IOException {
        String table = Files.readString(TABLE);
        assertThat(table).contains(from);
        Files.writeString(TABLE, table.replace(from, to));
    }

    private static Path copyOfThePolicies() {
        try {
            Path copy = Files.createTempDirectory("policies");
            Path from = Path.of("policies");
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.toList()) {
                    Path target = copy.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
