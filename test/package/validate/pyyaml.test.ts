import { resolvePlain, resolvePlainType } from '../../../cdk/package/validate';

describe("PyYAML's implicit resolvers (YAML 1.1)", () => {
  test.each([
    ['2021-03-15', 'timestamp'],
    ['2021-3-15', 'str'], // a date alone needs two-digit month and day
    ['2021-03-15 10:00:00', 'timestamp'],
    ['yes', 'bool'],
    ['No', 'bool'],
    ['off', 'bool'],
    ['y', 'str'], // unlike the `yaml` library's 1.1 schema, PyYAML has no y/n booleans
    ['012345670123', 'int'],
    ['012345678901', 'str'], // not octal, and a leading 0 is not decimal
    ['111111111111', 'int'],
    ['1_000', 'int'],
    ['1:30', 'int'],
    ['1.5', 'float'],
    ['.inf', 'float'],
    ['~', 'null'],
    ['', 'null'],
    ['Null', 'null'],
    ['us-east-1', 'str'],
    ['<<', 'merge'],
    ['=', 'value'],
  ])('%j is %s', (text, type) => {
    expect(resolvePlainType(text)).toBe(type);
  });

  test('constructs values as PyYAML does', () => {
    expect(resolvePlain('012345670123').value).toBe(0o12345670123);
    expect(resolvePlain('0x1F').value).toBe(31);
    expect(resolvePlain('-0b101').value).toBe(-5);
    expect(resolvePlain('1:30').value).toBe(90);
    expect(resolvePlain('ON').value).toBe(true);
    expect(resolvePlain('2021-03-15').value).toBe('2021-03-15');
  });
});
