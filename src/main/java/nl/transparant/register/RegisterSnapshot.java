package nl.transparant.register;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * {@code register_listing} as of one generation ({@link RegisterReads}), in memory and indexed, so that a search and
 * its filter counts cost no database scan: the facts of every entry for the filters and counts, and the words of its
 * folded search text with, per distinct word, the entries that hold it.
 *
 * <p>The search keeps its meaning: every search word must occur (anywhere, also inside a longer word) in the folded
 * name, short description, goal, organisation or tags ({@link SearchText}). A search word holds no spaces, so it occurs
 * in the text exactly when it occurs in one of the text's words; the index therefore looks the word up among the
 * distinct words of the register (some thousands), not in the text of every entry, and keeps the answer per word for
 * this generation. Filters compare as MariaDB's case-insensitive collation does. Entries are held in the order the
 * database sorts them by name, so that ordering by name is the order of the index.
 *
 * <p>Memory: the facts and the per-word lists of entries, not the texts. It is loaded on the first search after a
 * change, in one query that reads the whole listing (texts included): a cost per publication that grows with the
 * register, paid by the first search after it (while it loads, searches wait for it).
 */
final class RegisterSnapshot {

    private static final int MAX_CACHED_WORDS = 2_000;

    private final RegisterReads.Generation generation;
    private final int size;
    private final String[] lars;
    private final long[] entryIds;
    private final String[] sortNames;
    private final String[] organisationNames;
    private final String[] organisationCodes;
    private final String[] organisationTypes;
    private final String[] categories;
    private final String[] statuses;
    private final List<List<String>> themes;
    private final List<List<String>> assessments;
    /** Ordinals by publication, oldest first; ties in name order. */
    private final int[] oldestFirst;
    /** Ordinals by publication, newest first; ties in name order. */
    private final int[] newestFirst;
    private final String[] words;
    private final int[][] holders;
    private final Map<String, BitSet> byWord = new ConcurrentHashMap<>();
    private final Map<String, List<FacetValue>> allFacets;

    private RegisterSnapshot(RegisterReads.Generation generation, List<Row> rows) {
        this.generation = generation;
        this.size = rows.size();
        lars = new String[size];
        entryIds = new long[size];
        sortNames = new String[size];
        organisationNames = new String[size];
        organisationCodes = new String[size];
        organisationTypes = new String[size];
        categories = new String[size];
        statuses = new String[size];
        themes = new ArrayList<>(size);
        assessments = new ArrayList<>(size);
        long[] published = new long[size];
        Map<String, String> interned = new HashMap<>();
        Map<String, IntList> wordHolders = new HashMap<>();
        for (int i = 0; i < size; i++) {
            Row row = rows.get(i);
            lars[i] = row.lars();
            entryIds[i] = row.entryId();
            sortNames[i] = row.sortName();
            organisationNames[i] = intern(interned, row.organisationName());
            organisationCodes[i] = intern(interned, row.organisationCode());
            organisationTypes[i] = intern(interned, row.organisationType());
            categories[i] = intern(interned, row.category());
            statuses[i] = intern(interned, row.status());
            themes.add(RegisterListing.undelimited(row.themes()).stream().map(v -> intern(interned, v)).toList());
            assessments.add(RegisterListing.undelimited(row.assessments()).stream().map(v -> intern(interned, v)).toList());
            published[i] = row.publishedAt();
            int ordinal = i;
            Arrays.stream(row.searchText().split("[ \n]")).filter(w -> !w.isEmpty()).distinct()
                    .forEach(w -> wordHolders.computeIfAbsent(w, k -> new IntList()).add(ordinal));
        }
        words = wordHolders.keySet().toArray(String[]::new);
        holders = new int[words.length][];
        for (int w = 0; w < words.length; w++) {
            holders[w] = wordHolders.get(words[w]).toArray();
        }
        Integer[] byTime = new Integer[size];
        Arrays.setAll(byTime, i -> i);
        Arrays.sort(byTime, Comparator.comparingLong((Integer i) -> published[i]).thenComparingInt(i -> i));
        oldestFirst = Arrays.stream(byTime).mapToInt(Integer::intValue).toArray();
        Arrays.sort(byTime, Comparator.comparingLong((Integer i) -> -published[i]).thenComparingInt(i -> i));
        newestFirst = Arrays.stream(byTime).mapToInt(Integer::intValue).toArray();
        BitSet all = new BitSet(size);
        all.set(0, size);
        allFacets = facets(all);
    }

    private record Row(String lars, long entryId, String organisationCode, String organisationName, String organisationType,
            String sortName, String status, String category, String themes, String assessments, String searchText, long publishedAt) {
    }

