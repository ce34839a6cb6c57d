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

/** The import mode: system fields from the file, required fields checked, rich text sanitised, active content refused. */
class RegisterFieldsValidatorImportModeTest {

    final RegisterFieldsValidator validator = new RegisterFieldsValidator(new RegisterStandard());

    static Map<String, Object> imported() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", "Parkeervergunningen");
        fields.put("description_short", "Bepaalt de volgorde van de wachtlijst.");
        fields.put("organization", "Gemeente Zoetermeer");
        fields.put("status", "In gebruik");
        fields.put("contact_email", "algoritmes@example.org");
        fields.put("publication_category", "Overige algoritmes");
        fields.put("lang", "nld");
        fields.put("standard_version", "1.0");
        fields.put("lars", "12345678");
        fields.put("publication_dt", "2024-05-17");
        return fields;
    }

    @Test
    void systemFieldsAreTakenFromTheFileButStillRefusedWhenAPersonTypesThem() {
        assertThat(validator.cleanImported(imported())).containsEntry("lars", "12345678").containsEntry("publication_dt", "2024-05-17")
                .containsEntry("organization", "Gemeente Zoetermeer");
        assertThatThrownBy(() -> validator.clean(imported())).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void everyRequiredFieldMustBeInTheFile() {
        Map<String, Object> fields = imported();
        fields.remove("contact_email");
        fields.remove("publication_category");
        assertThat(problemsOf(fields)).extracting(FieldProblem::field).containsExactlyInAnyOrder("contact_email", "publication_category");
    }

    @Test
    void theNationalBackendsDateTimeIsAPublicationDateAsItCame() {
        Map<String, Object> fields = imported();
        fields.put("publication_dt", "2024-05-17T10:15:00+02:00");
        assertThat(validator.cleanImported(fields)).containsEntry("publication_dt", "2024-05-17T10:15:00+02:00");
    }

    @Test
    void anEmptyValueOfAFieldThatIsNotRequiredStaysEmptyAndARequiredOneIsMissing() {
        Map<String, Object> fields = imported();
        fields.put("provider", "");
        fields.put("lawful_basis_grouping", List.of());
        assertThat(validator.cleanImported(fields)).containsEntry("provider", "").containsEntry("lawful_basis_grouping", List.of());
        fields.put("contact_email", "");
        assertThat(problemsOf(fields)).extracting(FieldProblem::field).containsExactly("contact_email");
    }

    @Test
    void theSystemFieldsHaveTheirShapes() {
        Map<String, Object> fields = imported();
        fields.put("lars", "12 34");
        fields.put("publication_dt", "2024-02-30");
        fields.put("lang", "eng");
        assertThat(problemsOf(fields)).extracting(FieldProblem::field).containsExactlyInAnyOrder("lars", "publication_dt", "lang");
    }

    @Test
    void richTextIsSanitisedToTheAllowedTags() {
        Map<String, Object> fields = imported();
        fields.put("goal", "<p class=\"x\">Doel met <em>nadruk</em></p><table><tr><td>cel</td></tr></table>");
        assertThat(validator.cleanImported(fields).get("goal")).isEqualTo("<p>Doel met nadruk</p>cel");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>alert(1)</script>", "<p onclick=\"alert(1)\">x</p>", "<a href=\"java\tscript:alert(1)\">x</a>",
            "<style>p{}</style>", "<iframe src=\"https://example.org\"></iframe>", "<svg><g onload=\"alert(1)\"/></svg>"})
    void activeContentRefusesTheRow(String html) {
        Map<String, Object> fields = imported();
        fields.put("risks", html);
        assertThat(problemsOf(fields)).extracting(FieldProblem::field).containsExactly("risks");
    }

    @Test
    void keysOutsideTheStandardRefuseTheRow() {
        Map<String, Object> fields = imported();
        fields.put("id", 17);
        assertThat(problemsOf(fields)).extracting(FieldProblem::field).containsExactly("id");
    }

    private java.util.List<FieldProblem> problemsOf(Map<String, Object> fields) {
        try {
            validator.cleanImported(fields);
            throw new AssertionError("expected the row to be refused");
        } catch (InvalidInputException e) {
            return e.problems();
        }
    }
}
