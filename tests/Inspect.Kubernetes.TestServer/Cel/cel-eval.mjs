// Evaluates Kubernetes x-kubernetes-validations rules with @marcbachmann/cel-js.
// Usage: node cel-eval.mjs <path to cel-js lib/index.js>  < [{rule, self, oldSelf, hasOldSelf, variables?}]  > [{ok, error?}]
// With variables (an object), the rule sees those names instead of self (admission policies' object and oldObject).
// Kubernetes binds integers as CEL int (int64): JSON numbers without a fraction become BigInt here.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const { Environment } = await import(pathToFileURL(process.argv[2]).href);

const toCel = (value) => {
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCel(v)]));
  }
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  return value;
};

const checks = JSON.parse(readFileSync(0, 'utf8'));
const results = checks.map(({ rule, self, oldSelf, hasOldSelf, variables }) => {
  try {
    const env = new Environment({ unlistedVariablesAreDyn: true });
    const context = variables ? toCel(variables) : { self: toCel(self) };
    if (!variables && hasOldSelf) context.oldSelf = toCel(oldSelf);
    const value = env.evaluate(rule, context);
    if (typeof value !== 'boolean') return { ok: false, error: `rule did not evaluate to a bool: ${String(value)}` };
    return { ok: value };
  } catch (e) {
    return { ok: false, error: String(e && e.message ? e.message : e) };
  }
});
process.stdout.write(JSON.stringify(results));
