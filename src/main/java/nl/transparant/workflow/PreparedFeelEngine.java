package nl.transparant.workflow;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import camundajar.impl.scala.jdk.javaapi.CollectionConverters;
import camundajar.impl.scala.util.Either;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FailedEvaluationResult;
import org.camunda.feel.context.Context;
import org.camunda.feel.context.FunctionProvider;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.impl.interpreter.BuiltinFunctions;
import org.camunda.feel.impl.interpreter.EvalContext;
import org.camunda.feel.impl.interpreter.EvaluationFailureCollector;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.valuemapper.ValueMapper;

/**
 * Camunda's FEEL for the decision tables (the review route in {@code policies/review-route.dmn}), with the same
 * language, value mappers and answers, but without two costs it pays on every single expression: parsing the
 * expression's text again, and building the table of FEEL's built-in functions again (some 150 function objects).
 * A route decision evaluates about fifty expressions, so these two were 15 % of the application's CPU per review
 * cycle (flight recording of {@code bench/workflow-throughput.sh}, 2026-12-06).
 *
 * <p>Parsed expressions are immutable and depend only on their text, so they are kept (a deployed decision table
 * has a bounded set of them; the map is emptied when it grows past {@link #MOST_EXPRESSIONS}, for texts that come
 * and go). The built-in functions are pure, so one table of them serves every evaluation; each evaluation still gets
 * a context of its own, because the context also collects the evaluation's failures. Everything else, validating a
 * parsed expression and turning the interpreter's value into the answer, is the library's own code.
 */
final class PreparedFeelEngine extends ScalaFeelEngine {

    static final int MOST_EXPRESSIONS = 10_000;

    PreparedFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
        super(functionProviders);
    }

    /** For the DMN engine's configuration: this engine, with the custom functions the configuration names. */
    static FeelEngineFactory factoryFor(DefaultDmnEngineConfiguration dmn) {
        return () -> new PreparedFeelEngine(dmn.getFeelCustomFunctionProviders() == null ? List.of() : dmn.getFeelCustomFunctionProviders());
    }

    @Override
    protected FeelEngine buildFeelEngine(CustomFunctionTransformer customFunctions, ValueMapper.CompositeValueMapper valueMapper) {
        // the configuration and clock Camunda's own engine would get, taken from one built the same way
        FeelEngine asCamundaBuildsIt = super.buildFeelEngine(customFunctions, valueMapper);
        return new Prepared(customFunctions, valueMapper, asCamundaBuildsIt.configuration(), asCamundaBuildsIt.clock());
    }

    static final class Prepared extends FeelEngine {

        private static final MethodHandle VALIDATE;
        private static final MethodHandle EVALUATE_IN;

        static {
            try {
                MethodHandles.Lookup engine = MethodHandles.privateLookupIn(FeelEngine.class, MethodHandles.lookup());
                VALIDATE = engine.findVirtual(FeelEngine.class, "validate", MethodType.methodType(Either.class, ParsedExpression.class));
                EVALUATE_IN = engine.findVirtual(FeelEngine.class, "eval",
                        MethodType.methodType(EvaluationResult.class, ParsedExpression.class, EvalContext.class));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError("This FEEL engine no longer has the methods PreparedFeelEngine uses: " + e);
            }
        }

        private final FunctionProvider builtInAndCustomFunctions;
        private final Map<String, Either<Failure, ParsedExpression>> expressions = new ConcurrentHashMap<>();
        private final Map<String, Either<Failure, ParsedExpression>> unaryTests = new ConcurrentHashMap<>();

        Prepared(FunctionProvider customFunctions, ValueMapper valueMapper, Configuration configuration,
                org.camunda.feel.FeelEngineClock clock) {
            super(customFunctions, valueMapper, configuration, clock);
            // the same functions, in the same order, as the library's root context (built-ins first)
            this.builtInAndCustomFunctions = new FunctionProvider.CompositeFunctionProvider(CollectionConverters.asScala(
                    List.<FunctionProvider>of(new BuiltinFunctions(clock, valueMapper), customFunctions)).toList());
        }

        @Override
        public Either<Failure, ParsedExpression> parseExpression(String expression) {
            return parsed(expressions, expression, super::parseExpression);
        }

        @Override
        public Either<Failure, ParsedExpression> parseUnaryTests(String expression) {
            return parsed(unaryTests, expression, super::parseUnaryTests);
        }

        private static Either<Failure, ParsedExpression> parsed(Map<String, Either<Failure, ParsedExpression>> cache, String text,
                java.util.function.Function<String, Either<Failure, ParsedExpression>> parser) {
            Either<Failure, ParsedExpression> known = cache.get(text);
            if (known != null) {
                return known;
            }
            if (cache.size() >= MOST_EXPRESSIONS) {
                cache.clear();
            }
            Either<Failure, ParsedExpression> parsed = parser.apply(text);
            cache.put(text, parsed);
            return parsed;
        }

        @Override
        @SuppressWarnings("unchecked")
        public EvaluationResult evaluate(ParsedExpression expression, Context context) {
            try {
                Either<Failure, ParsedExpression> valid = (Either<Failure, ParsedExpression>) VALIDATE.invoke(this, expression);
                if (valid.isLeft()) {
                    return new FailedEvaluationResult(valid.swap().toOption().get(), emptyFailures());
                }
                EvalContext fresh = new EvalContext(valueMapper(), VariableProvider.EmptyVariableProvider$.MODULE$,
                        builtInAndCustomFunctions, new EvaluationFailureCollector());
                EvaluationResult result = (EvaluationResult) EVALUATE_IN.invoke(this, expression, fresh.merge(context));
                if (result.isSuccess() && result.hasSuppressedFailures()) {
                    return refused(expression, result);
                }
                return result;
            } catch (RuntimeException e) {
                // as the library answers an exception in the interpreter
                return new FailedEvaluationResult(new Failure("failed to evaluate expression '" + expression.text() + "' :" + e), emptyFailures());
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * Stricter than Camunda's engine, on purpose (fail closed): where the library goes on with null after a failure it
         * only notes (a variable no input names, a comparison of a text with a number, a function given the wrong
         * arguments), a policy table would route a case on a guess: a misspelt input became "not required" and the
         * case skipped its DPIA (outside tester). Such an evaluation fails, naming the expression and what went wrong.
         */
        private static EvaluationResult refused(ParsedExpression expression, EvaluationResult noted) {
            String failures = CollectionConverters.asJava(noted.suppressedFailures()).stream()
                    .map(org.camunda.feel.api.EvaluationFailure::failureMessage).collect(java.util.stream.Collectors.joining("; "));
            return new FailedEvaluationResult(new Failure("failed to evaluate expression '" + expression.text() + "': " + failures),
                    noted.suppressedFailures());
        }

        private static camundajar.impl.scala.collection.immutable.List<org.camunda.feel.api.EvaluationFailure> emptyFailures() {
            return CollectionConverters.asScala(List.<org.camunda.feel.api.EvaluationFailure>of()).toList();
        }
    }
}
