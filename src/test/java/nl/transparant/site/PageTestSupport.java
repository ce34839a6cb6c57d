package nl.transparant.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.Cases;
import nl.transparant.identity.DemoAccount;
import nl.transparant.identity.StaffUser;
import nl.transparant.register.PublicRegister;
import nl.transparant.register.PublishedEntry;
import nl.transparant.screening.DpiaAnswers;
import nl.transparant.screening.PreScanAnswers;
import nl.transparant.workflow.review.ReviewProcess;
import nl.transparant.workflow.review.ReviewTasks;
import nl.transparant.workflow.review.ReviewTask;
import nl.transparant.workflow.review.TaskCompletion;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The pages as a browser gets them: the whole application with the local demo accounts, on an in-memory
 * database of its own. Every subclass shares one application context and so one database; each test
 * seeds its own cases through the services, with names no other test uses.
 */
@SpringBootTest
@AutoConfigureMockMvc
@AutoConfigureObservability(tracing = false) // the Prometheus endpoint, as in production (ActuatorEndpointsTest)
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:pages;MODE=MariaDB;DB_CLOSE_DELAY=-1",
        "transparant.demo-data=false"})
public abstract class PageTestSupport {

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected Cases cases;
    @Autowired
    protected ReviewProcess reviewProcess;

    @Autowired
    protected ReviewTasks reviewTasks;
    @Autowired
    protected nl.transparant.workflow.review.TaskDrafts taskDrafts;
    @Autowired
    protected nl.transparant.workflow.review.SupervisorAdvice supervisorAdvice;
    @Autowired
    protected PublicRegister register;
    @Autowired
    protected org.camunda.bpm.engine.ManagementService managementService;
    @Autowired
    protected org.camunda.bpm.engine.RuntimeService runtimeService;
    @Autowired
    protected org.springframework.transaction.PlatformTransactionManager transactionManager;

    /**
     * Runs a test's own change to the database as the application makes one, in a transaction: the pool's connections
     * do not commit by themselves, and the application's JdbcTemplate refuses a change outside one.
     */
    protected void inTransaction(Runnable change) {
        new org.springframework.transaction.support.TransactionTemplate(transactionManager).executeWithoutResult(status -> change.run());
    }

    /** A demo account as the signed-in principal, as the form login puts it in the security context. */
    public static Authentication as(String username) {
        DemoAccount account = account(username);
        return new UsernamePasswordAuthenticationToken(account, null, account.getAuthorities());
    }

    public static StaffUser staff(String username) {
        return account(username).staffUser();
    }

    private static DemoAccount account(String username) {
        return DemoAccount.ALL_ACCOUNTS.stream().filter(a -> a.username().equals(username)).findFirst().orElseThrow();
    }

