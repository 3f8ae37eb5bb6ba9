/** The assistant questions linked to a data subject (`SUBJECT#<key>` / `QUESTION#<id>`), deleted by erasure. */
export interface SubjectQuestions {
  /** Deletes every question linked to any of `keys`, and the links; how many questions. */
  deleteQuestionsOf(keys: readonly string[]): Promise<number>;
}