    /** Reads the listing in the database's name order (the order the search gave before it was in memory). */
    static RegisterSnapshot load(NamedParameterJdbcTemplate jdbc, RegisterReads.Generation generation) {
        List<Row> rows = jdbc.query("""
                select lars, entry_id, organisation_code, organisation_name, organisation_type, sort_name, status,
                       publication_category, themes, impact_assessments, search_text, published_at
                from register_listing order by sort_name asc, lars asc""", Map.of(),
                (rs, i) -> {
                    java.time.Instant published = rs.getTimestamp(12).toInstant();
                    return new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                            published.getEpochSecond() * 1_000_000 + published.getNano() / 1_000);
                });
        return new RegisterSnapshot(generation, rows);
    }

    RegisterReads.Generation generation() {
        return generation;
    }

    /** One page of a question: the entry ids of the page in order, how many match, and the filter counts. */
    record Page(List<Long> entryIds, int total, Map<String, List<FacetValue>> facets) {
    }

    Page search(RegisterQuery query) {
        List<String> terms = SearchText.terms(query.searchText());
        BitSet matches = new BitSet(size);
        matches.set(0, size);
        for (String term : terms) {
            matches.and(holding(term));
        }
        keep(matches, i -> query.organisation() == null || query.organisation().equalsIgnoreCase(organisationNames[i])
                || query.organisation().equalsIgnoreCase(organisationCodes[i]));
        keep(matches, i -> query.organisationType() == null || query.organisationType().equalsIgnoreCase(organisationTypes[i]));
        keep(matches, i -> query.status() == null || query.status().equalsIgnoreCase(statuses[i]));
        keep(matches, i -> query.publicationCategory() == null || query.publicationCategory().equalsIgnoreCase(categories[i]));
        keep(matches, i -> query.theme() == null || themes.get(i).stream().anyMatch(query.theme()::equalsIgnoreCase));
        keep(matches, i -> query.impactAssessment() == null || assessments.get(i).stream().anyMatch(query.impactAssessment()::equalsIgnoreCase));
        int total = matches.cardinality();
        long offset = (query.page() - 1L) * query.limit();
        List<Long> page = new ArrayList<>();
        if (offset < total) {
            int[] ordered = order(query, terms, matches, (int) Math.min(total, offset + query.limit()));
            for (long i = offset; i < ordered.length; i++) {
                page.add(entryIds[ordered[(int) i]]);
            }
        }
        return new Page(page, total, query.filtered() ? facets(matches) : allFacets);
    }

    /** The entries whose text holds the word: the distinct words are scanned once per word and generation. */
    private BitSet holding(String term) {
        BitSet cached = byWord.get(term);
        if (cached != null) {
            return cached;
        }
        BitSet found = new BitSet(size);
        for (int w = 0; w < words.length; w++) {
            if (words[w].contains(term)) {
                for (int i : holders[w]) {
                    found.set(i);
                }
            }
        }
        if (byWord.size() < MAX_CACHED_WORDS) {
            byWord.put(term, found);
        }
        return found;
    }

    private static void keep(BitSet matches, java.util.function.IntPredicate test) {
        for (int i = matches.nextSetBit(0); i >= 0; i = matches.nextSetBit(i + 1)) {
            if (!test.test(i)) {
                matches.clear(i);
            }
        }
    }

    /** The first {@code count} matches in the question's order; ties go by name, then id, as ever. */
    private int[] order(RegisterQuery query, List<String> terms, BitSet matches, int count) {
        int[] out = new int[count];
        int n = 0;
        RegisterQuery.Sort sort = query.sort() == RegisterQuery.Sort.RELEVANCE && terms.isEmpty() ? RegisterQuery.Sort.NAME_ASC
                : query.sort();
        switch (sort) {
            case NAME_DESC -> {
                for (int i = matches.previousSetBit(size - 1); i >= 0 && n < count; i = matches.previousSetBit(i - 1)) {
                    out[n++] = i;
                }
            }
            case NEWEST, OLDEST -> {
                for (int i : sort == RegisterQuery.Sort.NEWEST ? newestFirst : oldestFirst) {
                    if (n == count) {
                        break;
                    }
                    if (matches.get(i)) {
                        out[n++] = i;
                    }
                }
            }
            case RELEVANCE -> {
                // entries whose name holds more of the words first: a bucket per number of words the name misses
                List<IntList> buckets = new ArrayList<>();
                for (int b = 0; b <= terms.size(); b++) {
                    buckets.add(new IntList());
                }
                for (int i = matches.nextSetBit(0); i >= 0; i = matches.nextSetBit(i + 1)) {
                    int misses = 0;
                    for (String term : terms) {
                        if (!sortNames[i].contains(term)) {
                            misses++;
                        }
                    }
                    buckets.get(misses).add(i);
                }
                for (IntList bucket : buckets) {
                    for (int k = 0; k < bucket.size && n < count; k++) {
                        out[n++] = bucket.values[k];
                    }
                }
            }
            default -> {
                for (int i = matches.nextSetBit(0); i >= 0 && n < count; i = matches.nextSetBit(i + 1)) {
                    out[n++] = i;
                }
            }
        }
        return out;
    }

    private Map<String, List<FacetValue>> facets(BitSet matches) {
        Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
        facets.put("organisation", count(matches, i -> List.of(organisationNames[i])));
        facets.put("organisationtype", count(matches, i -> List.of(organisationTypes[i])));
        facets.put("publicationcategory", count(matches, i -> List.of(categories[i])));
        facets.put("status", count(matches, i -> List.of(statuses[i])));
        facets.put("category", count(matches, themes::get));
        facets.put("impact_assessment", count(matches, assessments::get));
        return facets;
    }

    private static List<FacetValue> count(BitSet matches, IntFunction<List<String>> values) {
        Map<String, Integer> counts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = matches.nextSetBit(0); i >= 0; i = matches.nextSetBit(i + 1)) {
            for (String value : values.apply(i)) {
                if (value != null && !value.isBlank()) {
                    counts.merge(value, 1, Integer::sum);
                }
            }
        }
        return counts.entrySet().stream().map(e -> new FacetValue(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(FacetValue::value, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    private static String intern(Map<String, String> interned, String value) {
        return value == null ? null : interned.computeIfAbsent(value, v -> v);
    }

    /** A growable list of ints, without boxing. */
    private static final class IntList {
        int[] values = new int[4];
        int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
