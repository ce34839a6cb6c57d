package nl.transparant.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegisterFieldsValidatorTest {

    final RegisterFieldsValidator validator = new RegisterFieldsValidator(new RegisterStandard());

    @Test
    void keepsValidFieldsInTheStandardsOrderAndDropsEmptyOnes() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("status", "In gebruik");
        input.put("name", "  Parkeervergunningen controleren ");
        input.put("provider", "");
        input.put("category", List.of("Verkeer", "Verkeer", "Wonen"));
        input.put("lawful_basis_grouping", List.of(Map.of("title", "Wegenverkeerswet", "link", "https://wetten.overheid.nl/BWBR0006622")));

        Map<String, Object> cleaned = validator.clean(input);

        assertThat(cleaned.keySet()).containsExactly("name", "category", "status", "lawful_basis_grouping");
        assertThat(cleaned.get("name")).isEqualTo("Parkeervergunningen controleren");
        assertThat(cleaned.get("category")).isEqualTo(List.of("Verkeer", "Wonen"));
    }

    @Test
    void richTextKeepsTheAllowedTagsOnly() {
        Map<String, Object> cleaned = validator.clean(Map.of("goal", "<p>Doel</p><ul><li>een</li><li>twee</li></ul><br>"));
        assertThat(cleaned.get("goal")).isEqualTo("<p>Doel</p><ul><li>een</li><li>twee</li></ul><br>");
    }

    /** Found from the outside: a browser's CR LF counted as two characters against a limit the browser counted as one. */
    @Test
    void aLineBreakIsOneCharacterWhicheverWayItWasSent() {
        assertThat(validator.clean(Map.of("description_short", "regel een\r\nregel twee")).get("description_short"))
                .isEqualTo("regel een\nregel twee");
        assertThat(validator.clean(Map.of("goal", "<p>een\r\ntwee</p>")).get("goal")).isEqualTo("<p>een\ntwee</p>");
    }

    /** Found from the outside: the API stored a line break in a name, which broke the page's title. */
    @Test
    void aOneLineTextTakesNoLineBreakButAnotherRegistersFileIsKeptAsItWas() {
        assertThatThrownBy(() -> validator.clean(Map.of("name", "regel een\nregel twee")))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).problems())
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .extracting(p -> ((FieldProblem) p).key())
                .containsExactly("problem.field.oneLine");
        assertThat(validator.clean(Map.of("description_short", "regel een\nregel twee"))).containsKey("description_short");
    }

    /** Found from the outside: "<p>Als score < 5 dan</p>" was refused as markup. */
    @Test
    void aLessThanSignThatOpensNoTagIsTextInRichText() {
        assertThat(validator.clean(Map.of("goal", "<p>Als score < 5 dan</p>")).get("goal")).isEqualTo("<p>Als score &lt; 5 dan</p>");
        assertThatThrownBy(() -> validator.clean(Map.of("goal", "<p>a<b>vet</b></p>"))).as("a tag stays a tag, and b is not allowed here")
                .isInstanceOf(InvalidInputException.class);
    }

    /**
     * Found from the outside: a reading-direction override (U+202E) went into a published text, in plain and rich text
     * alike, and rich text let control characters through.
     */
    @ParameterizedTest
    @ValueSource(strings = {"name", "description_short", "goal"})
    void invisibleCharactersThatChangeHowATextReadsAreRefused(String field) {
        for (String text : List.of("gewoon \u202Egnippilsrev", "links \u2066rechts\u2069", "stop\u0000teken", "esc\u001B[31m")) {
            assertThatThrownBy(() -> validator.clean(Map.of(field, text)))
                    .as(field + ": " + text.codePoints().mapToObj(Integer::toHexString).toList())
                    .isInstanceOf(InvalidInputException.class)
                    .extracting(e -> ((InvalidInputException) e).problems())
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .extracting(p -> ((FieldProblem) p).field())
                    .containsExactly(field);
        }
        // a line break (where the field has lines: a name is one line) and a tab are text
        assertThat(validator.clean(Map.of(field, field.equals("name") ? "een\tmet tab" : "regel een\nregel twee\tmet tab"))).containsKey(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>alert(1)</script>", "<p onclick=\"x()\">a</p>", "<a href=\"https://x\">a</a>",
            "<p style=\"color:red\">a</p>", "<img src=x onerror=alert(1)>", "<iframe src=\"https://x\"></iframe>",
            "<svg onload=alert(1)>", "<p>ok</p><style>p{}</style>"})
    void richTextRefusesEverythingElse(String html) {
        assertThatThrownBy(() -> validator.clean(Map.of("goal", html)))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).problems())
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .extracting(p -> ((FieldProblem) p).field())
                .containsExactly("goal");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Map<String, Object> input = Map.of(
                "name", "x".repeat(101),
                "status", "Misschien",
                "website", "ftp://example.org",
                "begin_date", "2024-3",
                "lars", "12345678",
                "nonsense", "x");
        assertThatThrownBy(() -> validator.clean(input))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).problems().stream().map(FieldProblem::field).toList())
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrder("name", "status", "website", "begin_date", "lars", "nonsense");
    }

    @Test
    void listsTheRequiredFieldsMissingBeforeSubmission() {
        assertThat(validator.missingBeforeSubmission(Map.of("name", "Iets")))
                .extracting(FieldProblem::field)
                .containsExactly("description_short", "status", "contact_email");
    }
}
