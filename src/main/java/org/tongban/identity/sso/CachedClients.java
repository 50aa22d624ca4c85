package org.tongban.identity.sso;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Registered clients read through a cache of a few seconds: the token endpoint reads its client on every request,
 * and a change (secret rotated, client disabled) reaches every node within {@link #TTL} anyway.
 */
final class CachedClients implements RegisteredClientRepository {

    static final Duration TTL = Duration.ofSeconds(5);

    private record Entry(RegisteredClient client, long loadedAt) {
    }

    private final RegisteredClientRepository delegate;
    private final ConcurrentHashMap<String, Entry> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Entry> byClientId = new ConcurrentHashMap<>();

    CachedClients(RegisteredClientRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public void save(RegisteredClient client) {
        delegate.save(client);
        byId.remove(client.getId());
        byClientId.remove(client.getClientId());
    }

    @Override
    public RegisteredClient findById(String id) {
        return cached(byId, id, () -> delegate.findById(id));
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return cached(byClientId, clientId, () -> delegate.findByClientId(clientId));
    }

    private static RegisteredClient cached(ConcurrentHashMap<String, Entry> cache, String key,
            java.util.function.Supplier<RegisteredClient> load) {
        long now = System.nanoTime();
        Entry entry = cache.get(key);
        if (entry == null || now - entry.loadedAt() > TTL.toNanos()) {
            RegisteredClient client = load.get();
            if (client == null) {
                cache.remove(key);
                return null;
            }
            entry = new Entry(client, now);
            cache.put(key, entry);
        }
        return entry.client();
    }
}
