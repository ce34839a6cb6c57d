package nl.transparant.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The engine's REST API answers its errors in Camunda's JSON ({@code {"type": "<exception name>", "message": ...}}),
 * and much bad input (an unknown task id, a claimed task, negative retries, a query value it cannot compare, a body
 * nested too deeply) as a 500. Here they become problem+json with the status the input deserves: 404 for what does
 * not exist, 409 for what someone else changed or holds, 400 for values the engine cannot take; what is left of the
 * 500s is one without the exception's name. The engine's own message stays, under {@code reason}: an administrator
 * reads what the engine refused.
 */
final class EngineErrors {

    /** What the engine says when an id is unknown: it often throws its general exception for that. */
    private static final Pattern NOT_FOUND = Pattern.compile("(?i)(not found|no \\w+ found|cannot find|does not exist|is null)");
    private static final Set<String> NOT_FOUND_TYPES = Set.of("NullValueException", "NotFoundException", "NotFoundRestException");
    private static final Set<String> CONFLICT_TYPES = Set.of("TaskAlreadyClaimedException", "OptimisticLockingException",
            "CrdbTransactionRetryException");
    /** A policy the step needs is broken (fail closed, {@link DecisionsFailClosed}): the engine's reason names the file. */
    private static final Set<String> POLICY_BROKEN_TYPES = Set.of("PolicyBrokenException", "BrokenRiskMatrixException");
    /** Thrown for the caller's input: the request itself, its JSON, or a value the engine cannot use. */
    private static final Set<String> INPUT_TYPES = Set.of("ProcessEngineException", "BadUserRequestException", "InvalidRequestException",
            "RestException", "NotValidException", "JsonMappingException", "JsonParseException", "MismatchedInputException",
            "InvalidFormatException", "StreamConstraintsException", "IllegalArgumentException", "UnpairedSurrogateException",
            "InvalidInputException", "ClassCastException", "NumberFormatException", "WebApplicationException");

    record Problem(int status, String detailKey, String reason) {
    }

    private EngineErrors() {
    }

    /** The problem for an error answer of the engine; the body may be empty (a bare status) or not Camunda's JSON. */
    static Problem of(int status, byte[] body, ObjectMapper json) {
        String type = "";
        String message = null;
        try {
            JsonNode error = body.length == 0 ? null : json.readTree(body);
            if (error != null && error.isObject()) {
                type = error.path("type").asText("");
                message = error.hasNonNull("message") ? error.get("message").asText() : null;
            }
        } catch (IOException notJson) {
            // a bare status from Jersey (an unknown path, an unreadable Content-Type): judged by the status alone
        }
        String text = message == null ? "" : message;
        // "… is null" names an unknown id ("incident is null"), but also a sorting without its property ("You should
        // call any of the orderBy methods first …: queryProperty is null"), which is bad input (outside tester: a 404)
        boolean unknownId = NOT_FOUND.matcher(text).find() && !text.contains("orderBy");
        if (status == 404 || NOT_FOUND_TYPES.contains(type) || (INPUT_TYPES.contains(type) && unknownId)) {
            return new Problem(404, "engine.error.notFound", message);
        }
        if (POLICY_BROKEN_TYPES.contains(type)) {
            return new Problem(503, "engine.error.policyBroken", message);
        }
        if (status == 409 || CONFLICT_TYPES.contains(type)) {
            return new Problem(409, "engine.error.conflict", message);
        }
        if (status == 415) {
            // a body not declared as JSON: told what to send, as the application's own API tells it, not "a value is wrong"
            return new Problem(415, "problem.request.sendJson", message);
        }
        if (status < 500 || INPUT_TYPES.contains(type)) {
            return new Problem(status < 500 ? status : 400, "engine.error.badRequest", message);
        }
        return new Problem(500, "engine.error.failed", null);
    }

    /**
     * Passes a successful answer on as the engine writes it (a read can be large), and holds back what the engine
     * writes once its status is an error, so that it can be answered as problem+json instead. Content-Length is not
     * passed on: the body sent may not be the engine's.
     */
    static final class ErrorsHeld extends HttpServletResponseWrapper {

        /** Far above any error body of the engine; what is beyond it is not needed to judge the error. */
        private static final int MAX_HELD = 64 * 1024;

        private final ByteArrayOutputStream held = new ByteArrayOutputStream();
        private ServletOutputStream heldStream;
        private PrintWriter heldWriter;

        ErrorsHeld(HttpServletResponse response) {
            super(response);
        }

        boolean holding() {
            return getStatus() >= 400;
        }

        byte[] heldBody() {
            if (heldWriter != null) {
                heldWriter.flush();
            }
            return held.toByteArray();
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (!holding()) {
                return super.getOutputStream();
            }
            if (heldStream == null) {
                heldStream = new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        if (held.size() < MAX_HELD) {
                            held.write(b);
                        }
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new UnsupportedOperationException("the engine's error answers are written blocking");
                    }
                };
            }
            return heldStream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (!holding()) {
                return super.getWriter();
            }
            if (heldWriter == null) {
                heldWriter = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
            }
            return heldWriter;
        }

        @Override
        public void sendError(int status) {
            setStatus(status);
        }

        @Override
        public void sendError(int status, String message) {
            setStatus(status);
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!holding()) {
                super.flushBuffer();
            }
        }

        @Override
        public void setContentLength(int length) {
            // not passed on: see the class comment
        }

        @Override
        public void setContentLengthLong(long length) {
            // not passed on: see the class comment
        }

        @Override
        public void setHeader(String name, String value) {
            if (!"Content-Length".equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!"Content-Length".equalsIgnoreCase(name)) {
                super.addHeader(name, value);
            }
        }
    }
}
