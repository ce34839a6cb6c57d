package nl.transparant.organisations;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Organisations' names for showing, from memory: every case read named its organisation with a select of its own
 * (about ten per review cycle, issue 14), for names that change a few times a year. A change on this node empties the
 * cache once it is committed; a change on another node shows here within {@link #AT_MOST_STALE}. What is stored (a
 * published entry's organisation) reads the directory itself, not this cache.
 */
@Component
public class OrganisationNames {

    static final Duration AT_MOST_STALE = Duration.ofMinutes(1);

    private final LoadingCache<String, String> names;

    OrganisationNames(OrganisationDirectory directory) {
        this.names = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(AT_MOST_STALE).build(directory::nameOf);
    }

    /** The organisation's name, or the code itself for an organisation the directory does not know. */
    public String of(String code) {
        return code == null ? null : names.get(code);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void changed(OrganisationChanged change) {
        names.invalidateAll();
    }
}
