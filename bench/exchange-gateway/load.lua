-- wrk script of bench/exchange-gateway.sh (read by GatewayBenchmark, which starts wrk).
--
-- GATEWAY_MODE=query: each request is a gateway look-up (POST /api/v1/exchange/query) as the demo department system
-- (GATEWAY_TOKEN), about one of the residents listed in GATEWAY_IDS (one ID number per line), with a case reference
-- unique to the run (GATEWAY_RUN), the wrk thread and the request. GATEWAY_MODE=plain: wrk's own request (the
-- reference endpoint named on the command line).
--
-- done() prints one line for GatewayBenchmark:
--   WRK <requests generated> <answered 200> <answered otherwise> <socket errors> <seconds> <p50 µs> <p95 µs> <p99 µs>
-- and, when GATEWAY_ACKED names a file, appends to it the access-log id each 200 answer carried (one per line).

local threads = {}
local next_id = 1

function setup(thread)
    thread:set("tid", next_id)
    next_id = next_id + 1
    table.insert(threads, thread)
end

function init(args)
    sent, ok, other = 0, 0, 0
    acked = {}
    mode = os.getenv("GATEWAY_MODE") or "plain"
    if mode == "query" then
        ids = {}
        for line in io.lines(os.getenv("GATEWAY_IDS")) do
            ids[#ids + 1] = line
        end
        prefix = os.getenv("GATEWAY_RUN") .. "-" .. tid .. "-"
        headers = {
            ["Authorization"] = "Bearer " .. os.getenv("GATEWAY_TOKEN"),
            ["Content-Type"] = "application/json"
        }
    end
end

function request()
    sent = sent + 1
    if mode ~= "query" then
        return wrk.format(nil, nil, nil, nil)
    end
    local body = '{"resource":"101001-00001","subjectType":"PERSON","subject":"' .. ids[sent % #ids + 1]
        .. '","items":["name","birthDate"],"purpose":"企业开办登记审核","caseReference":"' .. prefix .. sent .. '"}'
    return wrk.format("POST", "/api/v1/exchange/query", headers, body)
end

function response(status, headers, body)
    if status == 200 then
        ok = ok + 1
        if mode == "query" then
            acked[#acked + 1] = string.match(body, '"accessId":(%d+)') or "none"
        end
    else
        other = other + 1
    end
end

function done(summary, latency, requests)
    local s, o, x = 0, 0, 0
    local file = os.getenv("GATEWAY_ACKED")
    local out = file and io.open(file, "a")
    for _, t in ipairs(threads) do
        s = s + t:get("sent")
        o = o + t:get("ok")
        x = x + t:get("other")
        if out then
            for _, id in ipairs(t:get("acked")) do
                out:write(id, "\n")
            end
        end
    end
    if out then
        out:close()
    end
    local e = summary.errors
    io.write(string.format("WRK %d %d %d %d %.3f %d %d %d\n", s, o, x,
        e.connect + e.read + e.write + e.timeout, summary.duration / 1e6,
        latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
