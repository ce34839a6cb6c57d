package nl.transparant.register;

import java.util.List;
import java.util.Locale;

/** A module with entries of its own for the register's feed; the register need not know it. */
public interface FeedItemSource {

    /** At most {@code max} entries, newest first. */
    List<FeedItem> recentFeedItems(int max);

    /** The same in the feed's language (Dutch, or English for {@code ?lang=en}); Dutch unless the source can do better. */
    default List<FeedItem> recentFeedItems(int max, Locale language) {
        return recentFeedItems(max);
    }
}
