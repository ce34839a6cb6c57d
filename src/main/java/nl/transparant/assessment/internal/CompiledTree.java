package nl.transparant.assessment.internal;

import java.util.IdentityHashMap;
import java.util.Map;
import nl.transparant.assessment.DecisionTree;
import nl.transparant.assessment.DecisionTree.Redirect;
import nl.transparant.assessment.jexl.CompiledExpression;

/** A decision tree whose redirect conditions are compiled; immutable. */
public final class CompiledTree {

    private final DecisionTree tree;
    private final Map<Redirect, CompiledExpression> conditions;

    CompiledTree(DecisionTree tree, Map<Redirect, CompiledExpression> conditions) {
        this.tree = tree;
        this.conditions = new IdentityHashMap<>(conditions);
    }

    public DecisionTree tree() {
        return tree;
    }

    CompiledExpression condition(Redirect redirect) {
        return conditions.get(redirect);
    }
}
