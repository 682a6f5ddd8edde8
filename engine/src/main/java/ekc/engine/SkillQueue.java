package ekc.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The requests waiting for one skill, best first: higher priority (R25), then the earlier place in
 * line. A request keeps its place number for life, so one that comes back (the operator did not
 * answer) or a call-back returns to where it stood. An indexed binary heap: removal of a request
 * whose caller hung up is O(log n). Engine thread only.
 */
final class SkillQueue {

    final Skill skill;
    final String name;
    final List<Agent> agents = new ArrayList<>();
    int idleAgents;

    private Card[] heap = new Card[16];
    private int size;

    SkillQueue(Skill skill) {
        this.skill = skill;
        this.name = skill.name();
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    Card peek() {
        return size == 0 ? null : heap[0];
    }

    void add(Card c) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = c;
        c.heapIndex = size;
        c.queue = this;
        size++;
        up(size - 1);
    }

    Card poll() {
        if (size == 0) {
            return null;
        }
        Card top = heap[0];
        removeAt(0);
        return top;
    }

    boolean remove(Card c) {
        if (c.queue != this || c.heapIndex < 0 || c.heapIndex >= size || heap[c.heapIndex] != c) {
            return false;
        }
        removeAt(c.heapIndex);
        return true;
    }

    boolean contains(Card c) {
        return c.heapIndex >= 0 && c.heapIndex < size && heap[c.heapIndex] == c;
    }

    /** True when {@code a} should be served before {@code b}. */
    static boolean before(Card a, Card b) {
        if (a.priority != b.priority) {
            return a.priority > b.priority;
        }
        return a.seq < b.seq;
    }

    private void removeAt(int i) {
        Card gone = heap[i];
        size--;
        if (i != size) {
            Card last = heap[size];
            heap[i] = last;
            last.heapIndex = i;
            heap[size] = null;
            down(i);
            if (heap[i] == last) {
                up(i);
            }
        } else {
            heap[size] = null;
        }
        gone.heapIndex = -1;
    }

    private void up(int i) {
        Card c = heap[i];
        while (i > 0) {
            int p = (i - 1) >>> 1;
            Card parent = heap[p];
            if (!before(c, parent)) {
                break;
            }
            heap[i] = parent;
            parent.heapIndex = i;
            i = p;
        }
        heap[i] = c;
        c.heapIndex = i;
    }

    private void down(int i) {
        Card c = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int l = 2 * i + 1;
            int r = l + 1;
            int best = r < size && before(heap[r], heap[l]) ? r : l;
            if (!before(heap[best], c)) {
                break;
            }
            heap[i] = heap[best];
            heap[i].heapIndex = i;
            i = best;
        }
        heap[i] = c;
        c.heapIndex = i;
    }
}
