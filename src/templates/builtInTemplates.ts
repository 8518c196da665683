import biasAwarenessCommunity from '../../templates/bias-awareness-community.json' with { type: 'json' };
import biasAwarenessWorkplace from '../../templates/bias-awareness-workplace.json' with { type: 'json' };
import careAndHealthNeeds from '../../templates/care-and-health-needs.json' with { type: 'json' };
import employerPractices from '../../templates/employer-practices.json' with { type: 'json' };
import exampleAllFeatures from '../../templates/example-all-features.json' with { type: 'json' };
import programmeFollowUp from '../../templates/programme-follow-up.json' with { type: 'json' };
import publicEmployerWlb from '../../templates/public-employer-wlb.json' with { type: 'json' };
import workplaceAttractiveness from '../../templates/workplace-attractiveness.json' with { type: 'json' };
import workshopFeedback from '../../templates/workshop-feedback.json' with { type: 'json' };
import youthVoice from '../../templates/youth-voice.json' with { type: 'json' };
import type { Template } from '../schema/index.js';

// JSON imports are typed loosely (strings, not literal unions); the test suite checks that every file
// passes parseTemplate, which is what makes this cast safe.
const all = [
  biasAwarenessCommunity,
  biasAwarenessWorkplace,
  workplaceAttractiveness,
  employerPractices,
  youthVoice,
  careAndHealthNeeds,
  publicEmployerWlb,
  programmeFollowUp,
  workshopFeedback,
  exampleAllFeatures,
] as unknown as readonly Template[];

/** The built-in templates by id, in programme order. Shared: hand out copies only. */
export const builtInTemplates: ReadonlyMap<string, Template> = new Map(
  all.map((template) => [template.id, template]),
);
