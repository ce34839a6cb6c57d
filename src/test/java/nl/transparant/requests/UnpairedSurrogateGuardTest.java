package nl.transparant.requests;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.transparant.requests.UnpairedSurrogateGuard.SurrogateEscapes;
import nl.transparant.requests.UnpairedSurrogateGuard.UnpairedSurrogateException;
import org.junit.jupiter.api.Test;

/** The escapes of a JSON body, byte by byte as they arrive: a surrogate pair is whole or the body is refused. */
class UnpairedSurrogateGuardTest {

    @Test
    void halfAPairIsRefused() {
        for (String body : List.of("{\"a\":\"lone \\ud800 surrogate\"}", "{\"a\":\"\\uDC00\"}", "{\"a\":\"\\uD83D\"}",
                "{\"a\":\"\\uD83D\\u0041\"}", "{\"a\":\"\\uD83D\\n\"}", "{\"a\":\"\\uD83D\\uD83D\\uDE00\"}", "{\"a\":\"\\uDE00\\uD83D\"}",
                "[\"\\ud800")) {
            assertThatThrownBy(() -> read(body)).as(body).isInstanceOf(UnpairedSurrogateException.class);
        }
    }

    @Test
    void wholePairsAndEverythingElsePass() {
        for (String body : List.of("{\"a\":\"\\uD83D\\uDE00 en \\ud83d\\ude00\"}", "{\"a\":\"😀 \\u00e9 \\\\uD800 \\\" \\\\\"}",
                "{\"a\":\"\\uD7FF\\uE000\"}", "{\"a\":\"\\\\\\uD83D\\uDE00\"}", "{}")) {
            assertThatCode(() -> read(body)).as(body).doesNotThrowAnyException();
        }
    }

    /** A NUL was kept in a draft's answers and a completion's (outside tester): an escaped control character is refused. */
    @Test
    void anEscapedControlCharacterIsRefusedButTabsAndNewLinesPass() {
        for (String body : List.of("{\"0.2\":\"a\\u0000b\"}", "{\"a\":\"\\u001b[31m\"}", "{\"a\":\"\\u0007\"}")) {
            assertThatThrownBy(() -> read(body)).as(body).isInstanceOf(UnpairedSurrogateGuard.ControlCharacterException.class);
        }
        // DEL and the C1 characters too, escaped or written as themselves (U+009B starts a terminal's control sequence)
        for (String body : List.of("{\"a\":\"\\u007f\"}", "{\"a\":\"\\u0085\"}", "{\"a\":\"\\u009B[31m\"}", "{\"a\":\"\u0085\"}",
                "{\"a\":\"\u009b\"}")) {
            assertThatThrownBy(() -> read(body)).as(body).isInstanceOf(UnpairedSurrogateGuard.ControlCharacterException.class);
        }
        for (String body : List.of("{\"a\":\"regel\\u000aregel\\u0009tab\\u000d\"}", "{\"a\":\"\\u0020\\u00a0\\u00e9 é ą ÿ\"}")) {
            assertThatCode(() -> read(body)).as(body).doesNotThrowAnyException();
        }
        // UTF-16 and UTF-32 hide an escape from a check of single bytes (outside tester): a zero byte refuses the body
        for (java.nio.charset.Charset other : List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE, java.nio.charset.Charset.forName("UTF-32BE"))) {
            byte[] bytes = "{\"a\":\"a\\u0000b\"}".getBytes(other);
            assertThatThrownBy(() -> {
                SurrogateEscapes escapes = new SurrogateEscapes();
                for (byte b : bytes) {
                    escapes.next(b & 0xFF);
                }
            }).as(other.name()).isInstanceOf(UnpairedSurrogateGuard.NotUtf8Exception.class);
        }
    }

    private static void read(String body) {
        SurrogateEscapes escapes = new SurrogateEscapes();
        for (byte b : body.getBytes(StandardCharsets.UTF_8)) {
            escapes.next(b & 0xFF);
        }
        escapes.end();
    }
}
