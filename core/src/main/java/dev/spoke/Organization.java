package dev.spoke;

import java.util.Objects;

/**
 * A platform organization: the top of Organization → Account → Workspace; it may carry custom
 * service limits.
 */
public final class Organization {
  private final String id;
  private final String name;
  private final ServiceLimits limits;

  private Organization(Builder b) {
    this.id = b.id;
    this.name = b.name;
    this.limits = b.limits;
  }

  /**
   * @param id the organization id, non-blank
   * @return a builder
   * @throws IllegalArgumentException if the id is null or blank
   */
  public static Builder builder(String id) {
    return new Builder().id(id);
  }

  /**
   * @return a builder holding this organization's values
   */
  public Builder toBuilder() {
    return new Builder().id(id).name(name).limits(limits);
  }

  /**
   * @return the organization id
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
   * @return the service limits, {@link ServiceLimits#defaults()} unless customised
   */
  public ServiceLimits limits() {
    return limits;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Organization)) {
      return false;
    }
    Organization that = (Organization) o;
    return id.equals(that.id) && Objects.equals(name, that.name) && limits.equals(that.limits);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, limits);
  }

  @Override
  public String toString() {
    return "Organization[id="
        + id
        + ", name="
        + name
        + (limits.equals(ServiceLimits.defaults()) ? ", limits=defaults" : ", limits=" + limits)
        + "]";
  }

  /** Builds an {@link Organization}; setters fail fast on invalid values. */
  public static final class Builder {
    private String id;
    private String name;
    private ServiceLimits limits = ServiceLimits.defaults();

    private Builder() {}

    /**
     * @param id the organization id, non-blank
     * @return this builder
     */
    public Builder id(String id) {
      this.id =
          Workspace.requireNonBlank(
              "organization id", id, "pass the organization's id as shown in the platform UI");
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
     * @param limits the organization's service limits, non-null
     * @return this builder
     */
    public Builder limits(ServiceLimits limits) {
      if (limits == null) {
        throw new IllegalArgumentException(
            "limits must not be null: pass ServiceLimits.defaults() or a customised ServiceLimits");
      }
      this.limits = limits;
      return this;
    }

    /**
     * @return the organization
     */
    public Organization build() {
      return new Organization(this);
    }
  }
}
