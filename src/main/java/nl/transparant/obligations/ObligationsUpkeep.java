package nl.transparant.obligations;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.CaseStage;
import nl.transparant.cases.Cases;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.obligations.ObligationEvents.CatalogueChangeAcknowledged;
import nl.transparant.obligations.ObligationEvents.CatalogueChangeNoticed;
import nl.transparant.obligations.ObligationEvents.CatalogueChanged;
import nl.transparant.problems.ConflictException;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.workflow.livingentry.EntryUpkeepProcess;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the obligations of running cases current: when a reload brings a new version of a requirement or measure, or
 * a new one, that applies to a case, its owner gets a task on the case page (once per version); for a published entry
 * the living entry's re-review ({@code processes/entry-re-review.bpmn}) comes due at once, so the owner checks the entry too.
 */
@Service
public class ObligationsUpkeep {

    private final JdbcTemplate jdbc;
    private final Obligations obligations;
    private final Cases cases;
    private final EntryUpkeepProcess upkeep;
    private final ApplicationEventPublisher events;

    ObligationsUpkeep(JdbcTemplate jdbc, Obligations obligations, Cases cases, EntryUpkeepProcess upkeep, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.obligations = obligations;
        this.cases = cases;
        this.upkeep = upkeep;
        this.events = events;
    }

    /** One changed item the owner has not looked at yet. */
    public record Notice(String urn, String version, String name, Instant noticedAt) {
    }

    @EventListener
    @Transactional
    public void on(CatalogueChanged changed) {
        Set<String> urns = Set.copyOf(changed.changedUrns());
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        List<Map<String, Object>> running = jdbc.queryForList("SELECT id, organisation_code, stage FROM algorithm_case WHERE stage NOT IN"
                + " ('DRAFT', 'REJECTED', 'STOPPED', 'RETIRED')");
        for (Map<String, Object> row : running) {
            String caseId = (String) row.get("id");
            List<String> noticed = new ArrayList<>();
            for (CatalogueItem item : obligations.applicableItems(caseId)) {
                if (!urns.contains(item.urn())) {
                    continue;
                }
                int updated = jdbc.update("UPDATE obligation_notice SET item_version = ?, noticed_at = ?, acknowledged_by = NULL,"
                        + " acknowledged_at = NULL WHERE case_id = ? AND item_urn = ? AND item_version <> ?", item.version(), now, caseId,
                        item.urn(), item.version());
                if (updated == 0 && jdbc.queryForObject("SELECT COUNT(*) FROM obligation_notice WHERE case_id = ? AND item_urn = ?",
                        Integer.class, caseId, item.urn()) == 0) {
                    jdbc.update("INSERT INTO obligation_notice (case_id, item_urn, item_version, noticed_at) VALUES (?,?,?,?)", caseId,
                            item.urn(), item.version(), now);
                    updated = 1;
                }
                if (updated > 0) {
                    noticed.add(item.urn());
                }
            }
            if (!noticed.isEmpty()) {
                boolean published = CaseStage.PUBLISHED.name().equals(row.get("stage"));
                events.publishEvent(new CatalogueChangeNoticed(caseId, (String) row.get("organisation_code"), List.copyOf(noticed), published));
                if (published) {
                    upkeep.bringForward(caseId);
                }
            }
        }
    }

    /** The changed items of the case its owner has not looked at yet; callers checked that the person may read the case. */
    @Transactional(readOnly = true)
    public List<Notice> open(String caseId) {
        Map<String, CatalogueItem> items = obligations.catalogue().items();
        return jdbc.query("SELECT item_urn, item_version, noticed_at FROM obligation_notice WHERE case_id = ? AND acknowledged_at IS NULL"
                + " ORDER BY item_urn", (rs, n) -> {
                    String urn = rs.getString("item_urn");
                    CatalogueItem item = items.get(urn);
                    return new Notice(urn, rs.getString("item_version"), item == null ? urn : item.name(), rs.getTimestamp("noticed_at").toInstant());
                }, caseId);
    }

    @Transactional
    public void acknowledge(StaffUser owner, String caseId) {
        AlgorithmCase c = cases.read(owner, caseId);
        if (!owner.has(Role.PROJECT_OWNER)) {
            throw new ForbiddenException("Only a project owner of the case's organisation looks at its changed obligations.");
        }
        List<String> urns = open(c.getId()).stream().map(Notice::urn).toList();
        if (urns.isEmpty()) {
            throw new ConflictException("No changed obligations are waiting for this case.");
        }
        jdbc.update("UPDATE obligation_notice SET acknowledged_by = ?, acknowledged_at = ? WHERE case_id = ? AND acknowledged_at IS NULL",
                owner.id(), Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)), c.getId());
        events.publishEvent(new CatalogueChangeAcknowledged(c.getId(), c.getOrganisationCode(), owner.id(), urns));
    }
}
