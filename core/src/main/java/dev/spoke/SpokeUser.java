package dev.spoke;

import dev.spoke.event.Event;
import dev.spoke.internal.capture.AttributeOp;
import dev.spoke.internal.pipeline.UserContext;
import dev.spoke.user.AliasRequest;
import dev.spoke.user.ConsentDecision;
import dev.spoke.user.ConsentState;
import dev.spoke.user.IdentityResult;
import dev.spoke.user.UserIdentities;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One user as Spoke tracks them: a handle that is cheap to keep and safe to use from any thread. A
 * client app uses {@link Spoke#currentUser()}; a server app gets one handle per user with {@link
 * Spoke#user(UserIdentities)}. Every method returns at once, never throws outside strict mode (bad
 * input is fixed or dropped, counted and reported), and never blocks on I/O.
 */
public final class SpokeUser {
  private final Spoke spoke;
  final UserContext context;

  SpokeUser(Spoke spoke, UserContext context) {
    this.spoke = spoke;
    this.context = context;
  }

  /** Logs an event for this user. */
  public void logEvent(Event event) {
    spoke.track(context, event);
  }

  /** Sets a scalar user attribute (String, Number or Boolean; sent as a string). */
  public void setAttribute(String name, Object value) {
    spoke.attributeOp(context, AttributeOp.SET, name, value);
  }

  /** Sets a list user attribute (at most 1,000 entries of at most 512 characters). */
  public void setAttributeList(String name, List<?> values) {
    spoke.attributeOp(context, AttributeOp.LIST, name, values);
  }

  /** Adds {@code delta} to a numeric user attribute (a missing one counts as 0). */
  public void incrementAttribute(String name, Number delta) {
    spoke.attributeOp(context, AttributeOp.INCREMENT, name, delta);
  }

  /** Removes a user attribute; the next batch lists it in {@code deleted_user_attributes}. */
  public void removeAttribute(String name) {
    spoke.attributeOp(context, AttributeOp.REMOVE, name, null);
  }

  /** Sets a tag: an attribute with no value. */
  public void setTag(String name) {
    spoke.attributeOp(context, AttributeOp.TAG, name, null);
  }

  /** The user's attributes now (String, List of String, or null for a tag). */
  public Map<String, Object> attributes() {
    return context.attributesSnapshot();
  }

  /**
   * Replaces the user's consent state (sent with every later batch; kits re-evaluate their consent
   * rules).
   */
  public void setConsentState(ConsentState consent) {
    spoke.consent(context, consent);
  }

  /** Sets one GDPR purpose. */
  public void setGdprConsent(String purpose, ConsentDecision decision) {
    spoke.consent(context, context.consent().toBuilder().gdpr(purpose, decision).build());
  }

  /** Sets the CCPA state ({@code consented=true} means the user opted out of sale). */
  public void setCcpaConsent(ConsentDecision decision) {
    spoke.consent(context, context.consent().toBuilder().ccpa(decision).build());
  }

  public ConsentState consentState() {
    return context.consent();
  }

  /** Starts a new session now (ending the current one, if any). */
  public void startSession() {
    spoke.startSession(context);
  }

  /** Ends the current session now, if there is one. */
  public void endSession() {
    spoke.endSession(context);
  }

  /**
   * Resolves this user's MPID with IDSync {@code identify}; events logged meanwhile are stamped
   * with it.
   */
  public CompletableFuture<IdentityResult> identify() {
    return spoke.identifyUser(context);
  }

  /**
   * Aliases this user (typically anonymous) into {@code destination} (typically the one who logged
   * in): the data this user's MPID collected between {@code startMillis} and {@code endMillis} is
   * copied to the destination's. Both users need an MPID from IDSync. See {@link
   * Spoke#aliasUsers(AliasRequest)}.
   *
   * @return completes once the platform accepted the request; fails with an IdentityException
   *     otherwise
   */
  public CompletableFuture<Void> aliasInto(
      SpokeUser destination, long startMillis, long endMillis) {
    Long source = mpid();
    Long target = destination == null ? null : destination.mpid();
    return spoke.aliasUsers(
        AliasRequest.builder()
            .sourceMpid(source == null ? 0 : source)
            .destinationMpid(target == null ? 0 : target)
            .startTimeMillis(startMillis)
            .endTimeMillis(endMillis)
            .build());
  }

  public UserIdentities identities() {
    return context.identities();
  }

  /**
   * @return the MPID, or null while IDSync has not resolved this user
   */
  public Long mpid() {
    return context.mpid();
  }

  /** Whether IDSync reported this user as logged in. */
  public boolean loggedIn() {
    return context.loggedIn();
  }

  @Override
  public String toString() {
    return "SpokeUser{" + context.key + ", mpid=" + context.mpid() + '}';
  }
}
