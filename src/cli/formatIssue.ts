import { formatPath, type Issue } from '../schema/index.js';

/** One issue as a line for people: `path: message`, or only the message when it concerns no path. */
export function formatIssue(issue: Issue): string {
  return issue.path.length === 0 ? issue.message : `${formatPath(issue.path)}: ${issue.message}`;
}
