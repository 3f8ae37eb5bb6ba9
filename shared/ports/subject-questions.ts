/** The assistant questions linked to a data subject (`SUBJECT#<key>` / `QUESTION#<id>`), deleted by erasure. */
export interface SubjectQuestions {
  /**
   * Erases every question linked to any of `keys` and deletes the links; how many questions. The
   * question's text (and its normalised form) goes; its item stays, marked `erased`, with what the
   * figures count (day, topic, answers shown, feedback), so that the assistant's figures stay as
   * they were. The top-questions list no longer shows it.
   */
  deleteQuestionsOf(keys: readonly string[]): Promise<number>;
}
