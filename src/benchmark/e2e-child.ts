/**
 * Child-process entry of the end-to-end benchmark: loads the rule, runs one
 * path over the file (`end-to-end.ts`) and sends the run back with the
 * process's peak resident memory. One process per path, so neither JIT
 * state nor memory of one path shows in the other.
 */

import { compileRule } from '../engine/compile-rule.js';
import { loadRuleFile } from '../rule/load.js';
import { ruleRequirement } from '../ruleset/requirement.js';
import type { EndToEndJob, EndToEndResult } from './run-e2e.js';
import { parseEverything, prefiltered } from './end-to-end.js';

/** Runs `job` in this process. */
async function run(job: EndToEndJob): Promise<EndToEndResult> {
  const loaded = await loadRuleFile(job.rule);
  const rule = loaded.documents.find((d) => d.kind === 'rule');
  if (rule === undefined || rule.kind !== 'rule') {
    return { kind: 'failed', message: `${job.rule}: no Sigma rule loaded` };
  }
  const compiled = compileRule(rule, { placeholders: {} });
  if (!compiled.ok) {
    const message = compiled.diagnostics.map((d) => d.message).join('; ');
    return { kind: 'failed', message: `${job.rule}: ${message}` };
  }
  const requirement = ruleRequirement(rule);
  const needles =
    requirement.kind === 'always' ? undefined : requirement.needles.map((n) => n.literal);
  const result =
    job.path === 'prefilter'
      ? prefiltered(job.file, compiled.compiled, needles)
      : await parseEverything(job.file, compiled.compiled);
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  return { kind: 'measured', run: result, maxRssMb };
}

process.once('message', (job: EndToEndJob) => {
  void run(job).then((result) => process.send?.(result, () => process.disconnect()));
});
