package nl.transparant.identity;

import static nl.transparant.review.ReviewSpineFixtures.awaitStage;
import static nl.transparant.review.ReviewSpineFixtures.answers;
import static nl.transparant.review.ReviewSpineFixtures.complete;
import static nl.transparant.review.ReviewSpineFixtures.createCase;
import static nl.transparant.review.ReviewSpineFixtures.taskId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import nl.transparant.screening.DpiaAnswers;
import nl.transparant.screening.IamaAnswers;
import nl.transparant.support.Api;
import nl.transparant.support.FullStackTest;
import org.junit.jupiter.api.Test;

/**
 * Every staff and public API endpoint × every kind of caller, against real Keycloak tokens and MariaDB.
 * The expected table is written out below; any cell that answers differently fails the test, and the
 * failure lists every such cell at once.
 */
class AuthorizationMatrixIT extends FullStackTest {

    static final List<String> CALLERS = List.of("anonymous", "owner-zoetermeer", "owner-nissewaard", "privacy-zoetermeer",
            "ethics-regional", "publisher-zoetermeer", "auditor-regional", "admin");

    static final String IMPORTED_LARS = "m" + System.currentTimeMillis() % 100_000_000L;

    /** Expected status per caller, in the order of {@link #CALLERS}. Organisation A is Zoetermeer. */
    static final Map<String, int[]> EXPECTED = new LinkedHashMap<>();

