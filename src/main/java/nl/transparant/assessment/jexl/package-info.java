/**
 * The expressions of the government's assessment definitions, evaluated as the government's DPIA form tool
 * (MinBZK/par-dpia-form) evaluates them: with the JavaScript library jexl (npm {@code jexl} 2.3.0) and JavaScript's
 * own rules for {@code +}, comparisons and truthiness.
 *
 * <p>Why our own and not a library: no Java library speaks this language. Apache Commons JEXL shares the name, not the
 * grammar or the semantics (other operators, Java's arithmetic, no transforms with {@code |}); an embedded JavaScript
 * engine (GraalJS, Rhino) would run jexl itself but would put a script runtime next to the policies, with its
 * own security surface, for a grammar of some hundred lines. So {@link nl.transparant.assessment.jexl.Lexer},
 * {@link nl.transparant.assessment.jexl.Parser} and {@link nl.transparant.assessment.jexl.Evaluator} implement the
 * subset the definitions use, refuse the rest when a file loads, and are held to the npm library by a table of
 * expressions that the build also runs through jexl itself ({@code src/test/jexl}; see
 * {@code docs/policy-author/expressions.md}): any difference fails the build.
 */
package nl.transparant.assessment.jexl;
