-- A resource served by a department system's HTTP endpoint instead of an in-platform base table (DOMAIN §9): the
-- exchange calls it with a timeout, retries with backoff and a circuit breaker; a provider that is down never blocks
-- an application, which falls back to an upload.
alter table exchange_resource add column endpoint_url varchar(500);
alter table exchange_resource add constraint exchange_resource_endpoint
    check (endpoint_url is null or endpoint_url ~ '^https?://[^ ]+$');
