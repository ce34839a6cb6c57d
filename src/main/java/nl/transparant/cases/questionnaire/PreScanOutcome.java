package nl.transparant.cases.questionnaire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinitions;
import nl.transparant.assessment.AssessmentOutcome;
import nl.transparant.assessment.DecisionTree;
import nl.transparant.assessment.DecisionTrees;
import nl.transparant.assessment.DefinitionId;
import nl.transparant.screening.ScreeningRecord;
import nl.transparant.screening.Screenings;
import org.springframework.stereotype.Component;

/**
 * What the last pre-scan of a case concluded, as recorded: the level of each assessment (the DPIA) with the
 * criteria that fired, the AI Act conclusion with its obligations and the path through the tree, and the policy
 * versions used. The record holds the Dutch texts; other languages come from the same policy version when it is
 * still loaded, else the Dutch text is shown as recorded.
 */
@Component
class PreScanOutcome {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHORT_HASH = 12;

    private final Screenings screenings;
    private final AssessmentDefinitions definitions;
    private final DecisionTrees trees;

    PreScanOutcome(Screenings screenings, AssessmentDefinitions definitions, DecisionTrees trees) {
        this.screenings = screenings;
        this.definitions = definitions;
        this.trees = trees;
    }

    /**
     * @param assessments    one per assessment of the definition, e.g. the DPIA
     * @param aiActClass     the machine-readable class: prohibited, high_risk, limited, minimal or not_applicable
     * @param treeChanged    the tree in service now is not the version the case was classified with; its texts are shown
     * @param textsLanguage  the language of the policies' texts shown ("nl" when a translation was not available)
     */
    record View(List<AssessmentResult> assessments, String aiActConclusion, String aiActObligation, String aiActClass,
            List<PathStep> path, String definitionUrn, String definitionVersion, String definitionHash, String treeKey,
            String treeVersion, String treeHash, boolean treeChanged, String recordedBy, Instant recordedAt, String textsLanguage,
            String binding, List<String> policyGaps, Map<String, List<String>> aiActProfile, String dpiaDefinition,
            String iamaDefinition) {
    }

    /** @param level the level reached ("required", "recommended"), or null when none was */
    record AssessmentResult(String assessmentId, String level, String result, String explanation, List<FiredCriterion> criteria) {
    }

    record FiredCriterion(String id, String explanation) {
    }

    record PathStep(String questionId, String question, String answer) {
    }

    /** Callers have checked that the person may read the case. */
    Optional<View> latest(String caseId, Locale locale) {
        return screenings.latestPreScan(caseId).map(record -> view(record, locale));
    }

    /**
     * The verdicts of an outcome that was evaluated but not recorded (the result so far of a draft), in the language
     * asked for, from the definition version that produced it.
     */
    List<AssessmentResult> results(AssessmentOutcome outcome, Locale locale) {
        Optional<AssessmentDefinition> definition = definitions.find(outcome.definition());
        Locale textLocale = definition.isPresent() ? locale : Locale.forLanguageTag(PolicyTexts.DUTCH);
        return outcome.verdicts().stream().map(verdict -> assessment(JSON.valueToTree(verdict), definition, textLocale)).toList();
    }

    private View view(ScreeningRecord record, Locale locale) {
        JsonNode outcome = parse(record.getOutcome());
        Optional<AssessmentDefinition> definition = definitions.find(
                new DefinitionId(record.getDefinitionUrn(), record.getDefinitionVersion(), record.getDefinitionSha256()));
        Locale textLocale = definition.isPresent() ? locale : Locale.forLanguageTag(PolicyTexts.DUTCH);

        List<AssessmentResult> assessments = new ArrayList<>();
        for (JsonNode verdict : outcome.path("verdicts")) {
            assessments.add(assessment(verdict, definition, textLocale));
        }

        JsonNode aiAct = outcome.path("aiAct");
        Optional<DecisionTree> tree = record.getTreeKey() == null ? Optional.empty() : trees.current(record.getTreeKey());
        boolean treeChanged = tree.isPresent() && !tree.get().id().sha256().equals(record.getTreeSha256());
        Optional<DecisionTree.Conclusion> conclusion = tree.flatMap(t -> t.conclusion(aiAct.path("conclusion").asText()));
        List<PathStep> path = new ArrayList<>();
        for (JsonNode step : aiAct.path("steps")) {
            path.add(step(step, treeChanged ? Optional.empty() : tree, locale));
        }
        return new View(assessments,
                conclusion.map(c -> PolicyTexts.text(c.conclusion(), c.translations(), "conclusion", locale))
                        .orElse(aiAct.path("conclusion").asText(null)),
                conclusion.map(c -> PolicyTexts.text(c.obligation(), c.translations(), "obligation", locale)).orElse(null),
                aiAct.path("aiActClass").asText(null), path,
                record.getDefinitionUrn(), record.getDefinitionVersion(), shortHash(record.getDefinitionSha256()),
                record.getTreeKey(), tree.filter(t -> !treeChanged).map(t -> t.id().version()).orElse(null),
                shortHash(record.getTreeSha256()), treeChanged, record.getRecordedBy(), record.getRecordedAt(),
                textLocale.getLanguage(), outcome.path("binding").path("id").asText(null), texts(outcome.path("policyGaps")),
                profile(aiAct.path("profile")), pinned(outcome.path("binding").path(Screenings.DPIA)),
                pinned(outcome.path("binding").path(Screenings.IAMA)));
    }

