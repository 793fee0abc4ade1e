/**
 * The registry of generated README sections: name -> generator. Add a section here and put its
 * marker pair (`<!-- BEGIN GENERATED: <name> -->` ... `<!-- END GENERATED: <name> -->`) in the
 * README; `npm run docs` fills it, `npm run docs -- --check` and the tests keep it current.
 */
import { readmeCostTable } from '../cost/report';
import { configurationReferenceSection } from './config-reference';
import type { GeneratedSection } from './markers';

export const SECTIONS: readonly GeneratedSection[] = [
  {
    name: 'configuration-reference',
    source: 'cdk/env/types.ts, cdk/docs/constraints.ts, cdk/env/map.example.ts',
    generate: configurationReferenceSection,
  },
  {
    name: 'cost-model',
    source: 'cdk/cost/ (model, default prices, README scenarios)',
    generate: () => readmeCostTable(),
  },
];
