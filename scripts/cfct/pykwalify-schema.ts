/**
 * CfCT's manifest schema in pykwalify's format, generated from the project's JSON-Schema port
 * (cdk/package/validate/manifest-v2.schema.json), so that the tests and the bench can run the very
 * check CfCT's build stage runs, `pykwalify -d manifest.yaml -s manifest-v2.schema.yaml`
 * (source/codebuild_scripts/run-validation.sh, pykwalify 1.8.0 per install_stage_dependencies.sh,
 * in aws-solutions/aws-control-tower-customizations v2.8.4), without copying CfCT's file.
 *
 * The conversion inverts the mapping the port's `$comment` documents:
 * - `type: object` + `properties` (closed) -> `type: map` + `mapping`; a key in `required` ->
 *   `required: True`;
 * - `type: [X, "null"]` -> type X, not required (pykwalify accepts an empty value there);
 * - `type: array` + `items` -> `type: seq` + `sequence: [item rule]`; an item type without null ->
 *   `required: True` on the item rule; `uniqueItems` -> `unique: True` on the item rule;
 * - `items: {}` and `not: {type: null}` -> `type: any` (the latter required);
 * - `string`/`boolean` -> `str`/`bool`; `enum` -> `enum`; a string enum of ISO dates -> `type:
 *   date` with the dates unquoted (the port models pykwalify's date as its text);
 * - `$ref: #/definitions/x` -> the definition, inlined.
 */
import { Document } from 'yaml';
import portedSchema from '../../cdk/package/validate/manifest-v2.schema.json';

type JsonSchema = { readonly [key: string]: unknown };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TYPES: Readonly<Record<string, string>> = { string: 'str', boolean: 'bool', object: 'map', array: 'seq' };

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const name = /^#\/definitions\/(.+)$/.exec(ref)?.[1];
  const target = name === undefined ? undefined : (root.definitions as Record<string, JsonSchema> | undefined)?.[name];
  if (target === undefined) throw new Error(`pykwalify schema: cannot resolve ${ref}`);
  return target;
}

/** The JSON types a schema allows, without null, and whether it allows null. */
function typesOf(schema: JsonSchema): { types: string[]; nullable: boolean } {
  const raw = schema.type === undefined ? [] : Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  return { types: raw.filter((t) => t !== 'null'), nullable: raw.length === 0 || raw.includes('null') };
}

/** The pykwalify rule of one JSON-Schema node. */
export function pykwalifyRule(node: JsonSchema, root: JsonSchema, required: boolean): Record<string, unknown> {
  const schema = resolve(node, root);
  const { types } = typesOf(schema);
  const rule: Record<string, unknown> = {};
  if (types.length > 1) throw new Error(`pykwalify schema: several types (${types.join(', ')}) have no pykwalify equivalent`);
  const enumValues = schema.enum as unknown[] | undefined;
  const isDate = types[0] === 'string' && enumValues !== undefined && enumValues.every((v) => typeof v === 'string' && ISO_DATE.test(v));
  rule.type = types.length === 0 ? 'any' : isDate ? 'date' : TYPES[types[0]];
  if (rule.type === undefined) throw new Error(`pykwalify schema: no pykwalify type for ${types[0]}`);
  if (required) rule.required = true;
  if (enumValues !== undefined) rule.enum = [...enumValues];
  if (rule.type === 'map') {
    const requiredKeys = new Set((schema.required as string[] | undefined) ?? []);
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    rule.mapping = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, pykwalifyRule(value, root, requiredKeys.has(key))]));
  }
  if (rule.type === 'seq') {
    const items = resolve((schema.items ?? {}) as JsonSchema, root);
    const item = pykwalifyRule(items, root, !typesOf(items).nullable && items.not === undefined);
    if (schema.uniqueItems === true) item.unique = true;
    rule.sequence = [item];
  }
  if (schema.not !== undefined && types.length === 0) rule.required = true; // `not: {type: null}`: any value, but one
  return rule;
}

/** The whole schema as pykwalify YAML. */
export function pykwalifySchema(root: JsonSchema = portedSchema as JsonSchema): string {
  const rule = pykwalifyRule(root, root, false);
  return new Document(rule).toString({ lineWidth: 0 });
}