    /** The DPIA or IAMA version the case keeps, as "urn version"; null for a pre-scan recorded before bindings. */
    private static String pinned(JsonNode id) {
        return id.hasNonNull("urn") ? id.path("urn").asText() + " " + id.path("version").asText() : null;
    }

    private static List<String> texts(JsonNode list) {
        List<String> texts = new ArrayList<>();
        list.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    /** The AI Act profile as recorded (the binding's vocabulary), without the keys that got no value. */
    private static Map<String, List<String>> profile(JsonNode profile) {
        Map<String, List<String>> values = new java.util.LinkedHashMap<>();
        profile.fields().forEachRemaining(entry -> {
            List<String> texts = texts(entry.getValue());
            if (!texts.isEmpty()) {
                values.put(entry.getKey(), texts);
            }
        });
        return values;
    }

    private static AssessmentResult assessment(JsonNode verdict, Optional<AssessmentDefinition> definition, Locale locale) {
        String id = verdict.path("assessmentId").asText();
        String level = verdict.path("level").asText(null);
        Optional<AssessmentDefinition.Assessment> assessment = definition
                .flatMap(d -> d.assessments().stream().filter(a -> a.id().equals(id)).findFirst());
        Optional<AssessmentDefinition.Level> reached = assessment
                .flatMap(a -> a.levels().stream().filter(l -> l.level().equals(level)).findFirst());
        String result = verdict.path("result").asText(null);
        String explanation = verdict.path("explanation").asText(null);
        if (reached.isPresent()) {
            result = PolicyTexts.text(reached.get().result(), reached.get().translations(), "result", locale);
            explanation = PolicyTexts.text(reached.get().explanation(), reached.get().translations(), "explanation", locale);
        } else if (level == null && assessment.isPresent() && assessment.get().extensions().get("otherwise") instanceof Map<?, ?> otherwise) {
            result = translatedEntry(otherwise, "result", locale);
            explanation = translatedEntry(otherwise, "explanation", locale);
        }
        List<FiredCriterion> criteria = new ArrayList<>();
        for (JsonNode fired : verdict.path("criteria")) {
            String criterionId = fired.path("id").asText();
            String text = reached.flatMap(l -> l.criteria().stream().filter(c -> c.id().equals(criterionId)).findFirst())
                    .map(c -> PolicyTexts.text(c.explanation(), c.translations(), "explanation", locale))
                    .orElse(fired.path("explanation").asText(null));
            criteria.add(new FiredCriterion(criterionId, text));
        }
        return new AssessmentResult(id, level, result, explanation, criteria);
    }

    /** The product's {@code otherwise} extension: a plain map written like the rest, {@code result} and {@code result_en}. */
    private static String translatedEntry(Map<?, ?> entry, String field, Locale locale) {
        Object translated = entry.get(field + "_" + locale.getLanguage());
        Object dutch = entry.get(field);
        Object text = PolicyTexts.DUTCH.equals(locale.getLanguage()) || translated == null ? dutch : translated;
        return text == null ? null : String.valueOf(text);
    }

    private static PathStep step(JsonNode step, Optional<DecisionTree> tree, Locale locale) {
        String questionId = step.path("questionId").asText();
        String question = step.path("question").asText(null);
        String answer = step.path("answer").asText(null);
        Optional<DecisionTree.Question> known = tree.flatMap(t -> t.question(questionId));
        if (known.isPresent()) {
            String chosen = answer;
            answer = known.get().answer(chosen).map(a -> PolicyTexts.text(a.answer(), a.translations(), "answer", locale)).orElse(answer);
            question = PolicyTexts.text(known.get().question(), known.get().translations(), "question", locale);
        }
        return new PathStep(questionId, question, answer);
    }

    private static String shortHash(String sha256) {
        return sha256 == null ? null : sha256.substring(0, Math.min(SHORT_HASH, sha256.length()));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A recorded pre-scan outcome is not JSON", e);
        }
    }
}
