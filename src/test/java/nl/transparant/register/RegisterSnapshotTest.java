package nl.transparant.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The index derived step by step (a publication, a change, a retirement at a time, as {@link RegisterReads} derives it)
 * answers every question exactly as the index built in one go from the same rows: same matches, same order, same
 * counts, same fields.
 */
class RegisterSnapshotTest {

    private static final RegisterReads.Generation ANY = new RegisterReads.Generation(0, 0, 0, 0);
    private static final List<String> WORDS = List.of("parkeren", "afval", "container", "woz", "taxatie", "bijstand",
            "uitkering", "melding", "straat", "route", "vergunning", "kenteken", "coordinatie", "zorg", "jeugd");
    private static final List<String> ORGANISATIONS = List.of("Gemeente Zoetermeer", "Gemeente Delft", "GGD Haaglanden");
    private static final List<String> STATUSES = List.of("In ontwikkeling", "In gebruik", "Buiten gebruik");

    @Test
    void anIndexDerivedOneChangeAtATimeAnswersAsOneBuiltFromAllRowsAtOnce() {
        Random random = new Random(42);
        List<RegisterSnapshot.Listed> rows = new ArrayList<>();
        long id = 1;
        for (int i = 0; i < 300; i++) {
            rows.add(row(random, "lars" + i, id++, 1));
        }
        FieldsCodec codec = FieldsCodec.trainedOn(rows.stream().map(RegisterSnapshot.Listed::fields).limit(8).toList());
        RegisterSnapshot stepwise = RegisterSnapshot.empty(ANY, codec).with(rows.subList(0, 150), ANY);
        List<RegisterSnapshot.Listed> latest = new ArrayList<>(rows);
        for (int step = 0; step < 400; step++) {
            int which = random.nextInt(step < 150 ? 150 + step : latest.size());
            if (which >= 150 + step && which < latest.size()) {
                which = 150 + step;
            }
            RegisterSnapshot.Listed next;
            if (step < 150) {
                next = rows.get(150 + step); // a new entry
            } else {
                RegisterSnapshot.Listed before = latest.get(which);
                next = row(random, before.lars(), id++, before.version() + 1); // a change or retirement: a new version
                latest.set(which, next);
            }
            stepwise = stepwise.with(List.of(next), ANY);
            if (step % 3 == 0) {
                // a row read back later from the database (another node's refresh) never takes an entry back
                stepwise = stepwise.with(List.of(rows.get(random.nextInt(rows.size()))), ANY);
            }
        }
        RegisterSnapshot atOnce = RegisterSnapshot.empty(ANY, codec).with(latest, ANY);

        List<RegisterQuery> questions = new ArrayList<>();
        for (RegisterQuery.Sort sort : RegisterQuery.Sort.values()) {
            questions.add(new RegisterQuery(null, null, null, null, null, null, null, sort, 1, 100));
            questions.add(new RegisterQuery("par", null, null, null, null, null, null, sort, 1, 100));
            questions.add(new RegisterQuery("route zorg", null, null, null, null, null, null, sort, 2, 10));
            questions.add(new RegisterQuery("e", "gemeente delft", null, null, "Buiten gebruik", null, null, sort, 1, 100));
            questions.add(new RegisterQuery(null, null, null, "Thema 2", null, null, "DPIA", sort, 3, 7));
        }
        for (RegisterQuery question : questions) {
            RegisterSnapshot.Page expected = atOnce.search(question);
            RegisterSnapshot.Page actual = stepwise.search(question);
            assertThat(actual.total()).as(question.toString()).isEqualTo(expected.total());
            assertThat(actual.entries().stream().map(RegisterSnapshot.Entry::lars).toList()).as(question.toString())
                    .isEqualTo(expected.entries().stream().map(RegisterSnapshot.Entry::lars).toList());
            assertThat(actual.facets()).as(question.toString()).isEqualTo(expected.facets());
            for (int i = 0; i < actual.entries().size(); i++) {
                assertThat(new String(stepwise.fields(actual.entries().get(i)), StandardCharsets.UTF_8))
                        .isEqualTo(new String(atOnce.fields(expected.entries().get(i)), StandardCharsets.UTF_8));
            }
        }
        assertThat(stepwise.size()).isEqualTo(300);
        assertThat(stepwise.search(new RegisterQuery(null, null, null, null, null, null, null, null, 1, 100)).facets())
                .isEqualTo(atOnce.search(RegisterQuery.all()).facets());
    }

