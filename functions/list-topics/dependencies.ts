/** list-topics' dependencies, built once per cold start: the topic catalogue as the web form reads it. */
import { topics } from '../../shared/domain/topics.ts';

export function buildDependencies() {
  return { topics: topics.map((topic) => ({ id: topic.id, label: topic.label })) };
}
