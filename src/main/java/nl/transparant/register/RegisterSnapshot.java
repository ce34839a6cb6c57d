package nl.transparant.register;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import java.util.function.Function;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * {@code register_listing} as of one generation ({@link RegisterReads}), in memory and indexed, with the published fields
 * of every listed version: a search, its filter counts and the fields of its page cost no database round trip.
 *
 * <p>The search keeps its meaning: every search word must occur (anywhere, also inside a longer word) in the folded
 * name, short description, goal, organisation or tags ({@link SearchText}). A search word holds no spaces, so it occurs
 * in the text exactly when it occurs in one of the text's words; the index therefore looks the word up among the
 * distinct words of the register (some thousands), not in the text of every entry, and keeps the answer per word for
 * this generation. Filters compare as MariaDB's case-insensitive collation does.
 *
 * <p>Incremental: a snapshot never changes; {@link #with} derives the next generation from this one and the changed
 * listing rows only (copy-on-write), so a publication costs work in proportion to the entries it changes plus a copy of
 * the arrays of references (no query, no re-reading of the whole listing). Each entry keeps its <em>slot</em> (its place in
 * the arrays) for the lineage; a new entry takes the next slot. The orders by name and by publication are arrays of
 * slots, into which a changed entry is put back by binary search. The dictionary of slots per LARS code and of word ids
 * per word grows only, and is shared by the snapshots of one lineage: only the one thread that derives (under
 * {@link RegisterReads}' lock) writes it, and a reader of an older snapshot never looks past that snapshot's own
 * {@code size} and {@code words}. A full {@link #load} starts a new lineage.
 *
 * <p>Memory: per entry its facts, its word ids and its published fields (Dutch and, when it has any, English) deflated
 * against a dictionary of the register's own texts ({@link FieldsCodec}); per distinct word the slots that hold it. Not
 * the search texts.
 */
final class RegisterSnapshot {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RegisterSnapshot.class);

    private static final int MAX_CACHED_WORDS = 2_000;
    /** Matches kept over all remembered questions of a snapshot: 4 MB of slots. */
    private static final int MAX_ANSWERED_MATCHES = 1_000_000;
    private static final Comparator<Entry> BY_NAME = Comparator.comparing(Entry::sortName).thenComparing(Entry::lars);
    private static final Comparator<Entry> OLDEST = Comparator.comparingLong(Entry::publishedAt).thenComparing(BY_NAME);
    private static final Comparator<Entry> NEWEST = Comparator.comparingLong((Entry e) -> -e.publishedAt()).thenComparing(BY_NAME);
    private static final List<String> FACETS = List.of("organisation", "organisationtype", "publicationcategory", "status",
            "category", "impact_assessment");

    /** One listing row as read from the database or as this node just wrote it, with its version's published fields. */
    record Listed(String lars, long entryId, int version, String organisationCode, String organisationName,
            String organisationType, String sortName, String status, String category, String themes, String assessments,
            String searchText, long publishedAt, byte[] fields, byte[] englishFields) {
    }

    /** What the search keeps of an entry's latest version. */
    record Entry(String lars, long entryId, int version, String organisationCode, String organisationName,
            String organisationType, String sortName, String status, String category, List<String> themes,
            List<String> assessments, long publishedAt, byte[] fields, byte[] englishFields) {
    }

    /**
     * What the snapshots of one lineage share: the codec of their fields, and dictionaries that only grow (slot per LARS
     * code, word id per word, one instance per repeated value such as an organisation's name).
     */
    private record Lineage(FieldsCodec codec, Map<String, Integer> slots, Map<String, Integer> wordIds, Map<String, String> interned) {
    }

    private final RegisterReads.Generation generation;
    private final Lineage lineage;
    private final FieldsCodec codec;
    private final int size;
    private final Entry[] entries;
    private final int[][] entryWords;
    private final Map<String, Integer> slots;
    private final Map<String, Integer> wordIds;
    private final String[] words;
    /** Per word id, the slots holding it, ascending. */
    private final int[][] holders;
    private final int[] byName;
    private final int[] oldestFirst;
    private final int[] newestFirst;
    /** Per filter, its values over the whole register with their counts (case-insensitive, as the database compares). */
    private final Map<String, TreeMap<String, Integer>> counts;
    private final FilterCounts allFacets;
    private final Map<String, BitSet> byWord = new ConcurrentHashMap<>();
    /**
     * Questions already answered on this snapshot: all their matches in order, with the filter counts. A search engine's
     * result cache: the next page of a search, and the searches and filters many people ask, cost a lookup. Bounded by
     * the matches it holds; it goes with the snapshot, so it never answers from an older register.
     */
    private final Cache<Question, Answered> answered = Caffeine.newBuilder().maximumWeight(MAX_ANSWERED_MATCHES)
            .weigher((Question q, Answered a) -> 16 + a.ordered().length).build();

    private RegisterSnapshot(RegisterReads.Generation generation, Lineage lineage, int size, Entry[] entries,
            int[][] entryWords, String[] words, int[][] holders, int[] byName, int[] oldestFirst, int[] newestFirst,
            Map<String, TreeMap<String, Integer>> counts) {
        this.generation = generation;
        this.lineage = lineage;
        this.codec = lineage.codec();
        this.size = size;
        this.entries = entries;
        this.entryWords = entryWords;
        this.slots = lineage.slots();
        this.wordIds = lineage.wordIds();
        this.words = words;
        this.holders = holders;
        this.byName = byName;
        this.oldestFirst = oldestFirst;
        this.newestFirst = newestFirst;
        this.counts = counts;
        Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
        for (String facet : FACETS) {
            facets.put(facet, counts.get(facet).entrySet().stream().map(e -> new FacetValue(e.getKey(), e.getValue())).toList());
        }
        this.allFacets = new FilterCounts(facets);
    }

    /** An empty register, the start of a lineage whose fields are deflated against this dictionary. */
    static RegisterSnapshot empty(RegisterReads.Generation generation, FieldsCodec codec) {
        Map<String, TreeMap<String, Integer>> counts = new HashMap<>();
        FACETS.forEach(f -> counts.put(f, new TreeMap<>(String.CASE_INSENSITIVE_ORDER)));
        // slots are read by the refresh outside the deriving lock (entryId), so that one map is safe for concurrent use
        return new RegisterSnapshot(generation, new Lineage(codec, new ConcurrentHashMap<>(), new HashMap<>(), new HashMap<>()), 0,
                new Entry[0], new int[0][], new String[0], new int[0][], new int[0], new int[0], new int[0], counts);
    }

    private static final String COLUMNS = """
            select l.lars, l.entry_id, l.version_number, l.organisation_code, l.organisation_name, l.organisation_type,
                   l.sort_name, l.status, l.publication_category, l.themes, l.impact_assessments, l.search_text, l.published_at,
                   e.fields, e.english_fields
            from register_listing l join published_entry e on e.id = l.entry_id""";

    /** Rows per statement of the full load. */
    private static final int LOAD_CHUNK = 2_000;

    /**
     * Reads the whole listing with the fields of its versions: the start of a new lineage. In chunks by LARS code, each
     * deflated as it comes: the text of 100,000 entries read in one result would be held whole, twice (the driver's
     * buffer and the strings), which a 1 GB heap does not survive. The chunks are not one consistent read; a row
     * changed meanwhile comes in at least as new as the generation it is filed under, and is caught up with by the next
     * refresh ({@link RegisterReads}) when it came in older.
     */
    static RegisterSnapshot load(NamedParameterJdbcTemplate jdbc, RegisterReads.Generation generation) {
        long began = System.nanoTime();
        RegisterSnapshot loaded = null;
        String after = "";
        long raw = 0;
        while (true) {
            List<Listed> rows = jdbc.query(COLUMNS + " where l.lars > :after order by l.lars limit " + LOAD_CHUNK,
                    Map.of("after", after), (rs, i) -> listed(rs));
            if (loaded == null) {
                loaded = empty(generation, FieldsCodec.trainedOn(rows.stream().map(Listed::fields).limit(64).toList()));
            }
            if (rows.isEmpty()) {
                break;
            }
            for (Listed row : rows) {
                raw += row.fields().length + (row.englishFields() == null ? 0 : row.englishFields().length);
            }
            loaded = loaded.with(rows, generation);
            after = rows.get(rows.size() - 1).lars();
            if (rows.size() < LOAD_CHUNK) {
                break;
            }
        }
        long kept = 0;
        for (int i = 0; i < loaded.size; i++) {
            Entry e = loaded.entries[i];
            kept += e.fields().length + (e.englishFields() == null ? 0 : e.englishFields().length);
        }
        log.info("Loaded the register's listing for search: {} entries, {} distinct words, fields {} KB deflated to {} KB, in {} ms",
                loaded.size, loaded.words.length, raw / 1024, kept / 1024, (System.nanoTime() - began) / 1_000_000);
        return loaded;
    }

    /** The listing rows of these entries with the fields of their versions (for what another node changed). */
    static List<Listed> rows(NamedParameterJdbcTemplate jdbc, List<String> lars) {
        List<Listed> rows = new ArrayList<>();
        for (int from = 0; from < lars.size(); from += 1_000) {
            rows.addAll(jdbc.query(COLUMNS + " where l.lars in (:lars)", Map.of("lars", lars.subList(from, Math.min(lars.size(), from + 1_000))),
                    (rs, i) -> listed(rs)));
        }
        return rows;
    }

    private static Listed listed(java.sql.ResultSet rs) throws java.sql.SQLException {
        java.time.Instant published = rs.getTimestamp(13).toInstant();
        String english = rs.getString(15);
        return new Listed(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                micros(published), utf8(rs.getString(14)), english == null ? null : utf8(english));
    }

    static long micros(java.time.Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    RegisterReads.Generation generation() {
        return generation;
    }

    int size() {
        return size;
    }

    /** The entry id listed for this LARS code in this generation, or null. */
    Long entryId(String lars) {
        int slot = slotOf(lars);
        return slot < 0 ? null : entries[slot].entryId();
    }

    /** The entry's slot in this snapshot, or -1 (a slot the dictionary gives may be one of a later snapshot). */
    private int slotOf(String lars) {
        Integer slot = slots.get(lars);
        return slot == null || slot >= size || !entries[slot].lars().equals(lars) ? -1 : slot;
    }

    /** The LARS codes of this generation (for comparing with what the database lists). */
    List<String> larsCodes() {
        List<String> codes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            codes.add(entries[i].lars());
        }
        return codes;
    }

    /**
     * The next generation: this one with these listing rows in place of what it held for their entries. A row for an
     * entry this generation already lists with a later version changes nothing (a listing row only ever moves to a newer
     * version, and the rows may come from a read that is older than this node's own latest write).
     */
    RegisterSnapshot with(List<Listed> changes, RegisterReads.Generation next) {
        Map<String, Listed> latest = new LinkedHashMap<>();
        for (Listed row : changes) {
            latest.merge(row.lars(), row, (a, b) -> b.version() > a.version() || b.version() == a.version() && b.entryId() > a.entryId() ? b : a);
        }
        List<Listed> applied = new ArrayList<>();
        int added = 0;
        for (Listed row : latest.values()) {
            int slot = slotOf(row.lars());
            if (slot >= 0) {
                Entry old = entries[slot];
                if (row.version() < old.version() || row.entryId() == old.entryId()) {
                    continue;
                }
            } else {
                added++;
            }
            applied.add(row);
        }
        if (applied.isEmpty()) {
            return next.equals(generation) ? this : relabelled(next);
        }
        int newSize = size + added;
        Entry[] nextEntries = Arrays.copyOf(entries, newSize);
        int[][] nextEntryWords = Arrays.copyOf(entryWords, newSize);
        Map<String, TreeMap<String, Integer>> nextCounts = new HashMap<>();
        counts.forEach((facet, values) -> nextCounts.put(facet, new TreeMap<>(values)));
        List<String> newWords = new ArrayList<>();
        Map<Integer, IntList> removed = new HashMap<>();
        Map<Integer, IntList> addedTo = new HashMap<>();
        int[] changedSlots = new int[applied.size()];
        boolean[] existed = new boolean[applied.size()];
        int nextSlot = size;
        for (int c = 0; c < applied.size(); c++) {
            Listed row = applied.get(c);
            int known = slotOf(row.lars());
            int slot;
            if (known >= 0) {
                slot = known;
                existed[c] = true;
                Entry old = entries[slot];
                count(nextCounts, old, -1);
                for (int w : entryWords[slot]) {
                    removed.computeIfAbsent(w, k -> new IntList()).add(slot);
                }
            } else {
                slot = nextSlot++;
                slots.put(row.lars(), slot);
            }
            changedSlots[c] = slot;
            Entry entry = entry(row);
            nextEntries[slot] = entry;
            count(nextCounts, entry, +1);
            String[] tokens = Arrays.stream(row.searchText() == null ? new String[0] : row.searchText().split("[ \n]"))
                    .filter(w -> !w.isEmpty()).distinct().toArray(String[]::new);
            int[] ids = new int[tokens.length];
            for (int t = 0; t < tokens.length; t++) {
                Integer id = wordIds.get(tokens[t]);
                if (id == null) {
                    id = words.length + newWords.size();
                    wordIds.put(tokens[t], id);
                    newWords.add(tokens[t]);
                }
                ids[t] = id;
                addedTo.computeIfAbsent(id, k -> new IntList()).add(slot);
            }
            nextEntryWords[slot] = ids;
        }
        String[] nextWords = words;
        int[][] nextHolders = holders;
        if (!newWords.isEmpty()) {
            nextWords = Arrays.copyOf(words, words.length + newWords.size());
            for (int w = 0; w < newWords.size(); w++) {
                nextWords[words.length + w] = newWords.get(w);
            }
            nextHolders = Arrays.copyOf(holders, nextWords.length);
        } else if (!removed.isEmpty() || !addedTo.isEmpty()) {
            nextHolders = holders.clone();
        }
        java.util.Set<Integer> touched = new java.util.HashSet<>(removed.keySet());
        touched.addAll(addedTo.keySet());
        for (int w : touched) {
            int[] before = w < holders.length && holders[w] != null ? holders[w] : new int[0];
            IntList out = removed.get(w);
            IntList in = addedTo.get(w);
            nextHolders[w] = merged(before, out == null ? new int[0] : out.sorted(), in == null ? new int[0] : in.sorted());
        }
        int[] existing = java.util.stream.IntStream.range(0, changedSlots.length).filter(c -> existed[c]).map(c -> changedSlots[c])
                .sorted().toArray();
        return new RegisterSnapshot(next, lineage, newSize, nextEntries, nextEntryWords, nextWords, nextHolders,
                reordered(byName, existing, changedSlots, nextEntries, BY_NAME),
                reordered(oldestFirst, existing, changedSlots, nextEntries, OLDEST),
                reordered(newestFirst, existing, changedSlots, nextEntries, NEWEST), nextCounts);
    }

    private RegisterSnapshot relabelled(RegisterReads.Generation next) {
        return new RegisterSnapshot(next, lineage, size, entries, entryWords, words, holders, byName, oldestFirst, newestFirst,
                counts);
    }

    private Entry entry(Listed row) {
        return new Entry(row.lars(), row.entryId(), row.version(), intern(row.organisationCode()), intern(row.organisationName()),
                intern(row.organisationType()), row.sortName() == null ? "" : row.sortName(), intern(row.status()), intern(row.category()),
                RegisterListing.undelimited(row.themes()).stream().map(this::intern).toList(),
                RegisterListing.undelimited(row.assessments()).stream().map(this::intern).toList(), row.publishedAt(),
                codec.deflate(row.fields()), row.englishFields() == null ? null : codec.deflate(row.englishFields()));
    }

    private String intern(String value) {
        return value == null ? null : lineage.interned().computeIfAbsent(value, v -> v);
    }

    /** A posting list without the slots that left the word and with those that came to it (all ascending). */
    private static int[] merged(int[] before, int[] out, int[] in) {
        int[] result = new int[before.length + in.length];
        int n = 0;
        int o = 0;
        int a = 0;
        for (int slot : before) {
            while (o < out.length && out[o] < slot) {
                o++;
            }
            if (o < out.length && out[o] == slot) {
                continue;
            }
            while (a < in.length && in[a] < slot) {
                result[n++] = in[a++];
            }
            if (a < in.length && in[a] == slot) {
                a++;
            }
            result[n++] = slot;
        }
        while (a < in.length) {
            result[n++] = in[a++];
        }
        return Arrays.copyOf(result, n);
    }

    /** An order with the changed slots taken out and put back where they now belong (binary search, one copy). */
    private static int[] reordered(int[] order, int[] existing, int[] changed, Entry[] entries, Comparator<Entry> comparator) {
        int[] kept = order;
        if (existing.length > 0) {
            kept = new int[order.length - existing.length];
            int n = 0;
            for (int slot : order) {
                if (Arrays.binarySearch(existing, slot) < 0) {
                    kept[n++] = slot;
                }
            }
        }
        Integer[] sorted = Arrays.stream(changed).boxed().toArray(Integer[]::new);
        Arrays.sort(sorted, (x, y) -> comparator.compare(entries[x], entries[y]));
        int[] result = new int[kept.length + sorted.length];
        int n = 0;
        int from = 0;
        for (int slot : sorted) {
            int lo = from;
            int hi = kept.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (comparator.compare(entries[kept[mid]], entries[slot]) <= 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            System.arraycopy(kept, from, result, n, lo - from);
            n += lo - from;
            from = lo;
            result[n++] = slot;
        }
        System.arraycopy(kept, from, result, n, kept.length - from);
        return result;
    }

    private static void count(Map<String, TreeMap<String, Integer>> counts, Entry entry, int delta) {
        add(counts.get("organisation"), entry.organisationName(), delta);
        add(counts.get("organisationtype"), entry.organisationType(), delta);
        add(counts.get("publicationcategory"), entry.category(), delta);
        add(counts.get("status"), entry.status(), delta);
        entry.themes().forEach(v -> add(counts.get("category"), v, delta));
        entry.assessments().forEach(v -> add(counts.get("impact_assessment"), v, delta));
    }

    private static void add(TreeMap<String, Integer> values, String value, int delta) {
        if (value == null || value.isBlank()) {
            return;
        }
        Integer now = values.merge(value, delta, Integer::sum);
        if (now != null && now <= 0) {
            values.remove(value);
        }
    }

    /** One page of a question: its entries in order, how many match, and the filter counts. */
    record Page(List<Entry> entries, int total, FilterCounts counts) {

        Map<String, List<FacetValue>> facets() {
            return counts.values();
        }
    }

    /** The published fields of an entry as stored (UTF-8 JSON), in Dutch or the English texts (null when it has none). */
    byte[] fields(Entry entry) {
        return codec.inflate(entry.fields());
    }

    byte[] englishFields(Entry entry) {
        return entry.englishFields() == null ? null : codec.inflate(entry.englishFields());
    }

    /** A question as the index answers it: its words and filters, the order asked for; not the page. */
    private record Question(List<String> terms, boolean filtered, String organisation, String organisationType, String status,
            String publicationCategory, String theme, String impactAssessment, RegisterQuery.Sort sort) {

        static Question of(RegisterQuery query, List<String> terms) {
            return new Question(terms, query.filtered(), query.organisation(), query.organisationType(), query.status(),
                    query.publicationCategory(), query.theme(), query.impactAssessment(), query.sort());
        }
    }

    /** Every match of a question, in its order, and the filter counts over them. */
    private record Answered(int[] ordered, FilterCounts facets) {
    }

    Page search(RegisterQuery query) {
        List<String> terms = SearchText.terms(query.searchText());
        Answered answer = answered.get(Question.of(query, terms), question -> answer(query, terms));
        int total = answer.ordered().length;
        long offset = (query.page() - 1L) * query.limit();
        List<Entry> page = new ArrayList<>();
        for (long i = offset; i < Math.min(total, offset + query.limit()); i++) {
            page.add(entries[answer.ordered()[(int) i]]);
        }
        return new Page(page, total, answer.facets());
    }

    private Answered answer(RegisterQuery query, List<String> terms) {
        BitSet matches = new BitSet(size);
        matches.set(0, size);
        for (String term : terms) {
            matches.and(holding(term));
        }
        // a filter not asked for costs nothing (the test per match would otherwise run six times over every entry)
        if (query.organisation() != null) {
            keep(matches, e -> query.organisation().equalsIgnoreCase(e.organisationName())
                    || query.organisation().equalsIgnoreCase(e.organisationCode()));
        }
        if (query.organisationType() != null) {
            keep(matches, e -> query.organisationType().equalsIgnoreCase(e.organisationType()));
        }
        if (query.status() != null) {
            keep(matches, e -> query.status().equalsIgnoreCase(e.status()));
        }
        if (query.publicationCategory() != null) {
            keep(matches, e -> query.publicationCategory().equalsIgnoreCase(e.category()));
        }
        if (query.theme() != null) {
            keep(matches, e -> e.themes().stream().anyMatch(query.theme()::equalsIgnoreCase));
        }
        if (query.impactAssessment() != null) {
            keep(matches, e -> e.assessments().stream().anyMatch(query.impactAssessment()::equalsIgnoreCase));
        }
        return new Answered(order(query, terms, matches, matches.cardinality()), query.filtered() ? new FilterCounts(facets(matches)) : allFacets);
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

    private void keep(BitSet matches, java.util.function.Predicate<Entry> test) {
        for (int i = matches.nextSetBit(0); i >= 0; i = matches.nextSetBit(i + 1)) {
            if (!test.test(entries[i])) {
                matches.clear(i);
            }
        }
    }

    /** The first {@code count} matches in the question's order; ties go by name, then LARS code. */
    private int[] order(RegisterQuery query, List<String> terms, BitSet matches, int count) {
        int[] out = new int[count];
        int n = 0;
        RegisterQuery.Sort sort = query.sort() == RegisterQuery.Sort.RELEVANCE && terms.isEmpty() ? RegisterQuery.Sort.NAME_ASC
                : query.sort();
        switch (sort) {
            case NAME_DESC -> {
                for (int k = byName.length - 1; k >= 0 && n < count; k--) {
                    if (matches.get(byName[k])) {
                        out[n++] = byName[k];
                    }
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
                for (int i : byName) {
                    if (!matches.get(i)) {
                        continue;
                    }
                    int misses = 0;
                    for (String term : terms) {
                        if (!entries[i].sortName().contains(term)) {
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
                for (int k = 0; k < byName.length && n < count; k++) {
                    if (matches.get(byName[k])) {
                        out[n++] = byName[k];
                    }
                }
            }
        }
        return out;
    }

    private Map<String, List<FacetValue>> facets(BitSet matches) {
        Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
        facets.put("organisation", count(matches, Entry::organisationName));
        facets.put("organisationtype", count(matches, Entry::organisationType));
        facets.put("publicationcategory", count(matches, Entry::category));
        facets.put("status", count(matches, Entry::status));
        facets.put("category", countEach(matches, Entry::themes));
        facets.put("impact_assessment", countEach(matches, Entry::assessments));
        return facets;
    }

    private List<FacetValue> count(BitSet matches, Function<Entry, String> value) {
        // counted per value first (the values are interned per lineage: few, with their hash codes cached), then folded
        // case-insensitively as the database compares; a sorted map per match was most of a broad search's time
        Map<String, int[]> exact = new HashMap<>();
        for (int i = matches.nextSetBit(0); i >= 0; i = matches.nextSetBit(i + 1)) {
            String v = value.apply(entries[i]);
            if (v != null) {
                exact.computeIfAbsent(v, x -> new int[1])[0]++;
            }
        }
        return folded(exact);
    }

    private List<FacetValue> countEach(BitSet matches, Function<Entry, List<String>> values) {
        Map<String, int[]> exact = new HashMap<>();
        for (int i = matches.nextSetBit(0); i >= 0; i = matches.nextSetBit(i + 1)) {
            for (String v : values.apply(entries[i])) {
                if (v != null) {
                    exact.computeIfAbsent(v, x -> new int[1])[0]++;
                }
            }
        }
        return folded(exact);
    }

    private static List<FacetValue> folded(Map<String, int[]> exact) {
        Map<String, Integer> counts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exact.forEach((value, n) -> {
            if (!value.isBlank()) {
                counts.merge(value, n[0], Integer::sum);
            }
        });
        return counts.entrySet().stream().map(e -> new FacetValue(e.getKey(), e.getValue())).toList();
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

        int[] sorted() {
            int[] out = Arrays.copyOf(values, size);
            Arrays.sort(out);
            return out;
        }
    }
}