    @Test
    void aQuestionAskedAgainOnTheSameSnapshotIsAnsweredAsTheFirstTimeWhateverWasAskedBetween() {
        Random random = new Random(7);
        List<RegisterSnapshot.Listed> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(row(random, "lars" + i, i + 1, 1));
        }
        FieldsCodec codec = FieldsCodec.trainedOn(rows.stream().map(RegisterSnapshot.Listed::fields).limit(8).toList());
        // questions that differ in one part each (words, every filter, the order, the page, the page size)
        List<RegisterQuery> questions = new ArrayList<>();
        for (RegisterQuery.Sort sort : new RegisterQuery.Sort[] {null, RegisterQuery.Sort.NAME_DESC, RegisterQuery.Sort.NEWEST}) {
            for (int page : new int[] {1, 2}) {
                questions.add(new RegisterQuery("par", null, null, null, null, null, null, sort, page, 5));
                questions.add(new RegisterQuery("par", null, null, null, null, null, null, sort, page, 7));
                questions.add(new RegisterQuery("e", null, null, null, null, null, null, sort, page, 5));
                questions.add(new RegisterQuery("e", "Gemeente Delft", null, null, null, null, null, sort, page, 5));
                questions.add(new RegisterQuery("e", null, "Gemeente", null, null, null, null, sort, page, 5));
                questions.add(new RegisterQuery("e", null, null, "Thema 1", null, null, null, sort, page, 5));
                questions.add(new RegisterQuery("e", null, null, null, "In gebruik", null, null, sort, page, 5));
                questions.add(new RegisterQuery("e", null, null, null, null, "Hoog-risico AI-systeem", null, sort, page, 5));
                questions.add(new RegisterQuery("e", null, null, null, null, null, "DPIA", sort, page, 5));
                questions.add(new RegisterQuery(null, null, null, null, null, null, null, sort, page, 5));
            }
        }
        RegisterSnapshot shared = RegisterSnapshot.empty(ANY, codec).with(rows, ANY);
        List<RegisterQuery> twiceShuffled = new ArrayList<>(questions);
        twiceShuffled.addAll(questions);
        java.util.Collections.shuffle(twiceShuffled, random);
        for (RegisterQuery question : twiceShuffled) {
            // a snapshot of its own has never been asked anything
            RegisterSnapshot.Page expected = RegisterSnapshot.empty(ANY, codec).with(rows, ANY).search(question);
            RegisterSnapshot.Page actual = shared.search(question);
            assertThat(actual.total()).as(question.toString()).isEqualTo(expected.total());
            assertThat(actual.entries().stream().map(RegisterSnapshot.Entry::lars).toList()).as(question.toString())
                    .isEqualTo(expected.entries().stream().map(RegisterSnapshot.Entry::lars).toList());
            assertThat(actual.facets()).as(question.toString()).isEqualTo(expected.facets());
        }
    }

    private static RegisterSnapshot.Listed row(Random random, String lars, long entryId, int version) {
        String name = WORDS.get(random.nextInt(WORDS.size())) + " " + WORDS.get(random.nextInt(WORDS.size())) + " " + lars;
        String text = name + " \n " + WORDS.get(random.nextInt(WORDS.size())) + " " + WORDS.get(random.nextInt(WORDS.size()));
        String organisation = ORGANISATIONS.get(random.nextInt(ORGANISATIONS.size()));
        String status = STATUSES.get(random.nextInt(STATUSES.size()));
        String fields = "{\"lars\":\"" + lars + "\",\"name\":\"" + name + "\",\"status\":\"" + status + "\",\"version\":" + version + "}";
        return new RegisterSnapshot.Listed(lars, entryId, version, organisation.toLowerCase(), organisation, "Gemeente", name, status,
                "Hoog-risico AI-systeem", "|Thema " + random.nextInt(4) + "|", random.nextBoolean() ? "|DPIA|" : "|", text,
                1_700_000_000_000_000L + random.nextInt(50) * 1_000_000L, fields.getBytes(StandardCharsets.UTF_8), null);
    }
}
