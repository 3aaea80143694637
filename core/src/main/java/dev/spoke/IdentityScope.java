package dev.spoke;

/** The scope within which the platform resolves user identities to one profile. */
public enum IdentityScope {
  /** Profiles are resolved per workspace. */
  WORKSPACE,
  /** Profiles are shared by the workspaces of one account. */
  ACCOUNT,
  /** Profiles are shared by the workspaces of one organization. */
  ORGANIZATION
}
