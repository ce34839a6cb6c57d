package nl.transparant.register;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public API in the national Algoritmeregister's shape, so that tools written for the national register read
 * this one unchanged: a search by POST with the national parameter names, and one entry by its id. Entries carry
 * exactly the standard's API keys. {@code ENG} answers with the same entries, each with the English texts its owner
 * published ({@code lang} "eng") and the Dutch text where there is no English one, so the English site and its clients
 * are never left empty; search and filters run on the Dutch texts and values in both languages.
 */
@RestController
@RequestMapping("/api/algoritme")
@Tag(name = "Algoritmeregister", description = "Public search and entries, in the national register's shape")
class AlgoritmeApi {


    private final PublicRegister register;
    private final PreparedAnswers answers;

    AlgoritmeApi(PublicRegister register, PreparedAnswers answers) {
        this.register = register;
        this.answers = answers;
    }

    @Schema(description = "A search of the register, as the national register's public API takes it")
    record SearchRequest(
            @Schema(description = "Page number, from 1", defaultValue = "1") Integer page,
            @Schema(description = "Entries per page, 1 to 100", defaultValue = "10") Integer limit,
            @Schema(description = "Words that must all occur in name, short description, goal, organisation or tags")
            String searchtext,
            @Schema(description = "Organisation name (or code)") String organisation,
            @Schema(description = "Publication category, a permitted value of publication_category") String publicationcategory,
            @Schema(description = "Organisation type, e.g. Gemeente") String organisationtype,
            @Schema(description = "Title of an impact assessment in impacttoetsen_grouping, e.g. DPIA") String impact_assessment,
            @Schema(description = "Theme, a permitted value of category") String category,
            @Schema(description = "Status, a permitted value of status") String status,
            @Schema(description = "relevance, name_asc, name_desc, publication_dt_desc or publication_dt_asc") String sort_option) {
    }

    /** What a search answers (the body is written as bytes by {@link RegisterSearch#searchAsJson}; this describes it). */
    record SearchResponse(@ArraySchema(schema = @Schema(type = "object", description = "An entry's fields, keyed as the standard's API keys"))
            List<Map<String, Object>> results, @JsonProperty("total_count") int totalCount,
            @JsonProperty("filter_data") Map<String, List<FacetValue>> filterData) {
    }

    @PostMapping("/{lang}")
    @Operation(summary = "Search the register", description = "Full-text search with filters, order and paging; "
            + "filter_data gives, per filter, the values among all matches with their counts.")
    @ApiResponse(responseCode = "200", description = "One page of matching entries",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SearchResponse.class)))
    @ApiResponse(responseCode = "400", description = "A parameter the register cannot answer (problem+json)")
    ResponseEntity<byte[]> search(@Parameter(description = "NLD or ENG") @PathVariable String lang, @RequestBody(required = false) SearchRequest request) {
        language(lang);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(register.searchAsJson(query(request), english(lang)));
    }

    /** The question a search request asks; no request asks for everything. An order the register does not offer is a 400. */
    static RegisterQuery query(SearchRequest request) {
        SearchRequest r = request == null ? new SearchRequest(null, null, null, null, null, null, null, null, null, null) : request;
        RegisterQuery.Sort sort = null;
        if (r.sort_option() != null && !r.sort_option().isBlank()) {
            sort = RegisterQuery.Sort.byKey(r.sort_option()).orElseThrow(() -> InvalidInputException.of("problem.register.sort",
                    List.of(FieldProblem.of("sort_option", "problem.register.sortOptions"))));
        }
        return new RegisterQuery(r.searchtext(), r.organisation(), r.organisationtype(), r.category(),
                r.status(), r.publicationcategory(), r.impact_assessment(), sort, r.page() == null ? 1 : r.page(),
                r.limit() == null ? RegisterQuery.DEFAULT_LIMIT : r.limit());
    }

    @GetMapping("/{lang}/{lars}")
    @Operation(summary = "One entry, its latest published version",
            description = "Cached briefly (the entry may get a new version); answers 304 to a matching If-None-Match.")
    // the body is sent as prepared bytes (RegisterReads); the document still describes it as the JSON object it is
    @ApiResponse(responseCode = "200", description = "The entry's fields, keyed as the standard's API keys",
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "404", description = "No published entry with this id (problem+json)")
    @ApiResponse(responseCode = "304", description = "The entry has not changed since the version named by If-None-Match")
    ResponseEntity<byte[]> entry(@PathVariable String lang, @PathVariable String lars, jakarta.servlet.http.HttpServletRequest request) {
        language(lang);
        // the bytes of the latest version, prepared once per version and language (RegisterReads says how "latest" stays fresh)
        PreparedAnswers.Answer entry = answers.algoritmeEntry(lars, english(lang))
                .orElseThrow(() -> NotFoundException.of("problem.notFound.algorithm", lars));
        return PublicRegisterApi.cached(entry, request);
    }

    private static boolean english(String lang) {
        return lang.equalsIgnoreCase("ENG");
    }

    private static void language(String lang) {
        String upper = lang.toUpperCase(Locale.ROOT);
        if (!upper.equals("NLD") && !upper.equals("ENG")) {
            throw InvalidInputException.of("problem.register.language", List.of(FieldProblem.of("lang", "problem.register.languages")));
        }
    }

}
