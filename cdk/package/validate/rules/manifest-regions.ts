import { KNOWN_REGIONS } from '../../../env/regions';
import { closest } from '../../../suggest';
import type { PathSegment } from '../paths';
import type { Finding, Rule } from '../types';

/** The shape of an AWS region code: us-east-1, eu-central-2, us-gov-west-1, ap-southeast-7, … */
const REGION = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$/;

export const manifestRegions: Rule = {
  id: 'manifest-regions',
  description: '`region` and every `regions` item are regions of the aws partition the environment validator knows (cdk/env/regions.ts)',
  why: 'a misspelt region (eu-wset-2) passes CfCT\'s build stage and fails the StackSet (or the whole pipeline) at deploy time',
  check(ctx) {
    const data = ctx.manifestData;
    if (!data) return [];
    const findings: Finding[] = [];
    const check = (at: PathSegment[], value: unknown): void => {
      if (typeof value !== 'string' || KNOWN_REGIONS.includes(value)) return;
      if (!REGION.test(value)) {
        findings.push(ctx.manifestFinding(at, 'not an AWS region code', value, 'write a region code such as us-east-1, in lower case'));
        return;
      }
      const near = closest(value, KNOWN_REGIONS);
      findings.push(ctx.manifestFinding(at, 'not a region of the aws partition', value,
        near === undefined ? 'use a region of the aws partition; if AWS opened this one recently, add it to cdk/env/regions.ts' : `did you mean ${near}?`));
    };
    check(['region'], data.region);
    for (const resource of ctx.resources) {
      const regions = resource.data.regions;
      if (Array.isArray(regions)) regions.forEach((region, index) => check([...resource.path, 'regions', index], region));
    }
    return findings;
  },
};
