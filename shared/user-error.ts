/** An error the user can fix from the message alone: the CLI prints its (Swedish) message as one line and exits 2. */
export class UserError extends Error {
  override name = 'UserError';
}
