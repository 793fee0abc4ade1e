/**
 * The registry of generated README sections: name -> generator. Add a section here and put its
 * marker pair (`<!-- BEGIN GENERATED: <name> -->` ... `<!-- END GENERATED: <name> -->`) in the
 * README; `npm run docs` fills it, `npm run docs -- --check` and the tests keep it current.
 */
import { readmeCostTable } from '../cost/report';
import { configurationReferenceSection } from './config-reference';
import { attackMatrixSection, limitsSection, validateRulesSection } from './package-sections';
import type { GeneratedSection } from './markers';

export const SECTIONS: readonly GeneratedSection[] = [
  {
    name: 'configuration-reference',
    source: 'cdk/env/types.ts, scripts/docs/constraints.ts, cdk/env/map.example.ts',
    generate: configurationReferenceSection,
  },
  {
    name: 'limits',
    source: 'the example package as `npm run build` builds it (cdk/package/limits.ts)',
    generate: limitsSection,
  },
  {
    name: 'attack-matrix',
    source: 'the Summary of docs/security-matrix.md (npm run matrix -- --write)',
    generate: attackMatrixSection,
  },
  {
    name: 'validate-rules',
    source: 'the rules of npm run validate (cdk/package/validate/rules/)',
    generate: validateRulesSection,
  },
  {
    name: 'cost-model',
    source: 'scripts/cost/ (model, default prices, README scenarios)',
    generate: () => readmeCostTable(),
  },
];
