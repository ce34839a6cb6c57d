package nl.transparant.organisations;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import nl.transparant.identity.OrganisationClaims;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Which organisation a value of Keycloak's {@code organization} claim names: the one with that code, else the one with
 * that national id (case does not matter for the national id). A value that names no organisation is kept as it is:
 * it grants nothing, since every check compares it with an organisation's code. The table is read once and again
 * after every committed change of an organisation.
 */
@Component
class ClaimMatching implements OrganisationClaims {

    private final OrganisationDirectory directory;
    /** Moves on with every committed change; a table read before it (even while the change committed) is read again. */
    private final AtomicLong generation = new AtomicLong();
    private volatile Table table;

    private record Table(long generation, Map<String, String> codeByClaim) {
    }

    ClaimMatching(OrganisationDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Set<String> codesFor(Collection<String> claimValues) {
        Map<String, String> table = table();
        Set<String> codes = new LinkedHashSet<>();
        for (String value : claimValues) {
            codes.add(table.getOrDefault(value, table.getOrDefault(value.toLowerCase(Locale.ROOT), value)));
        }
        return codes;
    }

    /** The claim values that name this organisation, for the administrator's page. */
    static List<String> claimValuesOf(OrganisationData organisation) {
        return organisation.nationalId() == null ? List.of(organisation.code()) : List.of(organisation.code(), organisation.nationalId());
    }

    private Map<String, String> table() {
        Table current = table;
        long now = generation.get();
        if (current == null || current.generation() != now) {
            List<Organisation> all = directory.findAll();
            Map<String, String> built = new HashMap<>();
            all.stream().filter(o -> o.getNationalId() != null).forEach(o -> built.put(o.getNationalId(), o.getCode()));
            // a code wins over a national id that happens to look the same
            all.forEach(o -> built.put(o.getCode(), o.getCode()));
            current = new Table(now, Map.copyOf(built));
            table = current;
        }
        return current.codeByClaim();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(OrganisationChanged changed) {
        generation.incrementAndGet();
    }
}
