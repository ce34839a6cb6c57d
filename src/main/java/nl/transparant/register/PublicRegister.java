package nl.transparant.register;

import java.util.List;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the public may read: published versions only, never drafts or internal fields. */
@Service
@Transactional(readOnly = true)
public class PublicRegister {

    static final int MAX_SEARCH_LENGTH = 200;

    private final PublishedEntries entries;

    PublicRegister(PublishedEntries entries) {
        this.entries = entries;
    }

    public List<PublishedEntry> current(String searchText) {
        if (searchText == null || searchText.isBlank()) {
            return entries.findLatest();
        }
        if (searchText.length() > MAX_SEARCH_LENGTH) {
            throw new InvalidInputException("Search text is at most " + MAX_SEARCH_LENGTH + " characters.");
        }
        String escaped = searchText.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return entries.searchLatest(escaped);
    }

    public PublishedEntry latest(String lars) {
        return entries.findFirstByLarsOrderByVersionNumberDesc(lars)
                .orElseThrow(() -> new NotFoundException("No published algorithm with id '" + lars + "'."));
    }

    public PublishedEntry version(String lars, int version) {
        return entries.findByLarsAndVersionNumber(lars, version)
                .orElseThrow(() -> new NotFoundException("Algorithm '" + lars + "' has no published version " + version + "."));
    }

    public List<PublishedEntry> history(String lars) {
        List<PublishedEntry> versions = entries.findByLarsOrderByVersionNumberDesc(lars);
        if (versions.isEmpty()) {
            throw new NotFoundException("No published algorithm with id '" + lars + "'.");
        }
        return versions;
    }
}
