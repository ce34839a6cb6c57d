// The reference for the Java jexl evaluator: the npm jexl package the government's DPIA form tool
// (MinBZK/par-dpia-form) evaluates its expressions with, given the functions and transform that tool registers,
// with that tool's semantics. Reads one JSON batch on stdin and writes one JSON answer on stdout, so a test
// starts node once for thousands of expressions (JexlReference.java).
//
// In:  [{"expression": "...", "context": {...}, "answers": {"1.1": true, ...}}, ...]
// Out: [{"value": <encoded>} | {"error": "parse" | "evaluate", "message": "..."}, ...]
// JSON cannot carry undefined, NaN or the infinities, nor tell an array from an object whose keys look like
// indexes, so values are encoded: {"$": "undefined" | "NaN" | "Infinity" | "-Infinity"} for those, and
// {"$object": {...}} around objects; arrays, strings, finite numbers, booleans and null are themselves.
import jexlPackage from 'jexl';

const { Jexl } = jexlPackage;

/** A jexl instance with the tool's functions, reading the answers of the case being evaluated. */
function referenceJexl(current) {
  const jexl = new Jexl();
  // The tool looks a task up by id with ===, so only a text names a task; a task without an answer, and an answer
  // that is falsy (false, '', 0), reads as null, because the tool's answer store returns `value || null`.
  const answer = (id) => (typeof id === 'string' && Object.hasOwn(current.answers, id) ? current.answers[id] || null : null);
  jexl.addTransform('count', (value) => (Array.isArray(value) ? value.length : 0));
  jexl.addFunction('answers', (id) => answer(id));
  jexl.addFunction('bool', (value) => value === true || value === 'true');
  jexl.addFunction('countSelectedOptions', (id) => {
    const value = answer(id);
    return Array.isArray(value) ? value.length : 0;
  });
  jexl.addFunction('weightedCountMap', (values, keys, weights) => {
    if (!Array.isArray(values)) {
      return 0;
    }
    const weightOf = {};
    for (let i = 0; i < keys.length; i++) {
      weightOf[keys[i]] = weights[i] || 0;
    }
    let total = 0;
    for (const value of values) {
      total += weightOf[value] || 0;
    }
    return total;
  });
  jexl.addFunction('criteriaCheck', (criteria) => Object.values(criteria).some((value) => value === true));
  return jexl;
}

function encode(value) {
  if (value === undefined) {
    return { $: 'undefined' };
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { $: String(value) };
  }
  if (Array.isArray(value)) {
    return value.map(encode);
  }
  if (value !== null && typeof value === 'object') {
    const object = {};
    for (const [key, element] of Object.entries(value)) {
      object[key] = encode(element);
    }
    return { $object: object };
  }
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
    return { $: typeof value };
  }
  return value;
}

const input = [];
for await (const chunk of process.stdin) {
  input.push(chunk);
}
const cases = JSON.parse(Buffer.concat(input).toString('utf8'));
const current = { answers: {} };
const jexl = referenceJexl(current);
const results = cases.map(({ expression, context, answers }) => {
  current.answers = answers || {};
  let compiled;
  try {
    compiled = jexl.compile(expression);
  } catch (e) {
    return { error: 'parse', message: String(e && e.message) };
  }
  try {
    return { value: encode(compiled.evalSync(context || {})) };
  } catch (e) {
    return { error: 'evaluate', message: String(e && e.message) };
  }
});
process.stdout.write(JSON.stringify(results));
