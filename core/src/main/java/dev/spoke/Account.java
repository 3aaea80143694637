package dev.spoke;

import java.util.Objects;

/** A platform account: it belongs to one {@link Organization} and holds workspaces. */
public final class Account {
  private final String id;
  private final String name;
  private final Organization organization;

  private Account(Builder b) {
    this.id = b.id;
    this.name = b.name;
    this.organization =
        b.organization != null ? b.organization : Organization.builder(implicitId(b.id)).build();
  }

  /** An id for an implicit parent that no other explicit id can collide with by accident. */
  static String implicitId(String childId) {
    return "implicit:" + childId;
  }

  /**
   * @param id the account id, non-blank
   * @return a builder; without an explicit organization the account gets an implicit one of its own
   * @throws IllegalArgumentException if the id is null or blank
   */
  public static Builder builder(String id) {
    return new Builder().id(id);
  }

  /**
   * @return a builder holding this account's values
   */
  public Builder toBuilder() {
    return new Builder().id(id).name(name).organization(organization);
  }

  /**
   * @return the account id
   */
  public String id() {
    return id;
  }

  /**
   * @return the display name, or null
   */
  public String name() {
    return name;
  }

  /**
   * @return the organization this account belongs to, never null
   */
  public Organization organization() {
    return organization;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Account)) {
      return false;
    }
    Account that = (Account) o;
    return id.equals(that.id)
        && Objects.equals(name, that.name)
        && organization.equals(that.organization);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, organization);
  }

  @Override
  public String toString() {
    return "Account[id=" + id + ", name=" + name + ", organization=" + organization + "]";
  }

  /** Builds an {@link Account}; setters fail fast on invalid values. */
  public static final class Builder {
    private String id;
    private String name;
    private Organization organization;

    private Builder() {}

    /**
     * @param id the account id, non-blank
     * @return this builder
     */
    public Builder id(String id) {
      this.id =
          Workspace.requireNonBlank(
              "account id", id, "pass the account's id as shown in the platform UI");
      return this;
    }

    /**
     * @param name the display name, may be null
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * @param organization the owning organization, or null for an implicit one
     * @return this builder
     */
    public Builder organization(Organization organization) {
      this.organization = organization;
      return this;
    }

    /**
     * @return the account
     */
    public Account build() {
      return new Account(this);
    }
  }
}
