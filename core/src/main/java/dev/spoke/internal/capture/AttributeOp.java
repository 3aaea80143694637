package dev.spoke.internal.capture;

/** The user attribute operations a {@code SpokeUser} offers. Not API. */
public enum AttributeOp {
  SET,
  LIST,
  INCREMENT,
  REMOVE,
  TAG
}
