package nl.transparant.workflow;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.transparant.problems.PolicyBrokenException;
import org.camunda.bpm.dmn.engine.DmnEngineException;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.delegate.DelegateInvocation;
import org.camunda.bpm.engine.impl.dmn.invocation.DecisionInvocation;
import org.camunda.bpm.engine.impl.interceptor.DelegateInterceptor;
import org.camunda.bpm.engine.repository.DecisionDefinition;

/**
 * A decision table that cannot decide a case stops it visibly, naming its file (fail closed): an expression the FEEL
 * engine cannot read or evaluate, any other failure of the DMN engine, and, for a case's process, a table in which no
 * rule fits. Without this the first two surfaced as a crash (a 500 asking to try again later, which never helps) and
 * the last as a route the process would have to guess. The engine's transaction is rolled back, so the case stays
 * where it was. Wraps the engine's own interceptor for every delegate invocation; only decisions are looked at.
 */
final class DecisionsFailClosed implements DelegateInterceptor {

    /** Where the FEEL engine quotes the expression it failed on: "failed to parse expression '…': …". */
    private static final Pattern QUOTED_EXPRESSION = Pattern.compile("expression '(.*?)'(?::|$)", Pattern.DOTALL);

    private final DelegateInterceptor engine;

    DecisionsFailClosed(DelegateInterceptor engine) {
        this.engine = engine;
    }

    @Override
    public void handleInvocation(DelegateInvocation invocation) throws Exception {
        if (!(invocation instanceof DecisionInvocation decision)) {
            engine.handleInvocation(invocation);
            return;
        }
        DecisionDefinition table = decision.getDecisionDefinition();
        try {
            engine.handleInvocation(invocation);
        } catch (FeelException e) {
            Matcher quoted = QUOTED_EXPRESSION.matcher(String.valueOf(e.getMessage()));
            throw quoted.find()
                    ? refused(table, "expression", List.of(quoted.group(1), table.getKey()), e)
                    : refused(table, "decision", List.of(table.getKey()), e);
        } catch (DmnEngineException e) {
            throw refused(table, "decision", List.of(table.getKey()), e);
        }
        // a case's route must come from a rule; the decision service (no process) may ask a table anything
        if (Context.getBpmnExecutionContext() != null && decision.getInvocationResult() != null
                && decision.getInvocationResult().isEmpty()) {
            throw refused(table, "noRule", List.of(table.getKey()), null);
        }
    }

    private static PolicyBrokenException refused(DecisionDefinition table, String reason, List<?> arguments, Throwable cause) {
        String file = table.getResourceName() == null ? table.getKey() + ".dmn" : table.getResourceName();
        return new PolicyBrokenException(Path.of(file), reason, arguments, cause);
    }
}
