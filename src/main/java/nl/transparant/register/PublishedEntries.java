package nl.transparant.register;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface PublishedEntries extends JpaRepository<PublishedEntry, Long> {

    String LATEST = "e.versionNumber = (select max(v.versionNumber) from PublishedEntry v where v.lars = e.lars)";

    @Query("select e from PublishedEntry e where " + LATEST + " order by e.name")
    List<PublishedEntry> findLatest();

    /** Plain substring search over the published text, until the register's full-text search arrives. */
    @Query("select e from PublishedEntry e where " + LATEST
            + " and lower(e.fields) like lower(concat('%', :text, '%')) escape '\\' order by e.name")
    List<PublishedEntry> searchLatest(@Param("text") String escapedText);

    Optional<PublishedEntry> findFirstByLarsOrderByVersionNumberDesc(String lars);

    Optional<PublishedEntry> findFirstByCaseIdOrderByVersionNumberDesc(String caseId);

    Optional<PublishedEntry> findByLarsAndVersionNumber(String lars, int versionNumber);

    List<PublishedEntry> findByLarsOrderByVersionNumberDesc(String lars);

    boolean existsByLars(String lars);
}
