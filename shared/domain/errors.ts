/**
 * Domain errors. Each names the HTTP status it maps to and the catalogue key of the message the
 * client sees; the HTTP error middleware is the one place that turns them into responses, and
 * looks the text up in the client's language.
 */

/** The catalogue keys of the messages these errors show (the texts are in the lv/en catalogue). */
export type ErrorMessageKey =
  | 'error.body.malformed'
  | 'error.body.tooLarge'
  | 'error.contentType'
  | 'error.idempotency.invalid'
  | 'error.idempotency.mismatch'
  | 'error.assistant.questionUnknown';

export class DomainError extends Error {
  readonly status: number;
  readonly messageKey: ErrorMessageKey;
  readonly fieldErrors: readonly { field: string; message: string }[] | undefined;

  constructor(
    status: number,
    messageKey: ErrorMessageKey,
    fieldErrors?: readonly { field: string; message: string }[],
  ) {
    super(messageKey);
    this.name = new.target.name;
    this.status = status;
    this.messageKey = messageKey;
    this.fieldErrors = fieldErrors;
  }
}

export class ValidationFailed extends DomainError {
  constructor(fieldErrors: readonly { field: string; message: string }[]) {
    super(400, 'error.body.malformed', fieldErrors);
  }
}

export class MalformedBody extends DomainError {
  constructor() {
    super(400, 'error.body.malformed');
  }
}

export class UnsupportedContentType extends DomainError {
  constructor() {
    super(415, 'error.contentType');
  }
}

export class BodyTooLarge extends DomainError {
  constructor() {
    super(413, 'error.body.tooLarge');
  }
}

export class InvalidIdempotencyKey extends DomainError {
  constructor() {
    super(400, 'error.idempotency.invalid');
  }
}

/** The idempotency key was first used with a different request. */
export class IdempotencyKeyReused extends DomainError {
  constructor() {
    super(422, 'error.idempotency.mismatch');
  }
}

/** Feedback on a question the assistant never logged (or the log no longer keeps). */
export class QuestionNotFound extends DomainError {
  constructor() {
    super(404, 'error.assistant.questionUnknown');
  }
}

/**
 * Feedback on an article the question was not answered with: a 400 on `articleId`, whose message
 * the assistant's handler words in the client's language.
 */
export class ArticleNotShown extends DomainError {
  constructor() {
    super(400, 'error.body.malformed');
  }
}

/** A message refers to a ticket that does not exist (yet); retried, then dead-lettered. */
export class TicketNotFound extends Error {
  constructor(reference: string) {
    super(`Ticket ${reference} not found`);
    this.name = 'TicketNotFound';
  }
}
