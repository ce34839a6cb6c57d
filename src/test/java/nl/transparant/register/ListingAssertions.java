package nl.transparant.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the register's listing row of an entry must say, on the embedded database and on MariaDB alike (its write is one
 * insert-or-update statement whose semantics differ between the two if written carelessly): the latest version, whatever
 * order versions are recorded in, and the time of the first publication.
 */
final class ListingAssertions {

    private ListingAssertions() {
    }

    /** {@code inTransaction} runs a listing's write as the application does, in a transaction. */
    static void theListingFollowsTheLatestVersion(JdbcTemplate jdbc, PublishedEntries entries, RegisterListing listing, PublishedEntry first,
            java.util.function.Consumer<Runnable> inTransaction) {
        Map<String, Object> listed = row(jdbc, first.getLars());
        assertThat(listed.get("version_number")).isEqualTo(1);
        Timestamp firstPublished = (Timestamp) listed.get("first_published_at");

        Map<String, Object> third = new LinkedHashMap<>(first.getFields());
        third.put("name", "Derde versie " + first.getLars());
        third.put("status", "Buiten gebruik");
        Instant later = Instant.now().plus(2, ChronoUnit.DAYS);
        PublishedEntry savedThird = entries.save(new PublishedEntry(first.getCaseId(), first.getLars(), 3, first.getOrganisationCode(),
                third, later, "publisher-zoetermeer"));
        inTransaction.accept(() -> listing.record(savedThird));
        Map<String, Object> second = new LinkedHashMap<>(first.getFields());
        second.put("name", "Tweede versie " + first.getLars());
        // a version recorded late (an import, a slower node): it must not replace the later one
        PublishedEntry savedSecond = entries.save(new PublishedEntry(first.getCaseId(), first.getLars(), 2, first.getOrganisationCode(),
                second, Instant.now().plus(1, ChronoUnit.DAYS), "publisher-zoetermeer"));
        inTransaction.accept(() -> listing.record(savedSecond));

        listed = row(jdbc, first.getLars());
        assertThat(listed.get("version_number")).isEqualTo(3);
        assertThat(((Number) listed.get("entry_id")).longValue()).isEqualTo(savedThird.getId());
        assertThat(listed.get("name")).isEqualTo("Derde versie " + first.getLars());
        assertThat(listed.get("status")).isEqualTo("Buiten gebruik");
        assertThat(listed.get("first_published_at")).as("the first publication, not the third's").isEqualTo(firstPublished);
        assertThat(((Timestamp) listed.get("published_at")).toInstant()).isCloseTo(later, org.assertj.core.api.Assertions.within(1, ChronoUnit.SECONDS));
        assertThat(jdbc.queryForObject("select count(*) from register_listing where lars = ?", Integer.class, first.getLars())).isEqualTo(1);
    }

    private static Map<String, Object> row(JdbcTemplate jdbc, String lars) {
        return jdbc.queryForMap("select entry_id, version_number, name, status, first_published_at, published_at from register_listing"
                + " where lars = ?", lars);
    }
}
