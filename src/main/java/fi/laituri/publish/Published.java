package fi.laituri.publish;

/** What a publish did: files written (new or changed), left as they were, and deleted from the target. */
public record Published(int written, int unchanged, int deleted) {
}
