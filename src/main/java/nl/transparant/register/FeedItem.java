package nl.transparant.register;

import java.time.Instant;

/**
 * An entry of the register's Atom feed that another module announces (the decision log's signed checkpoints, say).
 * {@code path} is relative to the application's root.
 */
public record FeedItem(String id, String title, Instant updated, String path, String category, String categoryLabel, String summary) {
}
