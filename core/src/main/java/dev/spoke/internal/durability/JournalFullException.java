package dev.spoke.internal.durability;

import java.io.IOException;

/**
 * An append was refused because the journal reached its size bound. The record was not written; the
 * caller counts it as dropped. Not API.
 */
public final class JournalFullException extends IOException {
  JournalFullException(String message) {
    super(message);
  }
}