    static {
        //                                                      anon ownA ownB priv ethi publ audi admin
        EXPECTED.put("GET /api/cases",                   new int[] {401, 200, 200, 200, 200, 200, 200, 200});
        EXPECTED.put("POST /api/cases",                  new int[] {401, 201, 201, 403, 403, 403, 403, 403});
        EXPECTED.put("GET /api/cases/{caseA}",           new int[] {401, 200, 404, 200, 200, 200, 200, 200});
        EXPECTED.put("PUT /api/cases/{draftA}",          new int[] {401, 200, 404, 403, 403, 403, 403, 403});
        EXPECTED.put("POST /api/cases/{draftA}/submit",  new int[] {401, 200, 404, 403, 403, 403, 403, 403});
        EXPECTED.put("GET /api/tasks",                   new int[] {401, 200, 200, 200, 200, 200, 200, 200});
        EXPECTED.put("POST /api/tasks/{dpiaReviewA}/complete", new int[] {401, 403, 404, 200, 403, 403, 403, 403});
        EXPECTED.put("POST /api/tasks/{releaseA}/complete",    new int[] {401, 403, 404, 403, 403, 200, 403, 403});
        // drafts of a questionnaire task: only whoever may complete it (the owner for the pre-scan), in its organisation
        EXPECTED.put("PUT /api/tasks/{preScanA}/draft",        new int[] {401, 204, 404, 403, 403, 403, 403, 403});
        EXPECTED.put("GET /api/tasks/{preScanDraftA}/draft",   new int[] {401, 200, 404, 403, 403, 403, 403, 403});
        EXPECTED.put("POST /api/tasks/{preScanA}/preview",     new int[] {401, 200, 404, 403, 403, 403, 403, 403});
        // the ethics committee's votes: its members vote on a case of an organisation they serve, everyone there reads them;
        // a case not at the ethics review is a conflict; the case's owner marks a condition of the approval met
        EXPECTED.put("POST /api/cases/{ethicsA}/ethics-votes", new int[] {401, 403, 404, 403, 201, 403, 403, 403});
        EXPECTED.put("POST /api/cases/{caseA}/ethics-votes",   new int[] {401, 403, 404, 403, 409, 403, 403, 403});
        EXPECTED.put("GET /api/cases/{ethicsA}/ethics-votes",  new int[] {401, 200, 404, 200, 200, 200, 200, 200});
        EXPECTED.put("POST /api/cases/{conditionA}/met",       new int[] {401, 200, 404, 403, 403, 403, 403, 403});
        EXPECTED.put("GET /api/public/algorithms",       new int[] {200, 200, 200, 200, 200, 200, 200, 200});
        EXPECTED.put("GET /api/public/algorithms/{lars}", new int[] {200, 200, 200, 200, 200, 200, 200, 200});
        EXPECTED.put("GET /engine-rest/engine",          new int[] {401, 403, 403, 403, 403, 403, 403, 200});
        EXPECTED.put("GET /engine-rest/task",            new int[] {401, 403, 403, 403, 403, 403, 403, 200});
        EXPECTED.put("GET /api/admin/policies",          new int[] {401, 403, 403, 403, 403, 403, 403, 200});
        EXPECTED.put("POST /api/admin/policies/reload",  new int[] {401, 403, 403, 403, 403, 403, 403, 200});
        EXPECTED.put("GET /api/unknown",                 new int[] {401, 403, 403, 403, 403, 403, 403, 403});
        EXPECTED.put("DELETE /api/cases/{caseA}",        new int[] {401, 405, 405, 405, 405, 405, 405, 405});
        // the decision log: auditors read, nobody writes (other methods fall through to denyAll)
        EXPECTED.put("GET /api/audit/verify",            new int[] {401, 403, 403, 403, 403, 403, 200, 403});
        EXPECTED.put("GET /api/audit/records?eventType=task-decided", new int[] {401, 403, 403, 403, 403, 403, 200, 403});
        EXPECTED.put("GET /api/audit/records/export?format=csv", new int[] {401, 403, 403, 403, 403, 403, 200, 403});
        EXPECTED.put("GET /api/audit/cases/{caseA}/timeline", new int[] {401, 403, 403, 403, 403, 403, 200, 403});
        EXPECTED.put("GET /api/audit/cases/{caseA}/export", new int[] {401, 403, 403, 403, 403, 403, 200, 403});
        EXPECTED.put("POST /api/audit/verify",           new int[] {401, 403, 403, 403, 403, 403, 403, 403});
        EXPECTED.put("PUT /api/audit/records",           new int[] {401, 403, 403, 403, 403, 403, 403, 403});
        EXPECTED.put("DELETE /api/audit/records",        new int[] {401, 403, 403, 403, 403, 403, 403, 403});
        // the national register's public API: everyone searches and reads; nothing there writes
        EXPECTED.put("POST /api/algoritme/NLD",          new int[] {200, 200, 200, 200, 200, 200, 200, 200});
        EXPECTED.put("GET /api/algoritme/NLD/{lars}",    new int[] {200, 200, 200, 200, 200, 200, 200, 200});
        EXPECTED.put("GET /api/public/algorithms/{lars}/versions/1", new int[] {200, 200, 200, 200, 200, 200, 200, 200});
        EXPECTED.put("PUT /api/algoritme/NLD/{lars}",    new int[] {401, 403, 403, 403, 403, 403, 403, 403});
        EXPECTED.put("DELETE /api/algoritme/NLD/{lars}", new int[] {401, 403, 403, 403, 403, 403, 403, 403});
        // importing entries from the national register's files: that organisation's register publisher, or admin
        EXPECTED.put("POST /api/register/import?organisation=zoetermeer&format=json", new int[] {401, 403, 403, 403, 403, 200, 403, 200});
        // the file holds Zoetermeer's entry: the administrator's import for Nissewaard refuses its row
        EXPECTED.put("POST /api/register/import?organisation=nissewaard&format=json", new int[] {401, 403, 403, 403, 403, 403, 403, 400});
        // operations: health for load balancers and probes, nothing else of the actuator for anyone but the metrics
        // (administrators only; ResponseHardeningIT reads them, this client asks for JSON, which they are not)
        EXPECTED.put("GET /actuator/health",             new int[] {200, 200, 200, 200, 200, 200, 200, 200});
        EXPECTED.put("GET /actuator/health/readiness",   new int[] {200, 200, 200, 200, 200, 200, 200, 200});
        EXPECTED.put("GET /actuator/env",                new int[] {401, 403, 403, 403, 403, 403, 403, 403});
        EXPECTED.put("POST /actuator/shutdown",          new int[] {401, 403, 403, 403, 403, 403, 403, 403});
        // problem reports reach the owner as a task through the same task API (completing one is in RegisterPublicIT)
        // a published entry's life: its organisation's owners change it or ask to retire it; a publisher there decides
        EXPECTED.put("GET /api/cases/{caseA}/entry",          new int[] {401, 200, 404, 200, 200, 200, 200, 200});
        EXPECTED.put("POST /api/cases/{publishedA}/change",   new int[] {401, 200, 404, 403, 403, 403, 403, 403});
        EXPECTED.put("POST /api/cases/{publishedA}/retirement", new int[] {401, 200, 404, 403, 403, 403, 403, 403});
        EXPECTED.put("POST /api/tasks/{retirementA}/complete", new int[] {401, 403, 404, 403, 403, 200, 403, 403});
        // the connector to the national register: its outbox for that organisation's register publisher, or admin;
        // switched off here, so a retraction is a 409 for those who may ask for one (NationalRegisterDeliveryIT has it on)
        // the English texts of a case: its organisation's owners edit them (a fresh draft has version 0), staff of it read
        EXPECTED.put("PUT /api/cases/{draftA}/english",  new int[] {401, 200, 404, 403, 403, 403, 403, 403});
        EXPECTED.put("GET /api/cases/{caseA}/english",   new int[] {401, 200, 404, 200, 200, 200, 200, 200});
        EXPECTED.put("GET /api/register/deliveries",     new int[] {401, 403, 403, 403, 403, 200, 403, 200});
        EXPECTED.put("POST /api/register/deliveries/999999999/retry", new int[] {401, 403, 403, 403, 403, 404, 403, 404});
        EXPECTED.put("POST /api/register/entries/{lars}/retract", new int[] {401, 403, 403, 403, 403, 409, 403, 409});
        EXPECTED.put("DELETE /api/register/deliveries",  new int[] {401, 403, 403, 403, 403, 403, 403, 403});
    }

