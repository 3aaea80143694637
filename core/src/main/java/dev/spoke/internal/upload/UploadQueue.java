package dev.spoke.internal.upload;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The upload backlog: per-user ordering and request packing. Pure: no threads, no locks, no I/O;
 * the owner guards it (the {@link Uploader}'s lock). Not API.
 *
 * <p>Batches wait in order, regular and historical apart (never in one request). {@link #take}
 * packs the oldest waiting batches of one kind into a request within the {@link RequestPacker}'s
 * limits, and takes a batch only when no earlier batch of its user is in flight or passed over, so
 * each user's batches reach the platform in the order they were sealed even with several requests
 * in flight and retries. A batch without a user key (rebuilt from the journal) goes alone: only
 * when nothing is in flight and nothing before it was passed over, and nothing starts while it is
 * in flight. Requests handed back ({@link #requeueFront}) go first.
 */
public final class UploadQueue {
  /** How far {@link #take} looks past batches that must wait for their user. */
  static final int SCAN_LIMIT = 4096;

  private final RequestPacker packer;
  private final ArrayDeque<Entry> regular = new ArrayDeque<>();
  private final ArrayDeque<Entry> historical = new ArrayDeque<>();
  private final ArrayDeque<UploadRequest> front = new ArrayDeque<>();

  /** Batches in flight now, by user key: a user's next batch waits until these resolve. */
  private final Map<String, Integer> inFlightUsers = new HashMap<>();

  /** Batches in flight now without a user key (replayed ones): they order against everything. */
  private int inFlightUnkeyed;

  private int inFlightBatches;
  private long order;
  private int pendingBatches;
  private long pendingBytes;

  public UploadQueue(RequestPacker packer) {
    this.packer = packer;
  }

  /** The packing rules (limits, what can never be sent). */
  public RequestPacker packer() {
    return packer;
  }

  /** Queues batches, in order; each must be acceptable to the {@link #packer()}. */
  public void add(List<SealedBatch> batches) {
    for (SealedBatch b : batches) {
      (b.historical() ? historical : regular).addLast(new Entry(b, order++));
      pendingBatches++;
      pendingBytes += b.sizeBytes();
    }
  }

  /** Whether anything waits (it may still have to wait for a batch in flight). */
  public boolean hasWork() {
    return !front.isEmpty() || !regular.isEmpty() || !historical.isEmpty();
  }

  /**
   * The next request's batches, now in flight, or null when everything waiting must wait for a
   * batch in flight. Call {@link #finished} when the sender is done with it.
   */
  public List<SealedBatch> takeBatches() {
    UploadRequest r = take();
    return r == null ? null : r.batches;
  }

  /** Ends the flight of batches taken by {@link #takeBatches}. */
  public void finishedBatches(List<SealedBatch> batches) {
    mark(batches, -1);
  }

  UploadRequest take() {
    UploadRequest w = front.pollFirst();
    if (w != null) {
      mark(w.batches, 1);
      return w;
    }
    ArrayDeque<Entry> q;
    if (historical.isEmpty()) {
      q = regular;
    } else if (regular.isEmpty()) {
      q = historical;
    } else {
      q = regular.peekFirst().order < historical.peekFirst().order ? regular : historical;
    }
    List<SealedBatch> batches = new ArrayList<>();
    long size = RequestPacker.EMPTY_BODY_SIZE;
    Set<String> skipped = null;
    int scanned = 0;
    for (Iterator<Entry> it = q.iterator();
        it.hasNext() && batches.size() < packer.batchesPerRequest(); ) {
      if (++scanned > SCAN_LIMIT || inFlightUnkeyed > 0) {
        break;
      }
      SealedBatch b = it.next().batch;
      String key = b.userKey();
      if (key == null) {
        // Unkeyed: goes only when nothing is in flight and nothing before it was passed over.
        if (inFlightBatches > 0 || skipped != null) {
          break;
        }
      } else if (inFlightUsers.containsKey(key) || (skipped != null && skipped.contains(key))) {
        if (skipped == null) {
          skipped = new HashSet<>();
        }
        skipped.add(key);
        continue;
      }
      long next = packer.sizeWith(batches.size(), size, b);
      if (next < 0) {
        break;
      }
      it.remove();
      batches.add(b);
      size = next;
    }
    if (batches.isEmpty()) {
      return null;
    }
    UploadRequest out = new UploadRequest(batches);
    mark(out.batches, 1);
    return out;
  }

  /** The sender is done with a request it took (resolved, split, or handed back). */
  void finished(UploadRequest w) {
    mark(w.batches, -1);
  }

  /** Hands a request back unresolved: it is taken first (closing, or another request backs off). */
  void requeueFront(UploadRequest w) {
    front.addFirst(w);
  }

  /** Batches resolved (delivered or dropped): they stop counting as pending. */
  public void settle(List<SealedBatch> batches) {
    for (SealedBatch b : batches) {
      pendingBatches--;
      pendingBytes -= b.sizeBytes();
    }
  }

  /** Batches queued or in flight and not yet resolved. */
  public int pendingBatches() {
    return pendingBatches;
  }

  /** Bytes of the batches counted by {@link #pendingBatches()}. */
  public long pendingBytes() {
    return pendingBytes;
  }

  /** Empties the handed-back requests (close): their batches, first to last. */
  List<SealedBatch> drainHandedBack() {
    List<SealedBatch> out = new ArrayList<>();
    for (UploadRequest w : front) {
      out.addAll(w.batches);
    }
    front.clear();
    return out;
  }

  /** Empties the waiting batches (close), in the order they were queued. */
  List<SealedBatch> drainWaiting() {
    List<Entry> rest = new ArrayList<>(regular);
    rest.addAll(historical);
    rest.sort((a, b) -> Long.compare(a.order, b.order));
    List<SealedBatch> out = new ArrayList<>(rest.size());
    for (Entry e : rest) {
      out.add(e.batch);
    }
    regular.clear();
    historical.clear();
    return out;
  }

  private void mark(List<SealedBatch> batches, int delta) {
    for (SealedBatch b : batches) {
      inFlightBatches += delta;
      String key = b.userKey();
      if (key == null) {
        inFlightUnkeyed += delta;
      } else if (delta > 0) {
        inFlightUsers.merge(key, 1, Integer::sum);
      } else {
        inFlightUsers.computeIfPresent(key, (k, n) -> n > 1 ? n - 1 : null);
      }
    }
  }

  private static final class Entry {
    final SealedBatch batch;
    final long order;

    Entry(SealedBatch batch, long order) {
      this.batch = batch;
      this.order = order;
    }
  }
}
