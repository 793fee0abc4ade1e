import { cfctRewrite, cfctSize, policyText } from '../../cdk/policies';

describe('cfctRewrite', () => {
  test('replaces every line feed with CRLF, like Python str.replace', () => {
    expect(cfctRewrite('a\nb\nc')).toBe('a\r\nb\r\nc');
  });

  test('removes every pair of spaces, left to right and without overlap, after the line-feed rewrite', () => {
    expect(cfctRewrite('a  b    c')).toBe('abc');
    // Python: "a   b".replace("  ", "") == "a b"
    expect(cfctRewrite('a   b')).toBe('a b');
    expect(cfctRewrite('{\n  "x": 1\n}')).toBe('{\r\n"x": 1\r\n}');
  });

  test('leaves minified JSON alone', () => {
    const text = policyText({ Version: '2012-10-17', Statement: [{ Sid: 'A', Effect: 'Deny', Action: 's3:*', Resource: '*' }] });
    expect(cfctRewrite(text)).toBe(text);
  });
});

describe('cfctSize', () => {
  test('measures the text after the rewrite: pretty-printed JSON shrinks by its indentation and grows by its line breaks', () => {
    const pretty = JSON.stringify({ a: [1, 2] }, null, 2); // 3 lines of 2-space indent, 2 nested of 4
    const rewritten = pretty.split('\n').join('\r\n').split('  ').join('');
    expect(cfctSize(pretty)).toBe(rewritten.length);
    expect(cfctSize(pretty)).not.toBe(pretty.length);
  });

  test('equals the length of minified JSON', () => {
    const text = policyText({ Version: '2012-10-17', Statement: [] });
    expect(cfctSize(text)).toBe(text.length);
  });
});
