// The weekly link check reports to one issue: opened or updated while links are broken, closed when none are.
// Reads Sphinx linkcheck's output.json (one JSON object per line) and tools/linkcheck.py's verdict.
// From a workflow:  await require('./.github/scripts/linkcheck-report.js')({ github, context, core, outputFile })
'use strict';
const fs = require('fs');
const { openIssues, syncIssue } = require('./issues.js');

const LABEL = 'linkcheck';
const TITLE = 'Broken external links';

function broken(outputFile) {
  return fs.readFileSync(outputFile, 'utf8').split('\n').filter((line) => line.trim())
    .map((line) => JSON.parse(line))
    .filter((result) => result.status === 'broken');
}

module.exports = async function linkcheckReport({ github, context, core, outputFile, runUrl }) {
  const links = broken(outputFile);
  const existing = await openIssues(github, context, LABEL);
  const body = links.length === 0 ? null : [
    `The weekly link check found ${links.length} broken external link(s).`,
    '',
    '| Page | Line | Link | What happened |',
    '| --- | --- | --- | --- |',
    ...links.map((link) => `| \`${link.filename}\` | ${link.lineno} | <${link.uri}> | ${String(link.info).replace(/\|/g, '\\|').slice(0, 200)} |`),
    '',
    'Replace each link with the current address of the same document, or an archived copy. Run `make linkcheck` to check again.',
    runUrl ? `\n[The run that found them](${runUrl})` : '',
  ].join('\n');
  const result = await syncIssue(github, context, existing, {
    label: LABEL, title: TITLE, body, closing: 'The weekly link check found no broken link. Closing.',
  });
  core.info(`${links.length} broken link(s); issue ${result}`);
};
