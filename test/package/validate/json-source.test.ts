import { parseJsonSource } from '../../../cdk/package/validate';

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
});
