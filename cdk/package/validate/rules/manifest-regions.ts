import type { PathSegment } from '../paths';
import type { Finding, Rule } from '../types';

/** The shape of an AWS region code: us-east-1, eu-central-2, us-gov-west-1, ap-southeast-7, … */
const REGION = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$/;

export const manifestRegions: Rule = {
  id: 'manifest-regions',
  description: '`region` and every `regions` item look like AWS region codes (us-east-1)',
  why: 'a misspelt region passes CfCT\'s build stage and fails the StackSet (or the whole pipeline) at deploy time',
  check(ctx) {
    const data = ctx.manifestData;
    if (!data) return [];
    const findings: Finding[] = [];
    const check = (at: PathSegment[], value: unknown): void => {
      if (typeof value !== 'string' || REGION.test(value)) return;
      findings.push(ctx.manifestFinding(at, 'not an AWS region code', value, 'write a region code such as us-east-1, in lower case'));
    };
    check(['region'], data.region);
    for (const resource of ctx.resources) {
      const regions = resource.data.regions;
      if (Array.isArray(regions)) regions.forEach((region, index) => check([...resource.path, 'regions', index], region));
    }
    return findings;
  },
};
