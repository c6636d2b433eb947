package fi.laituri.security;

/** A user's role, or their languages, do not allow what they asked for; the message says why. */
public class NotPermitted extends RuntimeException {

    private final String permission;

    NotPermitted(String permission, String reason) {
        super(reason);
        this.permission = permission;
    }

    /** What was refused, in words ("delete document"). */
    public String permission() {
        return permission;
    }
}
