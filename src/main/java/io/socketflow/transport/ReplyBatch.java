package io.socketflow.transport;

import java.util.List;

/**
 * Several replies written to one connection at once, each framed on its own, with a single flush: how a chat member
 * who has fallen a little behind catches up in one write instead of one per line.
 *
 * @param replies the replies, in order; only the last may close the connection
 */
public record ReplyBatch(List<Reply> replies) {

    public ReplyBatch {
        replies = List.copyOf(replies);
    }

    public boolean thenClose() {
        return !replies.isEmpty() && replies.get(replies.size() - 1).thenClose();
    }

}
