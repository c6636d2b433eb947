package fi.laituri.participation;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How many submissions each client may send: a token bucket of {@code laituri.participation.rate-limit.burst},
 * refilled one every {@code refill}. A client is known only by a salted SHA-256 of its address, the salt random
 * per process and never stored, and only in memory: a client's entry goes once its bucket would be full again
 * (nothing to remember), or when {@code max-clients} newer ones push it out. Nothing about a client is written
 * anywhere.
 */
@Singleton
class ClientLimits {

    private final long burst;
    private final Duration refill;
    private final int maxClients;
    private final Clock clock;
    private final byte[] salt = new byte[32];
    private final LinkedHashMap<String, Entry> clients = new LinkedHashMap<>(16, 0.75f, true);

    private record Entry(Bucket bucket, Instant lastSeen) {
    }

    ClientLimits(@Value("${laituri.participation.rate-limit.burst:5}") long burst,
                 @Value("${laituri.participation.rate-limit.refill:2m}") Duration refill,
                 @Value("${laituri.participation.rate-limit.max-clients:10000}") int maxClients, Clock clock) {
        this.burst = burst;
        this.refill = refill;
        this.maxClients = maxClients;
        this.clock = clock;
        new SecureRandom().nextBytes(salt);
    }

    /** Takes one submission from the client's bucket: empty when allowed, else the seconds until it may send again. */
    synchronized OptionalLong take(String address) {
        forgetIdle();
        String key = hash(address);
        Entry entry = clients.get(key);
        Bucket bucket = entry == null ? Bucket.builder().addLimit(l -> l.capacity(burst).refillGreedy(1, refill)).build()
                : entry.bucket();
        clients.put(key, new Entry(bucket, clock.instant()));
        while (clients.size() > maxClients) {
            Iterator<String> eldest = clients.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }

    /** How many clients are remembered now (after forgetting those with full buckets again). */
    synchronized int remembered() {
        forgetIdle();
        return clients.size();
    }

    /** Entries in order of last use: the eldest whose bucket has refilled since are dropped. */
    private void forgetIdle() {
        Instant refilled = clock.instant().minus(refill.multipliedBy(burst));
        Iterator<Map.Entry<String, Entry>> it = clients.entrySet().iterator();
        while (it.hasNext()) {
            if (!it.next().getValue().lastSeen().isBefore(refilled)) {
                break;
            }
            it.remove();
        }
    }

    private String hash(String address) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return HexFormat.of().formatHex(sha.digest(address.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
