package nl.transparant.register;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.transparant.organisations.Organisation;
import nl.transparant.organisations.OrganisationDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps {@code register_listing} in step with the published versions: one row per entry describing its latest
 * version, written in the same transaction as the version itself, so search never sees one without the other.
 */
@Component
class RegisterListing {

    private static final Logger log = LoggerFactory.getLogger(RegisterListing.class);
    private static final List<String> SEARCHED_FIELDS = List.of("name", "description_short", "goal", "organization", "tags");

    private final NamedParameterJdbcTemplate jdbc;
    private final OrganisationDirectory organisations;
    private final PublishedEntries entries;
    private final RegisterReads reads;

    RegisterListing(NamedParameterJdbcTemplate jdbc, OrganisationDirectory organisations, PublishedEntries entries, RegisterReads reads) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.entries = entries;
        this.reads = reads;
    }

    /** Makes this version the one the search describes, unless a later version already is. */
    void record(PublishedEntry entry) {
        // every write of a version passes here (publication, change, retirement, import, listing at start)
        Map<String, Object> fields = entry.getFields();
        Organisation organisation = organisations.findById(entry.getOrganisationCode()).orElse(null);
        // a first version is the first publication itself; only a later one asks when the entry first appeared
        Timestamp firstPublished = entry.getVersionNumber() <= 1 ? null : jdbc.queryForObject(
                "select min(published_at) from published_entry where lars = :lars", Map.of("lars", entry.getLars()), Timestamp.class);
        MapSqlParameterSource row = new MapSqlParameterSource()
                .addValue("lars", entry.getLars())
                .addValue("entryId", entry.getId())
                .addValue("version", entry.getVersionNumber())
                .addValue("organisationCode", entry.getOrganisationCode())
                .addValue("organisationName", truncate(organisation == null ? text(fields.get("organization")) : organisation.getName(), 100))
                .addValue("organisationType", truncate(organisation == null ? "" : organisation.getOrganisationType(), 60))
                .addValue("name", truncate(entry.getName(), 100))
                .addValue("sortName", truncate(SearchText.fold(entry.getName()), 100))
                .addValue("status", truncate(text(fields.get("status")), 60))
                .addValue("category", truncate(text(fields.get("publication_category")), 60))
                .addValue("themes", truncate(delimited(values(fields.get("category"))), 2000))
                .addValue("assessments", truncate(delimited(assessmentTitles(fields.get("impacttoetsen_grouping"))), 4000))
                .addValue("searchText", searchText(fields, entry.getEnglishFields()))
                .addValue("firstPublished", firstPublished == null ? Timestamp.from(entry.getPublishedAt()) : firstPublished)
                .addValue("published", Timestamp.from(entry.getPublishedAt()));
        // one statement, written or replaced (it was an update, a count and an insert, issue 14); a row that already
        // describes a later version keeps it. version_number is assigned last, so every condition reads the row's old
        // version, in MariaDB (which applies the assignments in order) as in H2's MariaDB mode
        jdbc.update("""
                insert into register_listing (lars, entry_id, version_number, organisation_code, organisation_name,
                    organisation_type, name, sort_name, status, publication_category, themes, impact_assessments,
                    search_text, first_published_at, published_at)
                values (:lars, :entryId, :version, :organisationCode, :organisationName, :organisationType, :name, :sortName,
                    :status, :category, :themes, :assessments, :searchText, :firstPublished, :published)
                on duplicate key update
                    entry_id = case when version_number <= values(version_number) then values(entry_id) else entry_id end,
                    organisation_code = case when version_number <= values(version_number) then values(organisation_code) else organisation_code end,
                    organisation_name = case when version_number <= values(version_number) then values(organisation_name) else organisation_name end,
                    organisation_type = case when version_number <= values(version_number) then values(organisation_type) else organisation_type end,
                    name = case when version_number <= values(version_number) then values(name) else name end,
                    sort_name = case when version_number <= values(version_number) then values(sort_name) else sort_name end,
                    status = case when version_number <= values(version_number) then values(status) else status end,
                    publication_category = case when version_number <= values(version_number) then values(publication_category) else publication_category end,
                    themes = case when version_number <= values(version_number) then values(themes) else themes end,
                    impact_assessments = case when version_number <= values(version_number) then values(impact_assessments) else impact_assessments end,
                    search_text = case when version_number <= values(version_number) then values(search_text) else search_text end,
                    first_published_at = case when version_number <= values(version_number) then values(first_published_at) else first_published_at end,
                    published_at = case when version_number <= values(version_number) then values(published_at) else published_at end,
                    version_number = case when version_number <= values(version_number) then values(version_number) else version_number end""",
                row);
        // the search's index takes the row as written here once the transaction commits (no reload of the listing)
        reads.recorded(new RegisterSnapshot.Listed(entry.getLars(), entry.getId(), entry.getVersionNumber(),
                entry.getOrganisationCode(), (String) row.getValue("organisationName"), (String) row.getValue("organisationType"),
                (String) row.getValue("sortName"), (String) row.getValue("status"), (String) row.getValue("category"),
                (String) row.getValue("themes"), (String) row.getValue("assessments"), (String) row.getValue("searchText"),
                RegisterSnapshot.micros(entry.getPublishedAt()), RegisterSnapshot.utf8(entry.fieldsJson()),
                entry.englishFieldsJson() == null ? null : RegisterSnapshot.utf8(entry.englishFieldsJson())));
    }

    /** Entries published before the listing existed (or written around it) are listed at start. */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void listUnlisted() {
        List<Long> missing = jdbc.queryForList("""
                select e.id from published_entry e
                where e.version_number = (select max(v.version_number) from published_entry v where v.lars = e.lars)
                  and not exists (select 1 from register_listing l where l.lars = e.lars and l.version_number = e.version_number)""",
                Map.of(), Long.class);
        entries.findAllById(missing).forEach(this::record);
        if (!missing.isEmpty()) {
            log.info("Listed {} published register entries for search", missing.size());
        }
        // entries with English texts listed by a build whose search took in the Dutch texts only: listed again
        List<Long> outdated = new ArrayList<>();
        jdbc.query("""
                select e.id, l.search_text from register_listing l
                join published_entry e on e.id = l.entry_id where e.english_fields is not null""", Map.of(), row -> {
            PublishedEntry entry = entries.findById(row.getLong(1)).orElse(null);
            if (entry != null && !searchText(entry.getFields(), entry.getEnglishFields()).equals(row.getString(2))) {
                outdated.add(entry.getId());
            }
        });
        entries.findAllById(outdated).forEach(this::record);
        if (!outdated.isEmpty()) {
            log.info("Listed {} register entries again so that their English texts are searched too", outdated.size());
        }
    }

    static String searchText(Map<String, Object> fields) {
        return searchText(fields, Map.of());
    }

    /**
     * The searched texts in Dutch and, where the owner wrote them, in English: a reader finds an entry by the words of
     * either page (an English search used to find only what the Dutch texts said).
     */
    static String searchText(Map<String, Object> fields, Map<String, Object> englishFields) {
        return Stream.concat(SEARCHED_FIELDS.stream().map(fields::get), SEARCHED_FIELDS.stream().map(englishFields::get))
                .map(value -> SearchText.fold(text(value)))
                .filter(s -> !s.isEmpty())
                .distinct()
                .collect(Collectors.joining(" \n "));
    }

    static List<String> values(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().filter(v -> v != null && !String.valueOf(v).isBlank()).map(String::valueOf).toList();
        }
        return value == null || String.valueOf(value).isBlank() ? List.of() : List.of(String.valueOf(value));
    }

    static List<String> assessmentTitles(Object grouping) {
        if (!(grouping instanceof Collection<?> rows)) {
            return List.of();
        }
        Set<String> titles = new LinkedHashSet<>();
        for (Object row : rows) {
            if (row instanceof Map<?, ?> map && map.get("title") != null && !String.valueOf(map.get("title")).isBlank()) {
                titles.add(String.valueOf(map.get("title")).strip());
            }
        }
        return List.copyOf(titles);
    }

    /** '|a|b|' so that LIKE '%|a|%' matches a whole value and never a part of one. */
    static String delimited(List<String> values) {
        return values.isEmpty() ? "|" : "|" + values.stream().map(v -> v.replace("|", "/")).collect(Collectors.joining("|")) + "|";
    }

    static List<String> undelimited(String stored) {
        return stored == null ? List.of() : Stream.of(stored.split("\\|")).filter(s -> !s.isEmpty()).toList();
    }

    private static String text(Object value) {
        return value == null ? "" : value instanceof Collection<?> c ? String.join(" ", values(c)) : String.valueOf(value);
    }

    private static String truncate(String value, int max) {
        String v = value == null ? "" : value;
        return v.length() <= max ? v : v.substring(0, max);
    }
}
