package io.scaffold.notifications.repository;

/**
 * What a commit changed in the inboxes, sent on a PostgreSQL channel so that every replica's live stream hears of
 * it whichever replica wrote: {@code n:<fromId>:<toId>} for new items, {@code c:<userId>} for a changed unread count.
 */
public record InboxSignal(long fromId, long toId, String countUser) {
    public static final String CHANNEL = "scaffold_inbox";
    /** NOTIFY payloads must stay under 8000 bytes. */
    private static final int MAX_USER_LENGTH = 7000;

    public static InboxSignal written(long fromId, long toId) {
        return new InboxSignal(fromId, toId, null);
    }

    public static InboxSignal countChanged(String userId) {
        return new InboxSignal(0, 0, userId);
    }

    public boolean isWrite() {
        return countUser == null;
    }

    public String payload() {
        return isWrite() ? "n:" + fromId + ":" + toId
                : "c:" + (countUser.length() > MAX_USER_LENGTH ? countUser.substring(0, MAX_USER_LENGTH) : countUser);
    }

    /** @return the signal, or null for a payload this version does not know */
    public static InboxSignal parse(String payload) {
        if (payload == null || payload.length() < 2 || payload.charAt(1) != ':') {
            return null;
        }
        if (payload.charAt(0) == 'c') {
            return countChanged(payload.substring(2));
        }
        if (payload.charAt(0) == 'n') {
            String[] range = payload.substring(2).split(":");
            try {
                return range.length == 2 ? written(Long.parseLong(range[0]), Long.parseLong(range[1])) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