    @Test
    void everyEndpointAnswersEveryCallerAsTheTableSays() {
        String lars = publishedEntry();
        List<String> unexpected = new ArrayList<>();
        EXPECTED.forEach((endpoint, statuses) -> {
            for (int i = 0; i < CALLERS.size(); i++) {
                String caller = CALLERS.get(i);
                Api api = "anonymous".equals(caller) ? anonymous() : as(caller);
                Api.Response response = call(api, endpoint, lars);
                if (response.status() != statuses[i]) {
                    unexpected.add(endpoint + " as " + caller + ": expected " + statuses[i] + ", got " + response);
                }
                if (response.status() >= 400 && endpoint.startsWith("GET /engine-rest") == false && !response.isProblem()
                        && response.status() != 405) {
                    unexpected.add(endpoint + " as " + caller + ": error without problem+json: " + response);
                }
            }
        });
        assertThat(unexpected).isEmpty();
    }

    @Test
    void ownersOfAnotherOrganisationNeitherSeeNorTouchTheCases() {
        String caseA = createCase(as("owner-zoetermeer"), "Alleen voor Zoetermeer");
        Api ownerB = as("owner-nissewaard");
        createCase(ownerB, "Van Nissewaard zelf");
        assertThat(ownerB.get("/api/cases").json().findValuesAsText("id")).doesNotContain(caseA);
        assertThat(ownerB.get("/api/cases").json().findValuesAsText("organisation")).containsOnly("nissewaard");
        assertThat(ownerB.put("/api/cases/" + caseA, Map.of("fields", Map.of("name", "Overgenomen"), "version", 0)).status())
                .isEqualTo(404);
        assertThat(as("owner-zoetermeer").get("/api/cases/" + caseA).json().get("fields").get("name").asText())
                .isEqualTo("Alleen voor Zoetermeer");
    }

    @Test
    void anOwnerCannotCreateACaseForAnOrganisationOutsideTheirToken() {
        Api.Response response = as("owner-zoetermeer").post("/api/cases",
                Map.of("organisation", "nissewaard", "fields", Map.of("name", "Untergeschoben")));
        assertThat(response.status()).isEqualTo(403);
        assertThat(as("owner-nissewaard").get("/api/cases").json().findValuesAsText("name")).doesNotContain("Untergeschoben");
    }

    @Test
    void reviewersOfAnotherOrganisationDoNotSeeItsTasks() {
        String caseA = caseAtDpiaReview();
        String task = taskId(as("privacy-zoetermeer"), caseA, "reviewDpia");
        assertThat(as("privacy-nissewaard").get("/api/tasks").json().findValuesAsText("id")).doesNotContain(task);
        assertThat(as("privacy-zoetermeer").get("/api/tasks").json().findValuesAsText("id")).contains(task);
    }