    /** A name no other test uses, so lists can be checked without knowing what else is in the database. */
    public static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The register fields a case needs before it can be submitted. */
    public static Map<String, Object> complete(String name) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("description_short", "Korte omschrijving van " + name + ".");
        fields.put("status", "In gebruik");
        fields.put("contact_email", "algoritmes@example.org");
        return fields;
    }

    protected AlgorithmCase draft(String owner, Map<String, Object> fields) {
        return cases.create(staff(owner), null, fields, null);
    }

    /** Submitted and past the pre-scan with nothing that needs a review (no personal data, no AI): straight to the publisher's release. */
    protected AlgorithmCase awaitingRelease(String owner, Map<String, Object> fields) {
        AlgorithmCase created = draft(owner, fields);
        cases.submit(staff(owner), created.getId());
        completeTask(owner, created.getId(), "answerPreScan", new TaskCompletion(null, null, PreScanAnswers.of()));
        return created;
    }

    /**
     * Past a DPIA whose residual risk is high, approved, and with prior consultation requested: the case waits at
     * the message event for the supervisor's advice, with no task open.
     */
    protected AlgorithmCase waitingForSupervisor(String owner, String privacyOfficer) {
        AlgorithmCase created = draft(owner, complete(unique("Wacht op de toezichthouder")));
        cases.submit(staff(owner), created.getId());
        completeTask(owner, created.getId(), "answerPreScan", new TaskCompletion(null, null, PreScanAnswers.of("personalData", "largeScale",
                "matchingDatasets")));
        completeTask(owner, created.getId(), "fillInDpia", new TaskCompletion(null, null, DpiaAnswers.highResidualRisk()));
        completeTask(privacyOfficer, created.getId(), "reviewDpia", new TaskCompletion("approve", "Restrisico hoog.", null));
        completeTask(privacyOfficer, created.getId(), "requestPriorConsultation", new TaskCompletion(null, "Voorgelegd aan de AP.", null));
        return created;
    }

    /** Through the whole process into the public register; returns the published entry. */
    protected PublishedEntry published(String owner, String publisher, Map<String, Object> fields) {
        AlgorithmCase c = awaitingRelease(owner, fields);
        completeTask(publisher, c.getId(), "releasePublication", new TaskCompletion("approve", "Klaar voor het register.", null));
        awaitPublication(c.getId());
        return register.current(String.valueOf(fields.get("name"))).stream()
                .filter(e -> e.getCaseId().equals(c.getId()))
                .findFirst()
                .orElseThrow();
    }

    /** The release is committed; the publication runs after it as a job. */
    protected void awaitPublication(String caseId) {
        nl.transparant.support.Publications.await(managementService, runtimeService, caseId);
    }

    protected void completeTask(String actor, String caseId, String activityId, TaskCompletion completion) {
        reviewProcess.complete(staff(actor), task(actor, caseId, activityId).id(), completion);
    }

    protected ReviewTask task(String actor, String caseId, String activityId) {
        return reviewTasks.openTasks(staff(actor), caseId).stream()
                .filter(t -> t.activityId().equals(activityId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No open task " + activityId + " on case " + caseId));
    }

    /** A page read anonymously. */
    protected Page page(String url) throws Exception {
        return page(get(url));
    }

    protected Page page(String url, String username) throws Exception {
        return page(get(url).with(authentication(as(username))));
    }

    /** A form post by a signed-in person, with the CSRF token the page's form carries. */
    protected MockHttpServletRequestBuilder form(String url, String username) {
        return post(url).with(authentication(as(username))).with(csrf());
    }

    /**
     * Also checks that the page is in its language ({@link PageLanguageChecks}), and for a page read with GET that it is
     * in the other language too (the same request with the other language chosen).
     */
    protected Page page(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        Page page = read(result);
        if (isHtml(result)) {
            PageLanguageChecks.assertInItsLanguage(page.document());
            if ("GET".equals(result.getRequest().getMethod())) {
                String other = "en".equals(page.document().selectFirst("html").attr("lang")) ? "nl" : "en";
                MvcResult again = mvc.perform(request.cookie(new jakarta.servlet.http.Cookie(SiteLanguage.COOKIE, other))).andReturn();
                if (isHtml(again)) {
                    PageLanguageChecks.assertInItsLanguage(read(again).document());
                }
            }
        }
        return page;
    }

    private static boolean isHtml(MvcResult result) {
        String type = result.getResponse().getContentType();
        return type != null && type.startsWith("text/html") && !result.getRequest().isAsyncStarted();
    }

    private static Page read(MvcResult result) throws Exception {
        String body = result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        Document document = Jsoup.parse(body);
        document.outputSettings().prettyPrint(false);
        return new Page(result.getResponse().getStatus(), result.getResponse().getRedirectedUrl(), body, document, result);
    }

    public record Page(int status, String redirectedTo, String html, Document document, MvcResult result) {

        public Page assertStatus(int expected) {
            assertThat(status).as("status of the page; body:%n%s", html).isEqualTo(expected);
            return this;
        }
    }
}
