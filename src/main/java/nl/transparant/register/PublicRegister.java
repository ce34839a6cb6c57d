package nl.transparant.register;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.NotFoundException;
import nl.transparant.standard.RegisterStandard;
import nl.transparant.standard.Text;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** What the public may read: published versions only, never drafts or internal fields. */
@Service
@Transactional(readOnly = true)
public class PublicRegister {

    static final int MAX_SEARCH_LENGTH = 200;
    static final int MAX_FILTER_LENGTH = 200;

    private final PublishedEntries entries;
    private final RegisterSearch search;
    private final RegisterStandard standard;

    PublicRegister(PublishedEntries entries, RegisterSearch search, RegisterStandard standard) {
        this.entries = entries;
        this.search = search;
        this.standard = standard;
    }

    /** The latest version of every entry matching the words (all entries when blank), by name. */
    public List<PublishedEntry> current(String searchText) {
        RegisterQuery query = new RegisterQuery(searchText, null, null, null, null, null, null, RegisterQuery.Sort.NAME_ASC, 1,
                Integer.MAX_VALUE);
        validate(query);
        List<String> lars = search.lars(query);
        Map<String, PublishedEntry> latest = entries.findLatest().stream()
                .collect(Collectors.toMap(PublishedEntry::getLars, Function.identity(), (a, b) -> a));
        return lars.stream().map(latest::get).filter(java.util.Objects::nonNull)
                .sorted(Comparator.comparing(PublishedEntry::getName, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /**
     * Search, filters, order and paging over the latest versions; a question the register cannot answer is a 400. Not in
     * a transaction of its own: the question and the page's fields are answered from memory ({@link RegisterReads}), so a
     * database connection is taken only for the generation check (once a second) rather than for the whole search (under
     * load, 64 overview pages holding the pool's connections made others wait past its 3 s limit: 503s).
     */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public SearchResult search(RegisterQuery query) {
        validate(query);
        return search.search(query);
    }

    /** The same search, each entry with its English texts where it has them (the search itself runs on the Dutch). */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public SearchResult searchInEnglish(RegisterQuery query) {
        validate(query);
        return search.search(query, true);
    }

    /** The same search as the JSON bytes of the national register's API ({@link RegisterSearch#searchAsJson}). */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    byte[] searchAsJson(RegisterQuery query, boolean english) {
        validate(query);
        return search.searchAsJson(query, english);
    }

    // the database compares ids under its collation (a trailing or zero-width space, full-width digits match): only the
    // exact id is the entry, so that an entry has one address and no alias of it is served or cached
    public PublishedEntry latest(String lars) {
        return entries.findFirstByLarsOrderByVersionNumberDesc(lars).filter(e -> e.getLars().equals(lars))
                .orElseThrow(() -> NotFoundException.of("problem.notFound.algorithm", lars));
    }

    public PublishedEntry version(String lars, int version) {
        return entries.findByLarsAndVersionNumber(lars, version).filter(e -> e.getLars().equals(lars))
                .orElseThrow(() -> NotFoundException.of("problem.notFound.version", lars, String.valueOf(version)));
    }

    /**
     * A version number as the register writes it (1, 2, …): "01", "+1" or "1.0" is no address of version 1, which
     * would otherwise be one more address of a page or file any cache may keep for a year.
     */
    static java.util.Optional<Integer> versionNumber(String written) {
        return written.matches("[1-9][0-9]{0,8}") ? java.util.Optional.of(Integer.parseInt(written)) : java.util.Optional.empty();
    }

    public List<PublishedEntry> history(String lars) {
        List<PublishedEntry> versions = entries.findByLarsOrderByVersionNumberDesc(lars).stream()
                .filter(e -> e.getLars().equals(lars)).toList();
        if (versions.isEmpty()) {
            throw NotFoundException.of("problem.notFound.algorithm", lars);
        }
        return versions;
    }

    /** The newest published versions first (publications, changes and retirements alike), for the feed. */
    public List<PublishedEntry> recentVersions(int count) {
        return entries.findAll(org.springframework.data.domain.PageRequest.of(0, count,
                org.springframework.data.domain.Sort.by(org.springframework.data.domain.Sort.Direction.DESC, "publishedAt", "id")))
                .getContent();
    }

    private void validate(RegisterQuery query) {
        List<FieldProblem> problems = new ArrayList<>();
        if (query.page() < 1) {
            problems.add(FieldProblem.of("page", "problem.register.page"));
        }
        if (query.limit() < 1 || query.limit() > RegisterQuery.MAX_LIMIT && query.limit() != Integer.MAX_VALUE) {
            problems.add(FieldProblem.of("limit", "problem.register.limit", RegisterQuery.MAX_LIMIT));
        }
        if (query.searchText() != null && query.searchText().length() > MAX_SEARCH_LENGTH) {
            problems.add(FieldProblem.of("searchtext", "problem.register.atMost", MAX_SEARCH_LENGTH));
        }
        for (var filter : Map.of("organisation", nullToEmpty(query.organisation()), "organisationtype", nullToEmpty(query.organisationType()),
                "impact_assessment", nullToEmpty(query.impactAssessment())).entrySet()) {
            if (filter.getValue().length() > MAX_FILTER_LENGTH) {
                problems.add(FieldProblem.of(filter.getKey(), "problem.register.atMost", MAX_FILTER_LENGTH));
            }
        }
        permitted(problems, "publicationcategory", "publication_category", query.publicationCategory());
        permitted(problems, "status", "status", query.status());
        permitted(problems, "category", "category", query.theme());
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("problem.register.question", problems);
        }
    }

    /** Filters on a field with permitted values take exactly those values, in Dutch as the standard has them. */
    private void permitted(List<FieldProblem> problems, String parameter, String field, String value) {
        if (value == null) {
            return;
        }
        List<String> allowed = standard.field(field).map(f -> f.permittedValues().stream().map(Text::nl).toList()).orElse(List.of());
        if (!allowed.contains(value)) {
            problems.add(FieldProblem.of(parameter, "problem.register.oneOf", String.join(", ", allowed)));
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