    private Api.Response call(Api api, String endpoint, String lars) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1);
        Map<String, Function<Void, String>> fixtures = Map.of(
                "{caseA}", v -> createCase(as("owner-zoetermeer"), "Matrix zaak"),
                "{draftA}", v -> createCase(as("owner-zoetermeer"), "Matrix concept"),
                "{dpiaReviewA}", v -> taskId(as("privacy-zoetermeer"), caseAtDpiaReview(), "reviewDpia"),
                "{releaseA}", v -> taskId(as("publisher-zoetermeer"), caseAtRelease(), "releasePublication"),
                "{lars}", v -> lars,
                "{ethicsA}", v -> caseAtEthicsReview(),
                "{conditionA}", v -> conditionOfAnApproval(),
                "{preScanA}", v -> taskId(as("owner-zoetermeer"), caseAtPreScan(), "answerPreScan"),
                "{preScanDraftA}", v -> preScanWithDraft());
        path = livingEntryFixtures(path);
        for (var fixture : fixtures.entrySet()) {
            if (path.contains(fixture.getKey())) {
                path = path.replace(fixture.getKey(), fixture.getValue().apply(null));
            }
        }
        Object body = switch (endpoint) {
            case "POST /api/cases" -> Map.of("fields", Map.of("name", "Nieuw via matrix"));
            case "PUT /api/cases/{draftA}" -> Map.of("fields", Map.of("name", "Gewijzigd via matrix"), "version", 0);
            case "PUT /api/cases/{draftA}/english" -> Map.of("fields", Map.of("name", "Changed through the matrix"), "version", 0);
            case "POST /api/algoritme/NLD" -> Map.of("searchtext", "Matrix", "limit", 5);
            case "PUT /api/algoritme/NLD/{lars}" -> Map.of("name", "Overschreven");
            case "POST /api/register/import?organisation=zoetermeer&format=json",
                    "POST /api/register/import?organisation=nissewaard&format=json" -> importedDump();
            case "POST /api/cases/{ethicsA}/ethics-votes", "POST /api/cases/{caseA}/ethics-votes" ->
                    Map.of("vote", "positive", "rationale", "Matrix");
            case "POST /api/cases/{conditionA}/met" -> Map.of("note", "Matrix");
            case "PUT /api/tasks/{preScanA}/draft" -> Map.of("answers", Map.of("prescan", Map.of("0.2", "Matrix")));
            case "POST /api/tasks/{preScanA}/preview" -> Map.of("answers", Map.of("prescan", Map.of("1.1", true)));
            case "POST /api/cases/{publishedA}/retirement" -> Map.of("endDate", java.time.YearMonth.now().toString(), "reason", "Matrix");
            case "POST /api/tasks/{retirementA}/complete" -> Map.of("outcome", "refuse", "rationale", "Matrix");
            case "POST /api/tasks/{dpiaReviewA}/complete", "POST /api/tasks/{releaseA}/complete" ->
                    Map.of("outcome", "approve", "rationale", "Matrix");
            default -> null;
        };
        return api.send(method, path, body);
    }

    /** One Zoetermeer entry in the national JSON dump's shape; importing it again is skipped, so every 200 is the same file. */
    private static Map<String, Object> importedDump() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", "Matrix import");
        entry.put("description_short", "Ingelezen uit het landelijke register.");
        entry.put("organization", "Gemeente Zoetermeer");
        entry.put("status", "In gebruik");
        entry.put("contact_email", "algoritmes@example.org");
        entry.put("publication_category", "Overige algoritmes");
        entry.put("lang", "nld");
        entry.put("standard_version", "1.0");
        entry.put("lars", IMPORTED_LARS);
        entry.put("publication_dt", "2024-05-17");
        return Map.of("algoritme_versions", List.of(entry), "organisation_details", List.of());
    }

    private String caseAtDpiaReview() {
        Api owner = as("owner-zoetermeer");
        String caseId = createCase(owner, "Matrix DPIA");
        owner.post("/api/cases/" + caseId + "/submit", null);
        complete(owner, caseId, "answerPreScan", Map.of("answers", answers(Map.of("personalData", true, "largeScale", true,
                "matchingDatasets", true))));
        complete(owner, caseId, "fillInDpia", Map.of("answers", DpiaAnswers.lowResidualRisk()));
        return caseId;
    }

    private String caseAtEthicsReview() {
        Api owner = as("owner-zoetermeer");
        String caseId = createCase(owner, "Matrix ethiek");
        owner.post("/api/cases/" + caseId + "/submit", null);
        complete(owner, caseId, "answerPreScan", Map.of("answers", answers(Map.of("personalData", true, "profiling", true,
                "largeScale", true, "matchingDatasets", true))));
        complete(owner, caseId, "fillInDpia", Map.of("answers", DpiaAnswers.lowResidualRisk()));
        complete(as("privacy-zoetermeer"), caseId, "reviewDpia", Map.of("outcome", "approve", "rationale", "Matrix"));
        complete(owner, caseId, "fillInIama", Map.of("answers", IamaAnswers.proceeding()));
        return caseId;
    }

    private String caseAtPreScan() {
        Api owner = as("owner-zoetermeer");
        String caseId = createCase(owner, "Matrix pre-scan");
        owner.post("/api/cases/" + caseId + "/submit", null);
        return caseId;
    }

    /** A pre-scan task with answers saved as a draft by the owner. */
    private String preScanWithDraft() {
        Api owner = as("owner-zoetermeer");
        String task = taskId(owner, caseAtPreScan(), "answerPreScan");
        assertThat(owner.send("PUT", "/api/tasks/" + task + "/draft", Map.of("answers", Map.of("prescan", Map.of("0.2", "Matrix"))))
                .status()).isEqualTo(204);
        return task;
    }

    /** {@code <case>/conditions/<condition>}: two votes approved the case, one with a condition. */
    private String conditionOfAnApproval() {
        String caseId = caseAtEthicsReview();
        as("ethics-regional").post("/api/cases/" + caseId + "/ethics-votes",
                Map.of("vote", "positive-with-conditions", "rationale", "Matrix", "conditions", List.of("Matrix-voorwaarde")));
        as("ethics-second").post("/api/cases/" + caseId + "/ethics-votes", Map.of("vote", "positive", "rationale", "Matrix"));
        String condition = as("owner-zoetermeer").get("/api/cases/" + caseId + "/ethics-votes").json()
                .get("conditions").get(0).get("id").asText();
        return caseId + "/conditions/" + condition;
    }

    private String caseAtRelease() {
        Api owner = as("owner-zoetermeer");
        String caseId = createCase(owner, "Matrix publicatie");
        owner.post("/api/cases/" + caseId + "/submit", null);
        complete(owner, caseId, "answerPreScan", Map.of("answers", answers(Map.of())));
        return caseId;
    }

    /** A fresh published case ({@code {publishedA}}) or the publisher's decision on a fresh retirement request ({@code {retirementA}}). */
    private String livingEntryFixtures(String path) {
        if (path.contains("{publishedA}")) {
            return path.replace("{publishedA}", publishedCase());
        }
        if (path.contains("{retirementA}")) {
            String caseId = publishedCase();
            as("owner-zoetermeer").post("/api/cases/" + caseId + "/retirement",
                    Map.of("endDate", java.time.YearMonth.now().toString(), "reason", "Matrix"));
            return path.replace("{retirementA}", taskId(as("publisher-zoetermeer"), caseId, "decideRetirement"));
        }
        return path;
    }

    private String publishedCase() {
        Api owner = as("owner-zoetermeer");
        String caseId = createCase(owner, "Matrix levend register");
        owner.post("/api/cases/" + caseId + "/submit", null);
        complete(owner, caseId, "answerPreScan", Map.of("answers", answers(Map.of())));
        complete(as("publisher-zoetermeer"), caseId, "releasePublication", Map.of("outcome", "approve", "rationale", "Ok"));
        awaitStage(owner, caseId, "PUBLISHED"); // the publication may run as a job after the release commits
        return caseId;
    }

    private String publishedEntry() {
        String caseId = caseAtRelease();
        complete(as("publisher-zoetermeer"), caseId, "releasePublication", Map.of("outcome", "approve", "rationale", "Ok"));
        awaitStage(as("owner-zoetermeer"), caseId, "PUBLISHED");
        return anonymous().get("/api/public/algorithms?q=Matrix%20publicatie").json().get(0).get("lars").asText();
    }
}
