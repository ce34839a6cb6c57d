package nl.transparant.register;

import java.util.List;

/** A module with entries of its own for the register's feed; the register need not know it. */
public interface FeedItemSource {

    /** At most {@code max} entries, newest first. */
    List<FeedItem> recentFeedItems(int max);
}
