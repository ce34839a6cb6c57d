package nl.transparant.workflow;

import nl.transparant.workflow.review.FourEyes;
import nl.transparant.workflow.review.SegregationOfDutiesViolation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.transparant.identity.StaffUser;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

/**
 * The administrator behind an allowed write of the engine REST API, made known to the engine and held to the four-eyes
 * rule before the engine is asked. Camunda's REST API runs engine calls without an authenticated user unless told;
 * then the engine's four-eyes listener would refuse every claim as "not signed in", and with an error the REST API can
 * only answer as a 500. So a claim or an assignment is checked here first ({@link FourEyes#requireReviewer}, the same
 * rule the listener applies as the second line) and refused as a 403; the engine call then runs as the administrator,
 * who is an engine administrator ({@code camunda-admin}: tenant checks do not hide other organisations' tasks).
 */
final class EngineRestActor {

    private static final String ENGINE_ADMIN_GROUP = "camunda-admin";
    /** A claim's or assignment's body is one user id; anything much larger is not one. */
    private static final int MAX_TASK_BODY = 16 * 1024;

    private final IdentityService identity;
    private final TaskService tasks;
    private final RepositoryService repository;
    private final HistoryService history;
    private final FourEyes fourEyes;
    private final ObjectMapper json = new ObjectMapper();

    EngineRestActor(IdentityService identity, TaskService tasks, RepositoryService repository, HistoryService history, FourEyes fourEyes) {
        this.identity = identity;
        this.tasks = tasks;
        this.repository = repository;
        this.history = history;
        this.fourEyes = fourEyes;
    }

    /** The body read once, to be read again by the engine. */
    static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        byte[] body() {
            return body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("read synchronously");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }
    }

    /** Reads the body of a claim or an assignment; empty when it is larger than one could be. */
    static Optional<ReadBody> readTaskBody(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_TASK_BODY + 1);
            return body.length > MAX_TASK_BODY ? Optional.empty() : Optional.of(new ReadBody(request, body));
        }
    }

    /**
     * Refuses (throws {@link SegregationOfDutiesViolation}) a claim or assignment of a review task that the acting
     * administrator or the person it goes to may not do under the four-eyes rule.
     */
    void requireFourEyes(String taskId, byte[] body, StaffUser actor) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null || task.getProcessInstanceId() == null) {
            return; // the engine answers that it does not know the task
        }
        String processKey = repository.getProcessDefinition(task.getProcessDefinitionId()).getKey();
        String step = task.getTaskDefinitionKey();
        fourEyes.requireReviewer(history, task.getProcessInstanceId(), processKey, step, actor.id(), true);
        String assignee = userIdIn(body);
        if (assignee != null && !assignee.equals(actor.id())) {
            fourEyes.requireReviewer(history, task.getProcessInstanceId(), processKey, step, assignee, false);
        }
    }

    /**
     * What an account id can look like: the identity provider keeps user names in lower case, without spaces (Keycloak
     * lowercases them; the demo accounts are so too). A task handed to "Owner-Zoetermeer", "owner-zoetermeer " or
     * anything else no person can sign in as was stuck, and the application then told everyone it was that person's
     * (outside tester).
     */
    private static final java.util.regex.Pattern ACCOUNT_ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._@+-]{0,254}");

    /** Whether the body hands the task to an id no person can sign in as (an assignment to nobody, null, is fine). */
    boolean assigneeImpossible(byte[] body) {
        String assignee = userIdIn(body);
        return assignee != null && !ACCOUNT_ID.matcher(assignee).matches();
    }

    private String userIdIn(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.path("userId").isTextual() ? node.path("userId").asText() : null;
        } catch (IOException notJson) {
            return null; // the engine refuses it as a bad request
        }
    }

    /** Runs the engine call as this administrator. */
    void runAs(StaffUser actor, EngineCall call) throws IOException, ServletException {
        List<String> groups = new ArrayList<>(actor.roleNames());
        groups.add(ENGINE_ADMIN_GROUP);
        identity.setAuthentication(actor.id(), groups, new ArrayList<>(actor.organisations()));
        try {
            call.run();
        } finally {
            identity.clearAuthentication();
        }
    }

    interface EngineCall {
        void run() throws IOException, ServletException;
    }
}
