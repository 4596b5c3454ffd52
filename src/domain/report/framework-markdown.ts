import type { Framework } from '../framework/model.js';

/** A framework version, whole, as a readable document. */
export function frameworkMarkdown(framework: Framework): string {
  const { file } = framework;
  const lines = [`# ${framework.title}`, '', `Id \`${framework.id}\`, published by ${framework.publisher}.`, ''];
  lines.push('## Rating rules', '');
  lines.push(
    "Each key question's % 'Yes' (yes ÷ relevant cases × 100, " +
      (file.keyQuestionBands.rounding === 'halfUp' ? 'rounded half up' : 'rounded down') +
      ' to a whole percent) falls in a band; a case-based standard takes the band of its lowest key question.',
    '',
  );
  lines.push("| % 'Yes' | Band | Rating |", '|---|---|---|');
  file.keyQuestionBands.bands.forEach((band, i, bands) => {
    const upper = i === 0 ? '100' : String(bands[i - 1]!.minPercent - 1);
    lines.push(`| ${band.minPercent}–${upper}% | ${band.label} | ${band.rating} |`);
  });
  lines.push(
    '',
    '| Rating | Score |',
    '|---|---:|',
    ...framework.ratingScale.map((r) => `| ${r.rating} | ${r.score} |`),
  );
  lines.push('', `| Overall score (out of ${framework.maxScore}) | Overall rating |`, '|---|---|');
  file.overallBands.forEach((band, i, bands) => {
    const upper = i === 0 ? framework.maxScore : bands[i - 1]!.minScore - 1;
    lines.push(`| ${band.minScore}–${upper} | ${band.rating} |`);
  });
  const d = file.discretion;
  lines.push(
    '',
    `Professional discretion may be considered when the lowest key question is within ${d.boundaryMarginPoints} points of a band boundary` +
      (d.considerOneCaseChange ? ', when a different answer in one case would change the rating' : '') +
      `, or when the limiting figure rests on ${d.smallSampleMaxCases} cases or fewer.`,
    '',
  );
  for (const domain of framework.domains) {
    lines.push(`## ${domain.id}. ${domain.title}`, '');
    if (domain.footnote) lines.push(`_${domain.footnote}_`, '');
    for (const standard of domain.standards) {
      const caseDomain = file.caseDomains.find((d) => d.id === standard.caseDomain)?.label.toLowerCase();
      const kind = standard.assessment === 'caseBased' ? `Case-based: assessed on ${caseDomain}` : 'Judged on evidence';
      lines.push(`### ${standard.id} ${standard.title}`, '', `> ${standard.statement}`, '');
      lines.push(`${kind}${standard.inOverallScore ? '' : '; rated separately, outside the overall score'}.`, '');
      for (const kq of standard.keyQuestions) {
        const applies = kq.appliesTo && kq.appliesTo.id !== 'allCases' ? ` _(${kq.appliesTo.label})_` : '';
        lines.push(`- **${kq.id}** ${kq.text}${applies}${kq.textFrom ? ` [text from ${kq.textFrom}]` : ''}`);
        for (const prompt of kq.prompts) {
          const marks = [
            prompt.appliesTo.id !== 'allCases' ? prompt.appliesTo.label.toLowerCase() : '',
            prompt.textFrom ? `text from ${prompt.textFrom}` : '',
          ]
            .filter(Boolean)
            .join('; ');
          lines.push(`  - ${prompt.id} ${prompt.text}${marks ? ` [${marks}]` : ''}`);
        }
      }
      lines.push('');
    }
  }
  return lines.join('\n');
}
