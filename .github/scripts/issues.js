// One open issue per subject: open it, update it, or close it when there is nothing left to report.
// Used from actions/github-script by review-reminders.js and linkcheck-report.js.
'use strict';

async function openIssues(github, context, label) {
  return github.paginate(github.rest.issues.listForRepo, {
    owner: context.repo.owner, repo: context.repo.repo, state: 'open', labels: label, per_page: 100,
  });
}

// body === null closes the issue with that title, if one is open.
async function syncIssue(github, context, existing, { label, title, body, closing }) {
  const repo = { owner: context.repo.owner, repo: context.repo.repo };
  const issue = existing.find((candidate) => candidate.title === title);
  if (body === null) {
    if (issue) {
      await github.rest.issues.createComment({ ...repo, issue_number: issue.number, body: closing });
      await github.rest.issues.update({ ...repo, issue_number: issue.number, state: 'closed', state_reason: 'completed' });
      return 'closed';
    }
    return 'none';
  }
  if (!issue) {
    await github.rest.issues.create({ ...repo, title, body, labels: [label] });
    return 'opened';
  }
  if (issue.body !== body) {
    await github.rest.issues.update({ ...repo, issue_number: issue.number, body });
    return 'updated';
  }
  return 'unchanged';
}

module.exports = { openIssues, syncIssue };
