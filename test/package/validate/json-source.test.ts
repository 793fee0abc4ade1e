import * as fs from 'fs';
import { parseJsonSource } from '../../../cdk/package/validate';
import { projectFile } from '../../../cdk/paths';

describe('parseJsonSource', () => {
  test('parses like JSON.parse and knows the line of every value', () => {
    const text = '{\n  "a": [\n    1,\n    {"b": "c"}\n  ],\n  "d": null\n}\n';
    const json = parseJsonSource(text);
    expect(json.value).toEqual(JSON.parse(text));
    expect(json.lineOf(['a', 0])).toBe(3);
    expect(json.lineOf(['a', 1, 'b'])).toBe(4);
    expect(json.lineOf(['d'])).toBe(6);
    expect(json.lineOf(['d', 'missing', 3])).toBe(6); // nearest ancestor
  });

  test('reports a syntax error with its line instead of throwing', () => {
    const json = parseJsonSource('{\n  "a": 1,\n}');
    expect(json.value).toBeUndefined();
    expect(json.syntaxError).toEqual({ line: 3, message: 'expected a key in double quotes, found "}"' });
  });

  test.each(['{"a": 01}', '{"a": "\\x"}', '[1,]', "{'a': 1}", '{"a": 1} x', '"\u0001"'])('rejects what JSON.parse rejects: %j', (text) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(parseJsonSource(text).syntaxError).toBeDefined();
  });

  test('records duplicate keys, which JSON.parse silently drops', () => {
    const json = parseJsonSource('{"a": 1,\n "a": 2}');
    expect(json.value).toEqual({ a: 2 });
    expect(json.duplicateKeys).toEqual([{ path: ['a'], line: 2 }]);
  });

  test('does not let __proto__ keys touch prototypes', () => {
    const json = parseJsonSource('{"__proto__": {"polluted": true}}');
    expect(Object.keys(json.value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test.each([
    ['nested', '{"a": {"a": 1, "b": {"a": 2}},\n "b": [{"x": 1}, {"x": 2, "y": {"x": 3,\n "x": 4}}]}', [{ path: ['b', 1, 'y', 'x'], line: 3 }]],
    ['a colon and quotes inside strings', '{"a:b": "c:\\"d\\":e",\n "a:b": "x"}', [{ path: ['a:b'], line: 2 }]],
    ['a repeated __proto__', '{"__proto__": 1,\n "__proto__": 2}', [{ path: ['__proto__'], line: 2 }]],
  ])('finds duplicate keys anywhere (%s)', (_name, text, duplicates) => {
    expect(parseJsonSource(text).duplicateKeys).toEqual(duplicates);
  });

  test('a valid file without duplicates gives the same value and lines as the positional parser', () => {
    const text = fs.readFileSync(projectFile('customizations/bedrock-logs-aggregation.template.json'), 'utf8');
    const json = parseJsonSource(text);
    expect(json.duplicateKeys).toEqual([]);
    expect(json.value).toEqual(JSON.parse(text));
    const lines = text.split('\n');
    const [firstResource] = Object.keys((json.value as { Resources: object }).Resources);
    const line = json.lineOf(['Resources', firstResource, 'Type']);
    expect(line).toBeDefined();
    expect(lines[(line as number) - 1]).toContain('"Type"');
  });
});
