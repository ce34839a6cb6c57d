package nl.transparant.ethics;

import static nl.transparant.review.ReviewSpineFixtures.awaitStage;
import static nl.transparant.review.ReviewSpineFixtures.answers;
import static nl.transparant.review.ReviewSpineFixtures.complete;
import static nl.transparant.review.ReviewSpineFixtures.createCase;
import static nl.transparant.review.ReviewSpineFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import nl.transparant.screening.DpiaAnswers;
import nl.transparant.support.Api;
import nl.transparant.support.FullStackTest;
import org.junit.jupiter.api.Test;

/**
 * Two members of the ethics committee vote over HTTP with real Keycloak tokens on MariaDB: the second vote reaches the
 * quorum of policies/ethics-committee.yaml and approves the case as that member; the condition of the first vote is
 * tracked on the case until the owner marks it met, and the publisher releases.
 */
class EthicsVotesIT extends FullStackTest {

    @Test
    void twoMembersVoteTheCaseThroughAndItsConditionIsTracked() {
        Api owner = as("owner-zoetermeer");
        Api first = as("ethics-regional");
        Api second = as("ethics-second");
        String caseId = createCase(owner, "Stemmen van de ethische commissie");
        owner.post("/api/cases/" + caseId + "/submit", null);
        complete(owner, caseId, "answerPreScan", Map.of("answers", answers(Map.of("personalData", true, "profiling", true,
                "largeScale", true, "matchingDatasets", true))));
        complete(owner, caseId, "fillInDpia", Map.of("rationale", "DPIA ingevuld", "answers", DpiaAnswers.lowResidualRisk()));
        complete(as("privacy-zoetermeer"), caseId, "reviewDpia", Map.of("outcome", "approve", "rationale", "Voldoende."));
        complete(owner, caseId, "fillInIama", Map.of("answers", nl.transparant.screening.IamaAnswers.proceeding()));
        assertThat(stage(owner, caseId)).isEqualTo("ETHICS_REVIEW");
        String votes = "/api/cases/" + caseId + "/ethics-votes";

        Api.Response bad = first.post(votes, Map.of("vote", "positive-with-conditions", "rationale", "Mits."));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.isProblem()).isTrue();
        assertThat(bad.body()).contains("conditions");
        assertThat(owner.post(votes, Map.of("vote", "positive", "rationale", "Eigen zaak.")).status()).isEqualTo(403);
        assertThat(as("owner-nissewaard").get(votes).status()).isEqualTo(404);

        Api.Response cast = first.post(votes, Map.of("vote", "positive-with-conditions", "rationale", "Proportioneel.",
                "conditions", List.of("Jaarlijkse biasmonitor")));
        assertThat(cast.status()).as(cast.toString()).isEqualTo(201);
        assertThat(cast.json().get("decided").isNull()).isTrue();
        Api.Response again = first.post(votes, Map.of("vote", "negative", "rationale", "Bedacht."));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.isProblem()).isTrue();
        assertThat(stage(owner, caseId)).isEqualTo("ETHICS_REVIEW");

        Api.Response deciding = second.post(votes, Map.of("vote", "positive", "rationale", "Geen bezwaar."));
        assertThat(deciding.status()).as(deciding.toString()).isEqualTo(201);
        assertThat(deciding.json().get("decided").asText()).isEqualTo("approve");
        assertThat(stage(owner, caseId)).isEqualTo("PUBLICATION_REVIEW");
        JsonNode decisions = owner.get("/api/cases/" + caseId).json().get("decisions");
        JsonNode ethicsDecision = decisions.get(decisions.size() - 1);
        assertThat(ethicsDecision.get("decidedBy").asText()).isEqualTo("ethics-second");
        assertThat(ethicsDecision.get("rationale").asText()).contains("ethics-regional: positive-with-conditions", "Geen bezwaar.");
        assertThat(first.post(votes, Map.of("vote", "positive", "rationale", "Te laat.")).status()).isEqualTo(409);

        JsonNode read = as("publisher-zoetermeer").get(votes).json();
        assertThat(read.get("quorum").asInt()).isEqualTo(2);
        assertThat(read.get("votes").findValuesAsText("voter")).containsExactly("ethics-regional", "ethics-second");
        JsonNode condition = read.get("conditions").get(0);
        assertThat(condition.get("text").asText()).isEqualTo("Jaarlijkse biasmonitor");
        assertThat(condition.get("met").asBoolean()).isFalse();

        String met = "/api/cases/" + caseId + "/conditions/" + condition.get("id").asText() + "/met";
        assertThat(as("publisher-zoetermeer").post(met, Map.of("note", "Niet van mij.")).status()).isEqualTo(403);
        assertThat(owner.post(met, Map.of("note", "")).status()).isEqualTo(400);
        Api.Response marked = owner.post(met, Map.of("note", "Monitor ingericht."));
        assertThat(marked.status()).as(marked.toString()).isEqualTo(200);
        assertThat(marked.json().get("met").asBoolean()).isTrue();
        assertThat(owner.post(met, Map.of("note", "Nog eens.")).status()).isEqualTo(409);

        complete(as("publisher-zoetermeer"), caseId, "releasePublication", Map.of("outcome", "approve", "rationale", "Klaar."));
        assertThat(awaitStage(owner, caseId, "PUBLISHED")).isEqualTo("PUBLISHED");
    }
}
