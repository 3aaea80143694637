package dev.spoke.user;

/** The IDSync calls, named in {@link IdentityException} messages and results. */
public enum IdentityCall {
  /** {@code POST /identify}: resolve the current user from known identities (e.g. at start-up). */
  IDENTIFY,
  /** {@code POST /login}: switch to the user owning the given identities. */
  LOGIN,
  /**
   * {@code POST /logout}: switch to an anonymous user (or one keeping only the given identities).
   */
  LOGOUT,
  /** {@code POST /{mpid}/modify}: add, change or remove identities of one user. */
  MODIFY,
  /**
   * {@code POST /v1/identity/{apiKey}/alias}: copy one user's data to another ({@link
   * AliasRequest}).
   */
  ALIAS
}
