package nl.transparant.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How the engine REST API's own error answers become problems, where the type alone decides. */
class EngineErrorsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBrokenPolicyIsA503NamingTheFileNotAFailureToTryAgainLater() {
        String message = "The policy file review-route.dmn is refused: no rule of decision table review-route fits this case.";

        EngineErrors.Problem problem = EngineErrors.of(500, ("{\"type\":\"PolicyBrokenException\",\"message\":\"" + message + "\"}")
                .getBytes(StandardCharsets.UTF_8), JSON);

        assertThat(problem).isEqualTo(new EngineErrors.Problem(503, "engine.error.policyBroken", message));
    }

    /** Jersey's 415 for a body not declared as JSON said "a value, parameter or the content is wrong"; it says what to send. */
    @Test
    void aBodyNotDeclaredAsJsonIsA415ThatSaysToSendJson() {
        EngineErrors.Problem problem = EngineErrors.of(415, "{\"type\":\"NotSupportedException\",\"message\":\"HTTP 415 Unsupported Media Type\"}"
                .getBytes(StandardCharsets.UTF_8), JSON);

        assertThat(problem).isEqualTo(new EngineErrors.Problem(415, "problem.request.sendJson", "HTTP 415 Unsupported Media Type"));
    }

    @Test
    void anUnknownFailureStaysA500WithoutTheEnginesWords() {
        EngineErrors.Problem problem = EngineErrors.of(500, "{\"type\":\"NullPointerException\",\"message\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8), JSON);

        assertThat(problem).isEqualTo(new EngineErrors.Problem(500, "engine.error.failed", null));
    }

    /**
     * A sorting without its property ("… queryProperty is null") was answered 404 "not found" like an unknown id
     * (outside tester); it is bad input. An unknown incident ("incident is null") stays a 404.
     */
    @Test
    void aSortingWithoutItsPropertyIsA400AndAnUnknownIdStaysA404() {
        String sorting = "You should call any of the orderBy methods first before specifying a direction: currentOrderingProperty is null";
        assertThat(EngineErrors.of(500, ("{\"type\":\"NotValidException\",\"message\":\"" + sorting + "\"}")
                .getBytes(StandardCharsets.UTF_8), JSON).status()).isEqualTo(400);
        assertThat(EngineErrors.of(500, "{\"type\":\"NullValueException\",\"message\":\"incident is null\"}"
                .getBytes(StandardCharsets.UTF_8), JSON).status()).isEqualTo(404);
        assertThat(EngineErrors.of(500, "{\"type\":\"BadUserRequestException\",\"message\":\"incident is null\"}"
                .getBytes(StandardCharsets.UTF_8), JSON).status()).isEqualTo(404);
    }
}
