/**
 * Checks a model config read from an untrusted file (a weights manifest) field by field, before any
 * model is built from it: every field the model needs is present with a sane value, no unknown field.
 * Bounds keep a hostile config from asking for absurd allocations (a 10⁹-step schedule, say).
 */

/** Checks one field's value; returns what is wrong, or null when it is fine. */
export type FieldRule = (value: unknown) => string | null;

const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : Array.isArray(v) ? `[${v.map(String).join(', ')}]` : String(v));

/** An integer in min … max. */
export const int =
  (min: number, max: number): FieldRule =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : `must be an integer in ${min} … ${max}, got ${show(v)}`;

/** A finite number in [min, max] (or [min, max) when `openMax`). */
export const num =
  (min: number, max: number, openMax = false): FieldRule =>
  (v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && (openMax ? v < max : v <= max)
      ? null
      : `must be a number in [${min}, ${max}${openMax ? ')' : ']'}, got ${show(v)}`;

/** A positive finite number up to max. */
export const positive =
  (max: number): FieldRule =>
  (v) =>
    typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= max ? null : `must be a number in (0, ${max}], got ${show(v)}`;

/** One of the listed strings. */
export const oneOf =
  (options: readonly string[]): FieldRule =>
  (v) =>
    typeof v === 'string' && options.includes(v) ? null : `must be one of ${options.map((o) => `"${o}"`).join(', ')}, got ${show(v)}`;

/** A non-empty list (at most maxLength long) whose every element passes `rule`. */
export const list =
  (rule: FieldRule, maxLength: number): FieldRule =>
  (v) => {
    if (!Array.isArray(v) || v.length === 0 || v.length > maxLength) return `must be a list of 1 … ${maxLength} items, got ${show(v)}`;
    for (let i = 0; i < v.length; i++) {
      const wrong = rule(v[i]);
      if (wrong) return `item ${i} ${wrong}`;
    }
    return null;
  };

/** Both rules hold. */
export const both =
  (a: FieldRule, b: FieldRule): FieldRule =>
  (v) =>
    a(v) ?? b(v);

/** An even value (after the rule it is combined with has checked it is an integer). */
export const even: FieldRule = (v) => ((v as number) % 2 === 0 ? null : `must be even, got ${show(v)}`);

/**
 * Checks `raw` against one rule per field: an object with exactly these fields, each valid.
 * Throws `${where}: config.<field> <what is wrong>`; returns `raw` typed as the config.
 */
export function checkConfig<C>(raw: unknown, rules: { [K in keyof C]-?: FieldRule }, where: string): C {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${where}: config must be an object, got ${show(raw)}`);
  const fields = Object.keys(rules);
  const extra = Object.keys(raw).filter((k) => !fields.includes(k));
  if (extra.length) throw new Error(`${where}: config has unknown field${extra.length > 1 ? 's' : ''} ${extra.join(', ')}`);
  for (const field of fields) {
    if (!(field in raw)) throw new Error(`${where}: config.${field} is missing`);
    const wrong = (rules as Record<string, FieldRule>)[field]((raw as Record<string, unknown>)[field]);
    if (wrong) throw new Error(`${where}: config.${field} ${wrong}`);
  }
  return raw as C;
}
